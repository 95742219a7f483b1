import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { ChatConversion, ConvertedQuestion } from './chat-conversion.schema';

export interface ConversionResult {
  readonly projectId: string;
  readonly sessionId: string;
  readonly questions: readonly ConvertedQuestion[];
}

export type Claim = { readonly won: true } | { readonly won: false; readonly held: ChatConversion };

const DUPLICATE_KEY = 11000;

/**
 * The only class that touches chat_conversions; every query carries the owner's id. A claim's
 * `_id` is its chat's, so the chat is the parent record here.
 */
@Injectable()
export class ChatConversionsRepository extends OwnedRepository<ChatConversion> {
  constructor(@InjectModel(ChatConversion.name) model: Model<ChatConversion>) {
    super(model, '_id');
  }

  /** Claim-first insert: the chat's id is the document's, so only one claim can exist. */
  async claim(userId: string, chatId: string, token: string): Promise<Claim> {
    try {
      await this.insert(userId, chatId, { status: 'pending', token, claimed_at: new Date() });
      return { won: true };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const held = await this.findClaim(userId, chatId);
      // Released between our insert and our read: the caller simply tries again.
      return held ? { won: false, held } : this.claim(userId, chatId, token);
    }
  }

  findClaim(userId: string, chatId: string): Promise<ChatConversion | null> {
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner).lean<ChatConversion>().exec();
  }

  /** Only the claim's holder completes it (one writer: no race on this document). */
  async complete(
    userId: string,
    chatId: string,
    token: string,
    result: ConversionResult,
  ): Promise<void> {
    const owner = this.owner(userId, chatId);
    if (!owner) return;
    await this.updateOne(
      owner,
      { token },
      {
        $set: {
          status: 'done',
          project_id: new Types.ObjectId(result.projectId),
          session_id: result.sessionId,
          clarification_questions: result.questions,
        },
      },
    );
  }

  /** Gives a pending claim up (its holder failed, or it is stale), so another try can claim. */
  async release(userId: string, chatId: string, token: string): Promise<void> {
    const owner = this.owner(userId, chatId);
    if (!owner) return;
    await this.deleteOne(owner, { token, status: 'pending' }).exec();
  }
}
