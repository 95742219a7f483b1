import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { Chat, CHAT_LIST_ORDER, ChatStatus, NameSource } from './chat.schema';

export interface NewChat {
  readonly userId: string;
  readonly chatName: string;
  readonly nameSource: NameSource;
}

/** Fields a change may set (dotted paths into metadata and context included). */
export type ChatChanges = Readonly<Record<string, unknown>>;

/**
 * The only class that touches the chats collection; every read and write is owner-scoped.
 * ChatsService runs every write under ChatLock, held across the read it is computed from.
 */
@Injectable()
export class ChatsRepository extends OwnedRepository<Chat> {
  constructor(@InjectModel(Chat.name) model: Model<Chat>) {
    super(model, '_id');
  }

  create(input: NewChat): Promise<Chat> {
    return this.insert(input.userId, undefined, {
      chat_name: input.chatName,
      name_source: input.nameSource,
    });
  }

  /** Any status: callers decide what a deleted or archived chat means for them. */
  findOwned(userId: string, chatId: string): Promise<Chat | null> {
    const owner = this.owner(userId, chatId);
    return owner ? this.findById(owner) : Promise.resolve(null);
  }

  async list(
    userId: string,
    status: ChatStatus,
    page: { limit: number; offset: number },
  ): Promise<{ chats: Chat[]; total: number }> {
    const owner = this.owner(userId);
    if (!owner) return { chats: [], total: 0 };
    const [chats, total] = await Promise.all([
      this.find(owner, { status })
        .select({ summaries: 0, reflections: 0, context: 0 })
        .sort(CHAT_LIST_ORDER)
        .skip(page.offset)
        .limit(page.limit)
        .lean<Chat[]>()
        .exec(),
      this.countDocuments(owner, { status }).exec(),
    ]);
    return { chats, total };
  }

  /** One update of the owner's chat; null when there is no such chat. */
  set(
    userId: string,
    chatId: string,
    changes: ChatChanges,
    options: { touch?: boolean } = {},
  ): Promise<Chat | null> {
    const owner = this.owner(userId, chatId);
    if (!owner) return Promise.resolve(null);
    return this.findOneAndUpdate<Chat>(
      owner,
      {},
      { $set: changes },
      { new: true, timestamps: options.touch ?? true },
    );
  }

  /** Every chat of the owner, whatever its status (the account purge). */
  async idsForOwner(userId: string): Promise<string[]> {
    const owner = this.owner(userId);
    if (!owner) return [];
    const rows = await this.find(owner).select({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>().exec();
    return rows.map((row) => row._id.toHexString());
  }
}
