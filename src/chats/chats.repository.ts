import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/projects/object-id';
import { Chat, ChatStatus, NameSource } from './chat.schema';

export interface NewChat {
  readonly userId: string;
  readonly chatName: string;
  readonly nameSource: NameSource;
}

/** Fields a change may set (dotted paths into metadata and context included). */
export type ChatChanges = Readonly<Record<string, unknown>>;

/**
 * The only class that touches the chats collection; every read and write is owner-scoped. It
 * does not lock: ChatsService runs every write under ChatLock.
 */
@Injectable()
export class ChatsRepository implements OnModuleInit {
  constructor(@InjectModel(Chat.name) private readonly chats: Model<Chat>) {}

  async onModuleInit(): Promise<void> {
    await this.chats.init();
  }

  async create(input: NewChat): Promise<Chat> {
    const created = await this.chats.create({
      user_id: new Types.ObjectId(input.userId),
      chat_name: input.chatName,
      name_source: input.nameSource,
    });
    return created.toObject();
  }

  /** Any status: callers decide what a deleted or archived chat means for them. */
  findOwned(userId: string, chatId: string): Promise<Chat | null> {
    const filter = ownedBy(userId, chatId);
    return filter ? this.chats.findOne(filter).lean<Chat>().exec() : Promise.resolve(null);
  }

  async list(
    userId: string,
    status: ChatStatus,
    page: { limit: number; offset: number },
  ): Promise<{ chats: Chat[]; total: number }> {
    const filter = { user_id: new Types.ObjectId(userId), status };
    const [chats, total] = await Promise.all([
      this.chats
        .find(filter, { summaries: 0, reflections: 0, context: 0 })
        .sort({ created_at: -1, _id: -1 })
        .skip(page.offset)
        .limit(page.limit)
        .lean<Chat[]>()
        .exec(),
      this.chats.countDocuments(filter).exec(),
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
    const filter = ownedBy(userId, chatId);
    if (!filter) return Promise.resolve(null);
    return this.chats
      .findOneAndUpdate(filter, { $set: changes }, { new: true, timestamps: options.touch ?? true })
      .lean<Chat>()
      .exec();
  }

  /** Every chat of the owner, whatever its status (the account purge). */
  async idsForOwner(userId: string): Promise<string[]> {
    const user_id = parseObjectId(userId);
    if (!user_id) return [];
    const rows = await this.chats.find({ user_id }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
    return rows.map((row) => row._id.toHexString());
  }

  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.chats.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ownedBy(userId: string, chatId: string): Record<string, Types.ObjectId> | null {
  const _id = parseObjectId(chatId);
  const user_id = parseObjectId(userId);
  return _id && user_id ? { _id, user_id } : null;
}
