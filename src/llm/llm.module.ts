import { Module } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { AgentLogsModule } from './agent-logs/agent-logs.module';
import { PromptBudget } from './budget/prompt-budget.service';
import { FallbackChain } from './fallback-chain';
import { LlmAccounting } from './llm-accounting';
import { LlmCache } from './llm-cache';
import { LlmGateway } from './llm-gateway.service';
import { LlmMetrics } from './llm-metrics';
import { createLlmProviders, LlmProviders } from './llm-providers';
import { OfflineDrafters } from './offline/offline-drafters';

/**
 * The LLM gateway. Needs AppConfig, the shared Redis client and MetricsService from the global
 * modules. Features inject LlmGateway (and PromptBudget to fit long chats and uploads into a
 * prompt); the agent graphs also register offline drafters and log runs (AgentLogsService).
 */
@Module({
  imports: [AgentLogsModule],
  providers: [
    OfflineDrafters,
    {
      provide: LlmProviders,
      inject: [AppConfig, OfflineDrafters],
      useFactory: createLlmProviders,
    },
    LlmMetrics,
    LlmCache,
    LlmAccounting,
    FallbackChain,
    LlmGateway,
    PromptBudget,
  ],
  exports: [LlmGateway, PromptBudget, OfflineDrafters, AgentLogsModule],
})
export class LlmModule {}
