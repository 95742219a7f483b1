import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { OwnedRepository } from '@/infra/database/owned.repository';
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
export class MessagesRepository extends OwnedRepository<Message> {
  /** The unique (chat, seq) index backs the total order (built before the first write). */
  constructor(@InjectModel(Message.name) model: Model<Message>) {
    super(model, 'chat_id');
  }

  async newest(userId: string, chatId: string): Promise<MessagePlace | null> {
    const owner = this.owner(userId, chatId);
    if (!owner) return null;
    return this.findOne(owner)
      .select({ seq: 1, timestamp: 1 })
      .sort({ seq: -1 })
      .lean<MessagePlace>()
      .exec();
  }

  add(input: NewMessage): Promise<Message> {
    return this.insert(input.userId, input.chatId, {
      seq: input.seq,
      message_type: input.messageType,
      content: input.content,
      timestamp: input.timestamp,
      status: input.status,
      reply_to: input.replyTo ? new Types.ObjectId(input.replyTo) : null,
      metadata: input.metadata,
      suggested_actions: [...input.suggestedActions],
      attachments: [...input.attachments],
      error: input.error,
    });
  }

  findMessage(userId: string, chatId: string, messageId: string): Promise<Message | null> {
    const owner = this.owner(userId, chatId);
    const _id = parseObjectId(messageId);
    if (!owner || !_id) return Promise.resolve(null);
    return this.findById(owner, _id);
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
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve([]);
    const forward = cursor.after !== undefined;
    const timestamp = forward
      ? { $gt: cursor.after }
      : cursor.before
        ? { $lt: cursor.before }
        : undefined;
    return this.find(owner, timestamp ? { timestamp } : {})
      .sort({ timestamp: forward ? 1 : -1 })
      .limit(limit + 1)
      .lean<Message[]>()
      .exec();
  }

  /** Complete messages with afterSeq < seq < beforeSeq, oldest first: what the model reads. */
  between(userId: string, chatId: string, afterSeq: number, beforeSeq: number): Promise<Message[]> {
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner, { status: 'complete', seq: { $gt: afterSeq, $lt: beforeSeq } })
      .sort({ seq: 1 })
      .lean<Message[]>()
      .exec();
  }

  /** The newest complete assistant message (its response time feeds the typing estimate). */
  lastReply(userId: string, chatId: string): Promise<Message | null> {
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { message_type: 'assistant', status: 'complete' })
      .sort({ seq: -1 })
      .lean<Message>()
      .exec();
  }
}
