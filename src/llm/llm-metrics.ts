import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { AppConfig } from '@/config/app-config';
import { MetricsService } from '@/infra/metrics/metrics.service';
import type { LlmChainEntry } from '@/config/llm-chain';
import type { CircuitState } from './circuit-breaker';
import { FAILURE_REASONS, type FailureReason } from './llm-failure';
import type { ProviderUsage } from './llm.provider';

export const CALL_OUTCOMES = ['success', 'error', 'cache_hit'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CACHE_HIT_MODES = ['hit', 'last_resort'] as const;
export type CacheHitMode = (typeof CACHE_HIT_MODES)[number];

/**
 * The gateway's Prometheus series, on the app's registry. Labels are bounded by the chain, and
 * every series the configured chain can produce exists from the start (at 0), so a rate or an
 * alert has a series to read before the first call.
 */
@Injectable()
export class LlmMetrics {
  private readonly tokens: Counter<'provider' | 'model' | 'kind'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly duration: Histogram<'provider' | 'model' | 'outcome'>;
  private readonly errors: Counter<'provider' | 'model' | 'reason'>;
  private readonly fallbacks: Counter<'from' | 'to'>;
  private readonly cacheHits: Counter<'provider' | 'model' | 'mode'>;
  private readonly unavailable: Counter;
  private readonly circuitOpen: Gauge<'provider' | 'model'>;
  private circuits: () => readonly { entry: LlmChainEntry; state: CircuitState }[] = () => [];

  constructor(metrics: MetricsService, config: AppConfig) {
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
    this.unavailable = new Counter({
      name: 'llm_unavailable_total',
      help: 'LLM requests every chain entry failed and no cached answer saved (AI_UNAVAILABLE)',
      registers,
    });
    const circuits = () => this.circuits();
    this.circuitOpen = new Gauge({
      name: 'llm_circuit_open',
      help: "1 while a chain entry's circuit breaker in this process is open or half-open, else 0",
      labelNames: ['provider', 'model'],
      registers,
      collect() {
        for (const { entry, state } of circuits()) {
          this.set(labelsOf(entry), state === 'closed' ? 0 : 1);
        }
      },
    });
    this.startAtZero(config.llm.chain);
  }

  /** The chain's breakers, read when Prometheus scrapes (FallbackChain owns them). */
  watchCircuits(read: () => readonly { entry: LlmChainEntry; state: CircuitState }[]): void {
    this.circuits = read;
  }

  usage(entry: LlmChainEntry, usage: ProviderUsage, costUsd: number): void {
    const labels = labelsOf(entry);
    this.tokens.inc({ ...labels, kind: 'prompt' }, usage.promptTokens);
    this.tokens.inc({ ...labels, kind: 'completion' }, usage.completionTokens);
    this.cost.inc(labels, costUsd);
  }

  observe(entry: LlmChainEntry, outcome: CallOutcome, seconds: number): void {
    this.duration.observe({ ...labelsOf(entry), outcome }, seconds);
  }

  error(entry: LlmChainEntry, reason: FailureReason): void {
    this.errors.inc({ ...labelsOf(entry), reason });
  }

  fallback(from: LlmChainEntry, to: LlmChainEntry | 'cache'): void {
    this.fallbacks.inc({ from: label(from), to: to === 'cache' ? 'cache' : label(to) });
  }

  cacheHit(entry: LlmChainEntry, mode: CacheHitMode): void {
    this.cacheHits.inc({ ...labelsOf(entry), mode });
  }

  allFailed(): void {
    this.unavailable.inc();
  }

  private startAtZero(chain: readonly LlmChainEntry[]): void {
    this.unavailable.inc(0);
    chain.forEach((entry, index) => {
      const labels = labelsOf(entry);
      this.cost.inc(labels, 0);
      this.circuitOpen.set(labels, 0);
      for (const kind of ['prompt', 'completion']) this.tokens.inc({ ...labels, kind }, 0);
      for (const outcome of CALL_OUTCOMES) this.duration.zero({ ...labels, outcome });
      for (const reason of FAILURE_REASONS) this.errors.inc({ ...labels, reason }, 0);
      for (const mode of CACHE_HIT_MODES) this.cacheHits.inc({ ...labels, mode }, 0);
      const next = chain[index + 1];
      this.fallbacks.inc({ from: label(entry), to: next ? label(next) : 'cache' }, 0);
    });
  }
}

export function label(entry: LlmChainEntry): string {
  return `${entry.provider}:${entry.model}`;
}

function labelsOf(entry: LlmChainEntry): { provider: string; model: string } {
  return { provider: entry.provider, model: entry.model };
}
