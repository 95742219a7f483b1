import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/projects/object-id';
import { ChatAttachment, ExtractionStatus } from './chat-attachment.schema';

export interface NewAttachment {
  readonly userId: string;
  readonly chatId: string;
  readonly filename: string;
  readonly originalFilename: string;
  readonly size: number;
  readonly contentType: string;
  readonly key: string;
  readonly sha256: string;
  readonly extractionStatus: ExtractionStatus;
  readonly textKey: string | null;
}

export type InsertResult =
  { readonly created: ChatAttachment } | { readonly existing: ChatAttachment };

const DUPLICATE_KEY = 11000;

/** The only class that touches chat_attachments; every query carries the owner's id. */
@Injectable()
export class ChatAttachmentsRepository implements OnModuleInit {
  constructor(
    @InjectModel(ChatAttachment.name) private readonly attachments: Model<ChatAttachment>,
  ) {}

  /** The unique (chat, hash) index is what collapses the same content sent twice into one. */
  async onModuleInit(): Promise<void> {
    await this.attachments.init();
  }

  findByHash(userId: string, chatId: string, sha256: string): Promise<ChatAttachment | null> {
    const filter = ofChat(userId, chatId);
    if (!filter) return Promise.resolve(null);
    return this.attachments
      .findOne({ ...filter, file_hash: sha256 })
      .lean<ChatAttachment>()
      .exec();
  }

  /** Inserts, or hands back the record another request inserted for the same content first. */
  async insert(input: NewAttachment): Promise<InsertResult> {
    try {
      const created = await this.attachments.create({
        user_id: new Types.ObjectId(input.userId),
        chat_id: new Types.ObjectId(input.chatId),
        filename: input.filename,
        original_filename: input.originalFilename,
        file_size: input.size,
        content_type: input.contentType,
        s3_key: input.key,
        file_hash: input.sha256,
        extraction_status: input.extractionStatus,
        text_key: input.textKey,
        uploaded_at: new Date(),
      });
      return { created: created.toObject() };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.findByHash(input.userId, input.chatId, input.sha256);
      if (!existing) throw error;
      return { existing };
    }
  }

  findMany(
    userId: string,
    chatId: string,
    ids: readonly Types.ObjectId[],
  ): Promise<ChatAttachment[]> {
    const filter = ofChat(userId, chatId);
    if (!filter || ids.length === 0) return Promise.resolve([]);
    return this.attachments
      .find({ ...filter, _id: { $in: ids } })
      .lean<ChatAttachment[]>()
      .exec();
  }

  /** Only to undo attachments stored by a request that then failed. */
  async removeOwned(userId: string, ids: readonly Types.ObjectId[]): Promise<void> {
    const user_id = parseObjectId(userId);
    if (!user_id || ids.length === 0) return;
    await this.attachments.deleteMany({ user_id, _id: { $in: ids } }).exec();
  }

  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.attachments.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ofChat(userId: string, chatId: string): Record<string, Types.ObjectId> | null {
  const chat_id = parseObjectId(chatId);
  const user_id = parseObjectId(userId);
  return chat_id && user_id ? { chat_id, user_id } : null;
}
