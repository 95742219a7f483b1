import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import type { LlmChainEntry } from '@/config/llm-chain';
import { LlmMetrics } from './llm-metrics';
import type { ProviderUsage } from './llm.provider';
import type { LlmMessage, LlmUsage } from './llm.types';
import { PriceTable } from './pricing';
import { countMessageTokens, countTextTokens } from './token-counter';

/** Tokens and cost of one answer: the provider's own counts when it gave them, else estimates. */
@Injectable()
export class LlmAccounting {
  private readonly logger = new Logger(LlmAccounting.name);
  private readonly prices: PriceTable;
  private readonly warnedUnpriced = new Set<string>();

  constructor(
    config: AppConfig,
    private readonly metrics: LlmMetrics,
  ) {
    this.prices = new PriceTable(config.llm.prices);
  }

  settle(
    entry: LlmChainEntry,
    messages: readonly LlmMessage[],
    text: string,
    reported: ProviderUsage | null,
  ): { usage: LlmUsage; costUsd: number } {
    const counted = reported ?? {
      promptTokens: countMessageTokens(messages),
      completionTokens: countTextTokens(text),
    };
    const costUsd = this.prices.costUsd(entry.model, counted);
    this.warnIfUnpriced(entry);
    this.metrics.usage(entry, counted, costUsd);
    return {
      usage: {
        prompt_tokens: counted.promptTokens,
        completion_tokens: counted.completionTokens,
        total_tokens: counted.promptTokens + counted.completionTokens,
      },
      costUsd,
    };
  }

  private warnIfUnpriced(entry: LlmChainEntry): void {
    if (this.prices.priceOf(entry.model) || this.warnedUnpriced.has(entry.model)) return;
    this.warnedUnpriced.add(entry.model);
    this.logger.warn(
      `No price for model "${entry.model}"; its cost is recorded as 0 (add it to LLM_PRICES)`,
    );
  }
}
