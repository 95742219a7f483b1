import { DynamicModule, Module } from '@nestjs/common';
import { AgentsModule } from './agents/agents.module';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { ChatsLiveModule } from './chats/live/chats-live.module';
import { ChatsModule } from './chats/chats.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { LoggingModule } from './common/logging/logging.module';
import { createValidationPipe } from './common/pipes/validation.pipe';
import { RateLimitGuard } from './common/throttling/rate-limit.guard';
import { RetryAfterInterceptor } from './common/throttling/retry-after.interceptor';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { RedisModule } from './infra/redis/redis.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './health/metrics.module';
import { JobsModule } from './jobs/jobs.module';
import { AgentsProcessorModule } from './jobs/processors/agents-processor.module';
import { MaintenanceProcessorModule } from './jobs/processors/maintenance-processor.module';
import { WebhooksProcessorModule } from './jobs/processors/webhooks-processor.module';
import { LlmModule } from './llm/llm.module';
import { ProjectsModule } from './projects/projects.module';
import { RealtimeGatewaysModule } from './realtime/realtime-gateways.module';
import { FilesModule } from './storage/files.module';
import { StorageModule } from './storage/storage.module';
import { UsersModule } from './users/users.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { ChatConversationModule } from './workflows/chat-conversation/chat-conversation.module';

/** Infrastructure shared by the API and the worker entry. */
export function coreModules(config: AppConfig): DynamicModule['imports'] {
  return [
    ConfigModule.forRoot(config),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    StorageModule,
    JobsModule,
    MetricsModule,
  ];
}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(coreModules(config) ?? []),
        HealthModule,
        ThrottlingModule,
        AuthModule,
        UsersModule,
        ProjectsModule,
        ChatsModule,
        ChatConversationModule,
        FilesModule,
        LlmModule,
        AgentsModule,
        RealtimeGatewaysModule,
        WebhooksApiModule,
        ChatsLiveModule,
        // In the embedded default and the tests the API also consumes the queues.
        ...(config.workers.runInApi
          ? [AgentsProcessorModule, MaintenanceProcessorModule, WebhooksProcessorModule]
          : []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Guards run in this order: authenticate first, so per-user rate limits know the user.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
      ],
    };
  }
}
