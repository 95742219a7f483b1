import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import type { LlmChainEntry } from '@/config/llm-chain';
import { CircuitBreaker } from './circuit-breaker';
import { classifyFailure, ProviderFailure } from './llm-failure';
import { label, LlmMetrics } from './llm-metrics';
import { LlmProviders } from './llm-providers';
import { LlmProvider, ProviderCall } from './llm.provider';
import type { LlmMessage, OutputSchema } from './llm.types';
import { RetryPolicy, withRetries } from './retry';
import { Watchdog } from './watchdog';

/** A request with every default resolved; what the chain hands each provider. */
export interface PreparedRequest {
  readonly purpose: string;
  readonly messages: readonly LlmMessage[];
  readonly maxTokens: number | undefined;
  readonly temperature: number;
  readonly json: boolean;
  readonly schema: OutputSchema | undefined;
}

export interface ChainLink {
  readonly entry: LlmChainEntry;
  readonly provider: LlmProvider;
  readonly breaker: CircuitBreaker;
}

export interface EntryFailure {
  readonly entry: LlmChainEntry;
  readonly failure: ProviderFailure;
}

/** One attempt against one link. The watchdog is armed; the attempt may re-arm it (streams). */
export type Attempt<T> = (link: ChainLink, call: ProviderCall, watchdog: Watchdog) => Promise<T>;

export interface Answered<T> {
  readonly link: ChainLink;
  readonly value: T;
  /** When this link's first attempt started, for its latency. */
  readonly startedAt: number;
}

/** Every entry failed or was skipped; the gateway turns this into the cache or AI_UNAVAILABLE. */
export class ChainExhausted extends Error {
  constructor(readonly failures: readonly EntryFailure[]) {
    super(failures.map(({ entry, failure }) => `${label(entry)}: ${failure.reason}`).join('; '));
    this.name = 'ChainExhausted';
  }
}

/**
 * The fallback strategy: each entry in order, with retries (backoff, jitter, Retry-After)
 * and a circuit breaker per entry, until one answers. Breakers are per provider:model, because
 * rate limits and outages are often per model: the second OpenAI model is only worth
 * having if it is still tried while the first cools down.
 */
@Injectable()
export class FallbackChain {
  private readonly logger = new Logger(FallbackChain.name);
  private readonly links: readonly ChainLink[];
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(
    config: AppConfig,
    providers: LlmProviders,
    private readonly metrics: LlmMetrics,
  ) {
    const { chain, circuit, retry, timeoutMs } = config.llm;
    this.policy = retry;
    this.timeoutMs = timeoutMs;
    this.links = chain.map((entry) => ({
      entry,
      provider: providers.get(entry.provider),
      breaker: new CircuitBreaker(circuit.failures, circuit.cooldownMs),
    }));
    metrics.watchCircuits(() =>
      this.links.map((link) => ({ entry: link.entry, state: link.breaker.state })),
    );
  }

  get entries(): readonly LlmChainEntry[] {
    return this.links.map((link) => link.entry);
  }

  async firstAnswering<T>(request: PreparedRequest, attempt: Attempt<T>): Promise<Answered<T>> {
    const failures: EntryFailure[] = [];
    for (const [index, link] of this.links.entries()) {
      const startedAt = performance.now();
      try {
        const value = await this.withRetries(link, request, attempt);
        return { link, value, startedAt };
      } catch (error) {
        const failure = classifyFailure(error, false);
        if (failure.reason === 'circuit_open') this.metrics.error(link.entry, 'circuit_open');
        else this.metrics.observe(link.entry, 'error', (performance.now() - startedAt) / 1000);
        failures.push({ entry: link.entry, failure });
        const next = this.links[index + 1];
        this.logger.warn(
          `${label(link.entry)} failed (${failure.reason}: ${failure.message})` +
            (next ? `; falling back to ${label(next.entry)}` : '; no entry left'),
        );
        if (next) this.metrics.fallback(link.entry, next.entry);
      }
    }
    throw new ChainExhausted(failures);
  }

  private withRetries<T>(
    link: ChainLink,
    request: PreparedRequest,
    attempt: Attempt<T>,
  ): Promise<T> {
    let watchdog: Watchdog | undefined;
    return withRetries(
      this.policy,
      {
        mayAttempt: () => link.breaker.tryAcquire(),
        onSuccess: () => link.breaker.recordSuccess(),
        onFailure: (failure) => {
          // A 4xx for this request shows the provider is up and answering; counting it would let
          // one user's oversized prompt, sent a few times, open the circuit for everyone.
          if (failure.reason === 'bad_request') link.breaker.recordSuccess();
          else link.breaker.recordFailure();
          this.metrics.error(link.entry, failure.reason);
        },
        classify: (error) => classifyFailure(error, watchdog?.timedOut ?? false),
      },
      async () => {
        watchdog = new Watchdog(this.timeoutMs);
        const call: ProviderCall = {
          ...request,
          model: link.entry.model,
          signal: watchdog.signal,
          timeoutMs: this.timeoutMs,
        };
        watchdog.arm();
        try {
          return await attempt(link, call, watchdog);
        } catch (error) {
          watchdog.cancel();
          throw error;
        }
      },
    );
  }
}
