import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/guards/jwt-auth.guard';
import { coreModules } from './bootstrap/core-modules';
import { ChatsLiveModule } from './chats/live/chats-live.module';
import { ChatsModule } from './chats/chats.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { createValidationPipe } from './common/pipes/validation.pipe';
import { RateLimitGuard } from './common/throttling/rate-limit.guard';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig } from './config/app-config';
import { FilesModule } from './files/files.module';
import { HealthModule } from './health/health.module';
import { ProjectsLiveModule } from './projects/live/projects-live.module';
import { ProjectsModule } from './projects/projects.module';
import { UsersModule } from './users/users.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { QueueConsumersModule } from './worker/queue-consumers.module';
import { AgentTasksModule } from './workflows/agent-tasks/agent-tasks.module';
import { ChatConversationModule } from './workflows/chat-conversation/chat-conversation.module';
import { ManualSaveModule } from './workflows/manual-save/manual-save.module';
import { MarkdownEditModule } from './workflows/markdown-edit/markdown-edit.module';
import { ProjectIntakeModule } from './workflows/project-intake/project-intake.module';

/**
 * The API: features and the workflows that expose routes, on the core modules, with the global
 * pipe, filter and guards.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config),
        HealthModule,
        ThrottlingModule,
        IdempotencyModule,
        AuthModule,
        UsersModule,
        ProjectsModule,
        ProjectsLiveModule,
        ChatsModule,
        ChatConversationModule,
        FilesModule,
        ProjectIntakeModule,
        AgentTasksModule,
        ManualSaveModule,
        MarkdownEditModule,
        WebhooksApiModule,
        ChatsLiveModule,
        // In the embedded default and the tests the API also consumes the queues.
        ...(config.workers.runInApi ? [QueueConsumersModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Guards run in this order: authenticate first, so per-user rate limits know the user.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
