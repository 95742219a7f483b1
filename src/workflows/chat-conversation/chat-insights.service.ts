import { Injectable } from '@nestjs/common';
import { ChatAgentService } from '@/agents/chat/chat-agent.service';
import { Chat } from '@/chats/chat.schema';
import { reflectionNote, summaryNote } from '@/chats/chat.view';
import { ChatsService } from '@/chats/chats.service';
import { ChatReflectionNoteDto, ChatSummaryNoteDto } from '@/chats/dto/chat-responses.dto';
import { ChatMessagesService } from '@/chats/messages/messages.service';
import { AppError } from '@/common/errors';
import type { LlmMessage } from '@/llm/llm.types';
import { modelHistory } from './chat-history';

/**
 * Summaries and reflections of a chat, written by the chat agent from the whole
 * conversation (a long one through its rolling summary) and stored with the chat.
 */
@Injectable()
export class ChatInsightsService {
  constructor(
    private readonly chats: ChatsService,
    private readonly messages: ChatMessagesService,
    private readonly agent: ChatAgentService,
  ) {}

  async summarize(userId: string, chatId: string): Promise<ChatSummaryNoteDto> {
    const chat = await this.chats.visible(userId, chatId);
    const history = await this.conversation(userId, chat, 'summarise');
    const { summary, model_used } = await this.agent.summarize({ userId, chatId, history });
    const note = await this.chats.addSummary(userId, chatId, {
      summary,
      model_used,
      message_count: chat.metadata.message_count,
      created_at: new Date(),
    });
    return summaryNote(note);
  }

  async reflect(userId: string, chatId: string): Promise<ChatReflectionNoteDto> {
    const chat = await this.chats.visible(userId, chatId);
    const history = await this.conversation(userId, chat, 'reflect on');
    const { reflections, model_used } = await this.agent.reflect({ userId, chatId, history });
    const note = await this.chats.addReflections(userId, chatId, {
      reflections,
      model_used,
      message_count: chat.metadata.message_count,
      created_at: new Date(),
    });
    return reflectionNote(note);
  }

  private async conversation(userId: string, chat: Chat, verb: string): Promise<LlmMessage[]> {
    const context = await this.messages.context(userId, chat, Number.MAX_SAFE_INTEGER);
    if (context.turns.length === 0 && !context.summary) {
      throw new AppError('CONFLICT', `The chat has no messages to ${verb} yet`);
    }
    return modelHistory(context).messages;
  }
}
