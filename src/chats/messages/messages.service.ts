import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { parseObjectId } from '@/infra/database/object-id';
import { ChatLock } from '../chat-lock';
import { Chat } from '../chat.schema';
import { ChatsRepository } from '../chats.repository';
import { ChatsService } from '../chats.service';
import { ListMessagesQuery } from '../dto/list-messages.query';
import { MessageDto, MessagePageDto } from '../dto/message-responses.dto';
import { ChatAttachmentsService } from '../attachments/chat-attachments.service';
import {
  Message,
  MessageAttachment,
  MessageMetadata,
  StoredSuggestedAction,
} from './message.schema';
import { MessagesRepository, NewMessage } from './messages.repository';
import { messageView } from './message.view';

/** One earlier message as the model reads it. */
export interface ChatTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly seq: number;
}

export interface ChatContextTurns {
  /** The rolling summary of everything up to `throughSeq`, or null. */
  readonly summary: string | null;
  readonly throughSeq: number;
  /** The complete messages after it and before the one being answered, oldest first. */
  readonly turns: readonly ChatTurn[];
}

export interface AssistantReply {
  readonly replyTo: string;
  readonly content: string;
  readonly metadata: MessageMetadata;
  readonly suggestedActions: readonly StoredSuggestedAction[];
}

/** Without a previous reply to go by, the typing indicator's estimate (seconds). */
const DEFAULT_ESTIMATE_S = 5;

/**
 * A chat's messages: appended in one total order (seq and timestamp handed out under the chat's
 * lock, message_count and last_message_at set from the newest message under the same lock, so
 * concurrent posts from several tabs and instances leave them exact), paged by cursor, and read
 * back as the model's context.
 */
@Injectable()
export class ChatMessagesService {
  constructor(
    private readonly chats: ChatsService,
    private readonly chatDocs: ChatsRepository,
    private readonly messages: MessagesRepository,
    private readonly attachments: ChatAttachmentsService,
    private readonly lock: ChatLock,
  ) {}

  /**
   * Backwards from `before` (or from the newest), or forwards from `after`. Cursors are message
   * timestamps, which are unique and strictly increasing within a chat, so pages neither repeat
   * nor skip a message however many arrive meanwhile.
   */
  async page(userId: string, chatId: string, query: ListMessagesQuery): Promise<MessagePageDto> {
    if (query.before !== undefined && query.after !== undefined) {
      throw AppError.validation([{ field: 'after', message: 'send before or after, not both' }]);
    }
    await this.chats.visible(userId, chatId);
    const forward = query.after !== undefined;
    const cursor = forward
      ? { after: await this.cursor(userId, chatId, 'after', query.after!) }
      : query.before === undefined
        ? {}
        : { before: await this.cursor(userId, chatId, 'before', query.before) };
    const found = await this.messages.window(userId, chatId, cursor, query.limit);
    const hasMore = found.length > query.limit;
    const kept = found.slice(0, query.limit);
    const page = forward ? kept : kept.reverse();
    const oldest = page[0]?.timestamp ?? null;
    const newest = page.at(-1)?.timestamp ?? cursor.after ?? null;
    return {
      messages: await Promise.all(page.map((message) => this.view(message))),
      has_more: hasMore,
      next_before: (forward ? oldest : hasMore ? oldest : null)?.toISOString() ?? null,
      next_after: newest?.toISOString() ?? null,
    };
  }

  /**
   * The user's message, exactly as sent, with its stored attachments; with the chat as it was
   * when the message went in (its checks pass: the caller needs no read of its own).
   */
  appendUser(
    userId: string,
    chatId: string,
    content: string,
    attachments: readonly MessageAttachment[],
  ): Promise<{ message: Message; chat: Chat }> {
    return this.append(userId, chatId, 'writable', {
      messageType: 'user',
      content,
      status: 'complete',
      replyTo: null,
      metadata: null,
      suggestedActions: [],
      attachments,
      error: null,
    });
  }

  async appendAssistant(userId: string, chatId: string, reply: AssistantReply): Promise<Message> {
    const { message } = await this.append(userId, chatId, 'visible', {
      messageType: 'assistant',
      content: reply.content,
      status: 'complete',
      replyTo: reply.replyTo,
      metadata: reply.metadata,
      suggestedActions: reply.suggestedActions,
      attachments: [],
      error: null,
    });
    return message;
  }

