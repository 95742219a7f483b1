import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/projects/object-id';
import { ChatConversion, ConvertedQuestion } from './chat-conversion.schema';

export interface ConversionResult {
  readonly projectId: string;
  readonly sessionId: string;
  readonly questions: readonly ConvertedQuestion[];
}

export type Claim = { readonly won: true } | { readonly won: false; readonly held: ChatConversion };

const DUPLICATE_KEY = 11000;

/** The only class that touches chat_conversions; every query carries the owner's id. */
@Injectable()
export class ChatConversionsRepository implements OnModuleInit {
  constructor(
    @InjectModel(ChatConversion.name) private readonly conversions: Model<ChatConversion>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.conversions.init();
  }

  /** Claim-first insert: the chat's id is the document's, so only one claim can exist. */
  async claim(userId: string, chatId: string, token: string): Promise<Claim> {
    try {
      await this.conversions.create({
        _id: new Types.ObjectId(chatId),
        user_id: new Types.ObjectId(userId),
        status: 'pending',
        token,
        claimed_at: new Date(),
      });
      return { won: true };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const held = await this.find(userId, chatId);
      // Released between our insert and our read: the caller simply tries again.
      return held ? { won: false, held } : this.claim(userId, chatId, token);
    }
  }

  find(userId: string, chatId: string): Promise<ChatConversion | null> {
    const _id = parseObjectId(chatId);
    const user_id = parseObjectId(userId);
    if (!_id || !user_id) return Promise.resolve(null);
    return this.conversions.findOne({ _id, user_id }).lean<ChatConversion>().exec();
  }

  /** Only the claim's holder completes it (one writer: no race on this document). */
  async complete(
    userId: string,
    chatId: string,
    token: string,
    result: ConversionResult,
  ): Promise<void> {
    await this.conversions
      .updateOne(
        { _id: new Types.ObjectId(chatId), user_id: new Types.ObjectId(userId), token },
        {
          $set: {
            status: 'done',
            project_id: new Types.ObjectId(result.projectId),
            session_id: result.sessionId,
            clarification_questions: result.questions,
          },
        },
      )
      .exec();
  }

  /** Gives a pending claim up (its holder failed, or it is stale), so another try can claim. */
  async release(userId: string, chatId: string, token: string): Promise<void> {
    await this.conversions
      .deleteOne({
        _id: new Types.ObjectId(chatId),
        user_id: new Types.ObjectId(userId),
        token,
        status: 'pending',
      })
      .exec();
  }

  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.conversions.deleteMany({ user_id }).exec()).deletedCount;
  }
}
