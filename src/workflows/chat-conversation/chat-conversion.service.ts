import { Injectable } from '@nestjs/common';
import { ChatAgentService } from '@/agents/chat/chat-agent.service';
import { Chat } from '@/chats/chat.schema';
import { ChatsService } from '@/chats/chats.service';
import {
  ChatConversionsService,
  ConversionResult,
} from '@/chats/conversions/chat-conversions.service';
import { ChatMessagesService } from '@/chats/messages/messages.service';
import { AppError } from '@/common/errors';
import { IDEA_MIN } from '@/projects/dto/create-project.dto';
import { ProjectsService } from '@/projects/projects.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { modelHistory } from './chat-history';
import { ConvertChatDto } from './dto/convert-chat.dto';
import { ConvertedChatDto } from './dto/converted-chat.dto';

/**
 * POST /chats/{chat_id}/convert-to-project: the conversation distilled into the project's
 * initial idea, the project created with its clarification round (the conversation as clarify's
 * context unless include_chat_history is false), linked both ways. Idempotent: converting twice,
 * or twice at once from two tabs or instances, answers with the same project.
 */
@Injectable()
export class ChatConversionService {
  constructor(
    private readonly chats: ChatsService,
    private readonly messages: ChatMessagesService,
    private readonly conversions: ChatConversionsService,
    private readonly agent: ChatAgentService,
    // Project creation with its clarification round: the one seam into project intake.
    private readonly projects: ProjectsService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async convert(userId: string, chatId: string, dto: ConvertChatDto): Promise<ConvertedChatDto> {
    const chat = await this.chats.visible(userId, chatId);
    const result = await this.conversions.once(userId, chatId, () =>
      this.createProject(userId, chat, dto),
    );
    // Every call (re)sets the link: a converter that stopped after creating still gets linked.
    await this.chats.linkProject(userId, chatId, result.projectId);
    return {
      project_id: result.projectId,
      message: 'Chat converted to project successfully',
      session_id: result.sessionId,
      clarification_questions: result.questions.map((question) => ({
        ...question,
        lens: question.lens as ConvertedChatDto['clarification_questions'][number]['lens'],
      })),
      source_chat_id: chatId,
    };
  }

  private async createProject(
    userId: string,
    chat: Chat,
    dto: ConvertChatDto,
  ): Promise<ConversionResult> {
    const chatId = chat._id.toHexString();
    if (chat.status !== 'active') await this.chats.writable(userId, chatId);
    const context = await this.messages.context(userId, chat, Number.MAX_SAFE_INTEGER);
    if (!context.turns.some((turn) => turn.role === 'user')) {
      throw new AppError('CONFLICT', 'The chat has no messages to convert yet');
    }
    const history = modelHistory(context).messages;
    const idea = await this.agent.distilIdea({ userId, chatId, history });
    if (idea.trim().length < IDEA_MIN) {
      throw new AppError(
        'CONFLICT',
        'The chat does not describe an idea yet; tell the assistant about it first',
      );
    }
    const created = await this.projects.create(
      userId,
      {
        initial_idea: idea,
        project_name:
          dto.project_name ?? (chat.name_source === 'placeholder' ? undefined : chat.chat_name),
      },
      [],
      {
        sourceChatId: chatId,
        chatHistory: dto.include_chat_history === false ? [] : history,
      },
    );
    // Inside the once-only claim: a repeated or concurrent conversion publishes nothing more.
    await this.webhooks.publish(userId, 'chat.converted', {
      chat_id: chatId,
      project_id: created.project_id,
    });
    return {
      projectId: created.project_id,
      sessionId: created.session_id,
      questions: created.clarification_questions,
    };
  }
}