  /** The reply failed for good: an empty assistant message marked failed, never half a reply. */
  async appendFailed(
    userId: string,
    chatId: string,
    replyTo: string,
    error: { code: string; message: string },
  ): Promise<Message> {
    const { message } = await this.append(userId, chatId, 'visible', {
      messageType: 'assistant',
      content: '',
      status: 'failed',
      replyTo,
      metadata: null,
      suggestedActions: [],
      attachments: [],
      error,
    });
    return message;
  }

  /** What the model reads before `beforeSeq`: the rolling summary, then the messages after it. */
  async context(userId: string, chat: Chat, beforeSeq: number): Promise<ChatContextTurns> {
    const chatId = chat._id.toHexString();
    const throughSeq = Math.min(chat.context.through_seq, beforeSeq - 1);
    const summary = throughSeq > 0 ? chat.context.summary : null;
    const messages = await this.messages.between(userId, chatId, throughSeq, beforeSeq);
    return {
      summary,
      throughSeq: summary ? throughSeq : 0,
      turns: messages.map((message) => ({
        role: message.message_type === 'assistant' ? 'assistant' : 'user',
        content: withAttachmentNames(message),
        seq: message.seq,
      })),
    };
  }

  /** Seconds the next reply may take: the last one's time, else a default. */
  async typingEstimate(userId: string, chatId: string): Promise<number> {
    const last = await this.messages.lastReply(userId, chatId);
    const ms = last?.metadata?.response_time_ms;
    return ms ? Math.max(1, Math.ceil(ms / 1000)) : DEFAULT_ESTIMATE_S;
  }

  view(message: Message): Promise<MessageDto> {
    return messageView(message, (attachment) => this.attachments.downloadUrl(attachment));
  }

  private async append(
    userId: string,
    chatId: string,
    rule: 'writable' | 'visible',
    draft: Omit<NewMessage, 'userId' | 'chatId' | 'seq' | 'timestamp'>,
  ): Promise<{ message: Message; chat: Chat }> {
    // Checked before the lock too, so someone else's chat is a 404 that never queues for its
    // lock; checked again under it, since the chat may have been archived in between.
    const check = () =>
      rule === 'writable'
        ? this.chats.writable(userId, chatId)
        : this.chats.visible(userId, chatId);
    await check();
    return this.lock.run(chatId, async () => {
      const chat = await check();
      // Read from the messages themselves, never incremented: the newest one's place and time.
      // Messages are never deleted one by one, so the new place is also the count.
      const newest = await this.messages.newest(userId, chatId);
      const seq = (newest?.seq ?? 0) + 1;
      const timestamp = new Date(Math.max(Date.now(), (newest?.timestamp.getTime() ?? 0) + 1));
      const message = await this.messages.add({ ...draft, userId, chatId, seq, timestamp });
      await this.chatDocs.set(userId, chatId, {
        'metadata.message_count': seq,
        last_message_at: timestamp,
      });
      return { message, chat };
    });
  }

  /** A cursor as a timestamp: an ISO 8601 time, or the id of a message of this chat. */
  private async cursor(
    userId: string,
    chatId: string,
    field: 'before' | 'after',
    value: string,
  ): Promise<Date> {
    if (parseObjectId(value)) {
      const message = await this.messages.findMessage(userId, chatId, value);
      if (!message) {
        throw AppError.validation([{ field, message: `${field}: no such message in this chat` }]);
      }
      return message.timestamp;
    }
    const time = ISO_TIME.test(value) ? new Date(value) : null;
    if (!time || Number.isNaN(time.getTime())) {
      throw AppError.validation([
        { field, message: `${field} must be a message id or an ISO 8601 timestamp` },
      ]);
    }
    return time;
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Earlier attachments reach the model by name (their text went with their own message). */
function withAttachmentNames(message: Message): string {
  if (message.attachments.length === 0) return message.content;
  const names = message.attachments.map((attachment) => attachment.filename).join(', ');
  return `${message.content}\n\n[Attached: ${names}]`;
}
