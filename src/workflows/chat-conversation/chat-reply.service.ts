import { Injectable, Logger } from '@nestjs/common';
import { ChatAgentService, ChatReply } from '@/agents/chat/chat-agent.service';
import {
  ChatAttachmentsService,
  messageAttachment,
} from '@/chats/attachments/chat-attachments.service';
import { Chat } from '@/chats/chat.schema';
import { ChatsService } from '@/chats/chats.service';
import { Message } from '@/chats/messages/message.schema';
import { ChatContextTurns, ChatMessagesService } from '@/chats/messages/messages.service';
import { AppError } from '@/common/errors';
import { IncomingFile } from '@/common/uploads/upload-check';
import { RealtimeService } from '@/realtime/realtime.service';
import { ModelHistory, modelHistory } from './chat-history';
import { PostedMessageDto } from './dto/posted-message.dto';

/**
 * POST /chats/{chat_id}/messages: save the user's message (and its files), let the chat agent
 * answer while its words stream to the chat's room, save the answer. The room hears, in order:
 * message_sent, typing_indicator, ai_response_streaming pieces, the last one empty with
 * is_complete once the answer is saved, ai_response_complete, typing_indicator off. The work
 * does not depend on the HTTP request: a client that goes away mid-answer still finds it saved.
 * If the model fails for good the room hears `error`, the user's message stays, and the answer
 * is saved as a failed, empty assistant message: never half a reply presented as complete.
 */
@Injectable()
export class ChatReplyService {
  private readonly logger = new Logger(ChatReplyService.name);

  constructor(
    private readonly chats: ChatsService,
    private readonly messages: ChatMessagesService,
    private readonly attachments: ChatAttachmentsService,
    private readonly agent: ChatAgentService,
    private readonly realtime: RealtimeService,
  ) {}

  async post(
    userId: string,
    chatId: string,
    content: string,
    files: readonly IncomingFile[],
  ): Promise<PostedMessageDto> {
    // Files are stored before the message goes in: first make sure the chat takes them. Without
    // files the insert's own check under the chat's lock is the only read needed.
    if (files.length > 0) await this.chats.writable(userId, chatId);
    const checked = this.attachments.check(files);
    const stored = await this.attachments.store(userId, chatId, checked);
    let asked: Message;
    let chat: Chat;
    try {
      ({ message: asked, chat } = await this.messages.appendUser(
        userId,
        chatId,
        content,
        stored.map((entry) => messageAttachment(entry.attachment)),
      ));
    } catch (error) {
      await this.attachments.discard(userId, stored);
      throw error;
    }
    // The exchange's task id: the user's message, named by every event of this exchange.
    const taskId = asked._id.toHexString();
    this.realtime.chatMessageSent(chatId, {
      task_id: taskId,
      message_id: taskId,
      content: asked.content,
      timestamp: asked.timestamp.toISOString(),
      attachments: asked.attachments.map((attachment) => ({
        file_id: attachment.file_id.toHexString(),
        filename: attachment.filename,
      })),
    });
    // Read while the typing estimate is: the model's context is the next thing needed.
    const context = this.messages.context(userId, chat, asked.seq);
    context.catch(() => undefined); // awaited, and its failure handled, in answer()
    this.realtime.chatTyping(chatId, {
      task_id: taskId,
      is_typing: true,
      estimated_time: await this.messages.typingEstimate(userId, chatId),
    });
    // The first message names an untitled chat, while the answer is being written.
    const naming =
      asked.seq === 1 && chat.name_source === 'placeholder'
        ? this.name(userId, chatId, content)
        : Promise.resolve();
    try {
      const { saved, reply } = await this.answer(userId, chatId, asked, context);
      const [shown, answer] = await Promise.all([
        this.messages.view(asked),
        this.messages.view(saved),
      ]);
      return {
        message_id: shown.id,
        ai_response: {
          message_id: answer.id,
          content: reply.content,
          suggested_actions: answer.suggested_actions ?? [],
          metadata: answer.metadata!,
        },
        attachments: shown.attachments,
      };
    } finally {
      await naming;
    }
  }

  private async answer(
    userId: string,
    chatId: string,
    asked: Message,
    context: Promise<ChatContextTurns>,
  ): Promise<{ saved: Message; reply: ChatReply }> {
    const askedId = asked._id.toHexString();
    const started = performance.now();
    let history: ModelHistory;
    let reply: ChatReply;
    try {
      history = modelHistory(await context);
      reply = await this.agent.reply({
        userId,
        chatId,
        history: history.messages,
        message: asked.content,
        attachments: await this.attachments.texts(userId, chatId, asked.attachments),
        onDelta: (text) =>
          this.realtime.chatStreaming(chatId, {
            task_id: askedId,
            content_delta: text,
            is_complete: false,
          }),
      });
    } catch (error) {
      throw await this.fail(userId, chatId, askedId, error);
    }
    const saved = await this.messages.appendAssistant(userId, chatId, {
      replyTo: askedId,
      content: reply.content,
      metadata: {
        tokens_used: reply.tokens_used,
        response_time_ms: Math.round(performance.now() - started),
        model_used: reply.model_used,
        context_length: reply.context_length,
      },
      suggestedActions: reply.suggested_actions,
    });
    this.realtime.chatStreaming(chatId, { task_id: askedId, content_delta: '', is_complete: true });
    this.realtime.chatComplete(chatId, {
      task_id: askedId,
      message_id: saved._id.toHexString(),
      content: saved.content,
      suggested_actions: reply.suggested_actions,
    });
    this.realtime.chatTyping(chatId, { task_id: askedId, is_typing: false, estimated_time: 0 });
    if (reply.summary !== null && reply.summarised_turns > 0) {
      // The turns the summary replaced: the first `summarised_turns` of the history given.
      const throughSeq = history.seqs[Math.min(reply.summarised_turns, history.seqs.length) - 1];
      await this.chats.keepContext(userId, chatId, { summary: reply.summary, throughSeq });
    }
    return { saved, reply };
  }

  /** Records the failure (message and room) and returns the error for the HTTP answer. */
  private async fail(
    userId: string,
    chatId: string,
    askedId: string,
    error: unknown,
  ): Promise<unknown> {
    const known = error instanceof AppError ? error : null;
    const failure = {
      code: known?.code ?? 'INTERNAL_ERROR',
      message: known?.message ?? 'The reply could not be written; please try again',
    };
    if (!known) this.logger.error({ err: error, chatId }, 'The chat reply failed');
    const failed = await this.messages
      .appendFailed(userId, chatId, askedId, failure)
      .catch(() => null);
    this.realtime.chatError(chatId, {
      task_id: askedId,
      message: failure.message,
      error_code: failure.code,
      ...(failed ? { message_id: failed._id.toHexString() } : {}),
    });
    this.realtime.chatTyping(chatId, { task_id: askedId, is_typing: false, estimated_time: 0 });
    if (!known) return error;
    return new AppError(known.code, known.message, {
      ...known.details,
      message_id: askedId,
      ...(failed ? { reply_id: failed._id.toHexString() } : {}),
    });
  }

  /** Best effort: a title the model cannot give leaves the placeholder. */
  private async name(userId: string, chatId: string, content: string): Promise<void> {
    try {
      const title = await this.agent.title({ userId, chatId, message: content });
      if (title) await this.chats.nameByAi(userId, chatId, title);
    } catch (error) {
      this.logger.warn({ err: error, chatId }, 'Could not title the chat');
    }
  }
}
