import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
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
export class ChatAttachmentsRepository extends OwnedRepository<ChatAttachment> {
  /** The unique (chat, hash) index is what collapses the same content sent twice into one. */
  constructor(@InjectModel(ChatAttachment.name) model: Model<ChatAttachment>) {
    super(model, 'chat_id');
  }

  findByHash(userId: string, chatId: string, sha256: string): Promise<ChatAttachment | null> {
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { file_hash: sha256 }).lean<ChatAttachment>().exec();
  }

  /** Inserts, or hands back the record another request inserted for the same content first. */
  async add(input: NewAttachment): Promise<InsertResult> {
    try {
      const created = await this.insert(input.userId, input.chatId, {
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
      return { created };
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
    const owner = this.owner(userId, chatId);
    if (!owner || ids.length === 0) return Promise.resolve([]);
    return this.find(owner, { _id: { $in: [...ids] } })
      .lean<ChatAttachment[]>()
      .exec();
  }

  /** Only to undo attachments stored by a request that then failed. */
  async removeOwned(userId: string, ids: readonly Types.ObjectId[]): Promise<void> {
    const owner = this.owner(userId);
    if (!owner || ids.length === 0) return;
    await this.deleteMany(owner, { _id: { $in: [...ids] } }).exec();
  }
}
