import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ChatsModule } from '@/chats/chats.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { ChatConversationController } from './chat-conversation.controller';
import { ChatConversionService } from './chat-conversion.service';
import { ChatInsightsService } from './chat-insights.service';
import { ChatReplyService } from './chat-reply.service';

/**
 * The chat's AI use cases: a message answered by the chat agent (streamed to the room), summaries
 * and reflections, and conversion into a project. Built on the chats feature, the chat agent,
 * project intake and the realtime emitter; the chats feature itself knows none of them.
 */
@Module({
  imports: [ChatsModule, AgentsModule, ProjectsModule, RealtimeModule, WebhooksModule],
  controllers: [ChatConversationController],
  providers: [ChatReplyService, ChatInsightsService, ChatConversionService],
})
export class ChatConversationModule {}
