import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/projects/object-id';
import {
  Message,
  MessageAttachment,
  MessageError,
  MessageMetadata,
  MessageStatus,
  MessageType,
  StoredSuggestedAction,
} from './message.schema';

export interface NewMessage {
  readonly userId: string;
  readonly chatId: string;
  readonly seq: number;
  readonly timestamp: Date;
  readonly messageType: MessageType;
  readonly content: string;
  readonly status: MessageStatus;
  readonly replyTo: string | null;
  readonly metadata: MessageMetadata | null;
  readonly suggestedActions: readonly StoredSuggestedAction[];
  readonly attachments: readonly MessageAttachment[];
  readonly error: MessageError | null;
}

/** The place of the newest message: where the next one goes. */
export interface MessagePlace {
  readonly seq: number;
  readonly timestamp: Date;
}

/** The only class that touches the messages collection; every query carries the owner's id. */
@Injectable()
export class MessagesRepository implements OnModuleInit {
  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  /** The unique (chat, seq) index backs the total order. */
  async onModuleInit(): Promise<void> {
    await this.messages.init();
  }

  async newest(userId: string, chatId: string): Promise<MessagePlace | null> {
    const filter = ofChat(userId, chatId);
    if (!filter) return null;
    return this.messages
      .findOne(filter, { seq: 1, timestamp: 1 })
      .sort({ seq: -1 })
      .lean<MessagePlace>()
      .exec();
  }

  async insert(input: NewMessage): Promise<Message> {
    const created = await this.messages.create({
      chat_id: new Types.ObjectId(input.chatId),
      user_id: new Types.ObjectId(input.userId),
      seq: input.seq,
      message_type: input.messageType,
      content: input.content,
      timestamp: input.timestamp,
      status: input.status,
      reply_to: input.replyTo ? new Types.ObjectId(input.replyTo) : null,
      metadata: input.metadata,
      suggested_actions: input.suggestedActions,
      attachments: input.attachments,
      error: input.error,
    });
    return created.toObject();
  }

  findOne(userId: string, chatId: string, messageId: string): Promise<Message | null> {
    const filter = ofChat(userId, chatId);
    const _id = parseObjectId(messageId);
    if (!filter || !_id) return Promise.resolve(null);
    return this.messages
      .findOne({ ...filter, _id })
      .lean<Message>()
      .exec();
  }

  /**
   * Up to `limit + 1` messages next to a cursor: older than `before` (newest first) or newer than
   * `after` (oldest first); the extra one says whether there are more.
   */
  window(
    userId: string,
    chatId: string,
    cursor: { before?: Date; after?: Date },
    limit: number,
  ): Promise<Message[]> {
    const filter = ofChat(userId, chatId);
    if (!filter) return Promise.resolve([]);
    const forward = cursor.after !== undefined;
    const timestamp = forward
      ? { $gt: cursor.after }
      : cursor.before
        ? { $lt: cursor.before }
        : undefined;
    return this.messages
      .find(timestamp ? { ...filter, timestamp } : filter)
      .sort({ timestamp: forward ? 1 : -1 })
      .limit(limit + 1)
      .lean<Message[]>()
      .exec();
  }

  /** Complete messages with afterSeq < seq < beforeSeq, oldest first: what the model reads. */
  between(userId: string, chatId: string, afterSeq: number, beforeSeq: number): Promise<Message[]> {
    const filter = ofChat(userId, chatId);
    if (!filter) return Promise.resolve([]);
    return this.messages
      .find({ ...filter, status: 'complete', seq: { $gt: afterSeq, $lt: beforeSeq } })
      .sort({ seq: 1 })
      .lean<Message[]>()
      .exec();
  }

  /** The newest complete assistant message (its response time feeds the typing estimate). */
  lastReply(userId: string, chatId: string): Promise<Message | null> {
    const filter = ofChat(userId, chatId);
    if (!filter) return Promise.resolve(null);
    return this.messages
      .findOne({ ...filter, message_type: 'assistant', status: 'complete' })
      .sort({ seq: -1 })
      .lean<Message>()
      .exec();
  }

  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.messages.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ofChat(userId: string, chatId: string): Record<string, Types.ObjectId> | null {
  const chat_id = parseObjectId(chatId);
  const user_id = parseObjectId(userId);
  return chat_id && user_id ? { chat_id, user_id } : null;
}
