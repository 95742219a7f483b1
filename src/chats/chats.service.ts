import { Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { RealtimeService } from '@/realtime/realtime.service';
import { Storage } from '@/storage/storage';
import { ChatAttachmentsRepository } from './attachments/chat-attachments.repository';
import { ChatKeys } from './chat-keys';
import { ChatLock } from './chat-lock';
import { Chat, ChatReflectionNote, ChatSummaryNote } from './chat.schema';
import { chatDetail, chatSummary } from './chat.view';
import { ChatsRepository } from './chats.repository';
import { ChatConversionsRepository } from './conversions/chat-conversions.repository';
import { CreateChatDto } from './dto/create-chat.dto';
import {
  ChatDetailDto,
  ChatListDto,
  ChatSummaryDto,
  CreatedChatDto,
} from './dto/chat-responses.dto';
import { ListChatsQuery } from './dto/list-chats.query';
import { UpdateChatDto } from './dto/update-chat.dto';
import { MessagesRepository } from './messages/messages.repository';

/** What a chat is called until its first message gives the AI something to title. */
export const PLACEHOLDER_NAME = 'New chat';
/** Summaries and reflections kept per chat, newest. */
const NOTES_KEPT = 20;

export interface PurgedChats {
  readonly chats: number;
  readonly messages: number;
  readonly attachments: number;
}

/**
 * Chats and the rules on them: listing, naming, archiving, soft delete, and the changes the chat
 * workflows make (AI titles, the rolling summary, the project link, summaries and reflections).
 * Every change of a chat document runs under ChatLock. A deleted chat is a 404 everywhere.
 */
@Injectable()
export class ChatsService {
  private readonly logger = new Logger(ChatsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly chats: ChatsRepository,
    private readonly messages: MessagesRepository,
    private readonly attachments: ChatAttachmentsRepository,
    private readonly conversions: ChatConversionsRepository,
    private readonly lock: ChatLock,
    private readonly storage: Storage,
    private readonly realtime: RealtimeService,
  ) {}

  async create(userId: string, dto: CreateChatDto): Promise<CreatedChatDto> {
    const chat = await this.chats.create({
      userId,
      chatName: dto.chat_name ?? PLACEHOLDER_NAME,
      nameSource: dto.chat_name === undefined ? 'placeholder' : 'user',
    });
    return {
      chat_id: chat._id.toHexString(),
      chat_name: chat.chat_name,
      created_at: chat.created_at.toISOString(),
      name_source: chat.name_source,
    };
  }

  async list(userId: string, query: ListChatsQuery): Promise<ChatListDto> {
    const { chats, total } = await this.chats.list(userId, query.status, query);
    return { chats: chats.map(chatSummary), total, limit: query.limit, offset: query.offset };
  }

  async get(userId: string, chatId: string): Promise<ChatDetailDto> {
    return chatDetail(await this.visible(userId, chatId));
  }

  async update(userId: string, chatId: string, dto: UpdateChatDto): Promise<ChatSummaryDto> {
    if (dto.chat_name === undefined && dto.status === undefined) {
      throw AppError.validation([
        { field: 'chat_name', message: 'send chat_name, status or both' },
      ]);
    }
    const changes = {
      ...(dto.chat_name === undefined ? {} : { chat_name: dto.chat_name, name_source: 'user' }),
      ...(dto.status === undefined ? {} : { status: dto.status }),
    };
    // The owner check before the lock as well: a stranger's request never queues for it.
    await this.visible(userId, chatId);
    const updated = await this.lock.run(chatId, async () => {
      await this.visible(userId, chatId);
      return this.chats.set(userId, chatId, changes);
    });
    if (!updated) throw notFound();
    return chatSummary(updated);
  }

  /** Soft delete: status "deleted", gone from the default list, a 404 from now on. */
  async remove(userId: string, chatId: string): Promise<void> {
    await this.visible(userId, chatId);
    await this.lock.run(chatId, async () => {
      await this.visible(userId, chatId);
      await this.chats.set(userId, chatId, { status: 'deleted' });
    });
    this.realtime.closeChat(chatId);
  }

  /** The owner's chat unless deleted (someone else's, a missing one and a deleted one: 404). */
  async visible(userId: string, chatId: string): Promise<Chat> {
    const chat = await this.chats.findOwned(userId, chatId);
    if (!chat || chat.status === 'deleted') throw notFound();
    return chat;
  }

  /** A chat that takes new messages and conversions: visible and not archived. */
  async writable(userId: string, chatId: string): Promise<Chat> {
    const chat = await this.visible(userId, chatId);
    if (chat.status === 'archived') {
      throw new AppError(
        'CONFLICT',
        'Chat is archived; restore it (PUT status "active") before adding to it',
        { status: chat.status },
      );
    }
    return chat;
  }

  /** The AI's title, unless the user named the chat in the meantime. */
  async nameByAi(userId: string, chatId: string, title: string): Promise<void> {
    await this.lock.run(chatId, async () => {
      const chat = await this.chats.findOwned(userId, chatId);
      if (chat?.name_source !== 'placeholder') return;
      await this.chats.set(userId, chatId, { chat_name: title, name_source: 'ai' });
    });
  }

  /** Keeps a newer rolling summary; an older one (from a reply that finished later) is dropped. */
  async keepContext(
    userId: string,
    chatId: string,
    context: { summary: string; throughSeq: number },
  ): Promise<void> {
    await this.lock.run(chatId, async () => {
      const chat = await this.chats.findOwned(userId, chatId);
      if (!chat || chat.context.through_seq >= context.throughSeq) return;
      await this.chats.set(
        userId,
        chatId,
        { context: { summary: context.summary, through_seq: context.throughSeq } },
        { touch: false },
      );
    });
  }

  async linkProject(userId: string, chatId: string, projectId: string): Promise<void> {
    await this.lock.run(chatId, () =>
      this.chats.set(userId, chatId, {
        'metadata.has_project': true,
        'metadata.project_id': new Types.ObjectId(projectId),
      }),
    );
  }

  async addSummary(
    userId: string,
    chatId: string,
    note: Omit<ChatSummaryNote, '_id'>,
  ): Promise<ChatSummaryNote> {
    const stored = { _id: new Types.ObjectId(), ...note };
    await this.lock.run(chatId, async () => {
      const chat = await this.visible(userId, chatId);
      const summaries = [...chat.summaries, stored].slice(-NOTES_KEPT);
      await this.chats.set(userId, chatId, { summaries });
    });
    return stored;
  }

  async addReflections(
    userId: string,
    chatId: string,
    note: Omit<ChatReflectionNote, '_id'>,
  ): Promise<ChatReflectionNote> {
    const stored = { _id: new Types.ObjectId(), ...note };
    await this.lock.run(chatId, async () => {
      const chat = await this.visible(userId, chatId);
      const reflections = [...chat.reflections, stored].slice(-NOTES_KEPT);
      await this.chats.set(userId, chatId, { reflections });
    });
    return stored;
  }

  /**
   * Account purge: every chat of the owner (deleted ones too), its messages, its attachments'
   * records and objects, and its conversion claim. Objects first and chat documents last, each
   * step idempotent, so a purge that stopped half-way simply runs again.
   */
  async purgeOwner(userId: string): Promise<PurgedChats> {
    for (const chatId of await this.chats.idsForOwner(userId)) {
      await this.storage.deletePrefix(new ChatKeys(this.config.env, chatId).root);
    }
    const attachments = await this.attachments.deleteAllForOwner(userId);
    const messages = await this.messages.deleteAllForOwner(userId);
    await this.conversions.deleteAllForOwner(userId);
    const chats = await this.chats.deleteAllForOwner(userId);
    this.logger.log({ event: 'chats_purged', userId, chats, messages, attachments });
    return { chats, messages, attachments };
  }
}

function notFound(): AppError {
  return AppError.notFound('Chat');
}
