import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import type { LlmChainEntry } from '@/config/llm-chain';
import type { FailureReason } from './llm-failure';
import type { ProviderUsage } from './llm.provider';

export type CallOutcome = 'success' | 'error' | 'cache_hit' | 'unavailable';
export type CacheHitMode = 'hit' | 'last_resort';

/** The gateway's Prometheus series, on the app's registry. Labels are bounded by the chain. */
@Injectable()
export class LlmMetrics {
  private readonly tokens: Counter<'provider' | 'model' | 'kind'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly duration: Histogram<'provider' | 'model' | 'outcome'>;
  private readonly errors: Counter<'provider' | 'model' | 'reason'>;
  private readonly fallbacks: Counter<'from' | 'to'>;
  private readonly cacheHits: Counter<'provider' | 'model' | 'mode'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.tokens = new Counter({
      name: 'llm_tokens_total',
      help: 'Tokens used by LLM calls, by provider, model and kind (prompt or completion)',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'llm_cost_usd_total',
      help: 'Estimated LLM spend in USD from the configured price table',
      labelNames: ['provider', 'model'],
      registers,
    });
    this.duration = new Histogram({
      name: 'llm_request_duration_seconds',
      help: 'Time spent on one chain entry (retries included), or serving from the cache',
      labelNames: ['provider', 'model', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80],
      registers,
    });
    this.errors = new Counter({
      name: 'llm_errors_total',
      help: 'Failed LLM attempts by reason (retried or not), and entries skipped by an open circuit',
      labelNames: ['provider', 'model', 'reason'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'llm_fallbacks_total',
      help: 'Moves down the fallback chain, from one entry to the next (or to the cache)',
      labelNames: ['from', 'to'],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'llm_cache_hits_total',
      help: 'Answers served from ai_cache: hit (fresh lookup) or last_resort (every provider failed)',
      labelNames: ['provider', 'model', 'mode'],
      registers,
    });
  }

  usage(entry: LlmChainEntry, usage: ProviderUsage, costUsd: number): void {
    const labels = { provider: entry.provider, model: entry.model };
    this.tokens.inc({ ...labels, kind: 'prompt' }, usage.promptTokens);
    this.tokens.inc({ ...labels, kind: 'completion' }, usage.completionTokens);
    this.cost.inc(labels, costUsd);
  }

  observe(entry: LlmChainEntry, outcome: CallOutcome, seconds: number): void {
    this.duration.observe({ provider: entry.provider, model: entry.model, outcome }, seconds);
  }

  error(entry: LlmChainEntry, reason: FailureReason): void {
    this.errors.inc({ provider: entry.provider, model: entry.model, reason });
  }

  fallback(from: LlmChainEntry, to: LlmChainEntry | 'cache'): void {
    this.fallbacks.inc({ from: label(from), to: to === 'cache' ? 'cache' : label(to) });
  }

  cacheHit(entry: LlmChainEntry, mode: CacheHitMode): void {
    this.cacheHits.inc({ provider: entry.provider, model: entry.model, mode });
  }
}

export function label(entry: LlmChainEntry): string {
  return `${entry.provider}:${entry.model}`;
}
