import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import type { LlmChainEntry } from '@/config/llm-chain';
import { AppError } from '@/common/errors';
import { LlmAccounting } from './llm-accounting';
import { CachedAnswer, LlmCache } from './llm-cache';
import { classifyFailure, ProviderFailure } from './llm-failure';
import { LlmMetrics } from './llm-metrics';
import type { ProviderAnswer, ProviderCall } from './llm.provider';
import type { LlmRequest, LlmResult, LlmStreamEvent } from './llm.types';
import {
  ChainExhausted,
  ChainLink,
  EntryFailure,
  FallbackChain,
  PreparedRequest,
} from './fallback-chain';
import { closeStream, openStream, streamRest } from './stream-attempt';
import { providerSchema } from './structured/json-schema';
import { validate } from './structured/structured-output';
import type { Watchdog } from './watchdog';

const JSON_INSTRUCTION = 'Reply with exactly one JSON object and nothing else.';

/** Every provider failed and nothing was cached. `failures` is for logs and tests, not clients. */
export class AiUnavailableError extends AppError {
  constructor(readonly failures: readonly EntryFailure[]) {
    super('AI_UNAVAILABLE', 'The AI service is unavailable right now; please try again shortly');
  }
}

/**
 * The one way into an LLM: the fallback chain, the answer cache, token and cost accounting and
 * metrics behind `complete` and `stream`. Every result says which provider and model answered.
 */
@Injectable()
export class LlmGateway {
  private readonly logger = new Logger(LlmGateway.name);

  constructor(
    private readonly config: AppConfig,
    private readonly chain: FallbackChain,
    private readonly cache: LlmCache,
    private readonly accounting: LlmAccounting,
    private readonly metrics: LlmMetrics,
  ) {}

  get entries(): readonly LlmChainEntry[] {
    return this.chain.entries;
  }

  async complete(request: LlmRequest): Promise<LlmResult> {
    const started = performance.now();
    const prepared = this.prepare(request);
    const key = this.cache.keyFor(prepared);
    if (!request.refresh) {
      const hit = await this.cache.get(key);
      if (hit) return this.fromCache(hit, 'hit', started);
    }
    let answered;
    try {
      answered = await this.chain.firstAnswering(prepared, completeOnce);
    } catch (error) {
      return this.lastResort(error, key, started);
    }
    const { link, value, startedAt } = answered;
    this.metrics.observe(link.entry, 'success', (performance.now() - startedAt) / 1000);
    const result = this.settle(link, prepared, value, started);
    // Offline drafts are free to redo, and caching them would hide a provider configured later.
    // A structured answer is cached only if it matches its schema: a broken one would otherwise
    // come back for every identical request (and as the last resort).
    const usable = !prepared.schema || validate(result.text, { schema: prepared.schema }).ok;
    if (link.entry.provider !== 'offline' && usable) {
      await this.cache.set(key, {
        text: result.text,
        provider: result.provider,
        model: result.model,
        usage: result.usage,
      });
    }
    return result;
  }

  /**
   * Text deltas, then one `done` with the summary. Streams are not cached; the chain may fall
   * back only until the first delta was emitted, after which a failure is AI_UNAVAILABLE.
   */
  async *stream(request: LlmRequest): AsyncGenerator<LlmStreamEvent, void, undefined> {
    const started = performance.now();
    const prepared = this.prepare(request);
    let answered;
    try {
      answered = await this.chain.firstAnswering(prepared, openStream);
    } catch (error) {
      const result = await this.lastResort(error, this.cache.keyFor(prepared), started);
      yield { type: 'delta', text: result.text };
      yield { type: 'done', result };
      return;
    }
    const { link, value: opened, startedAt } = answered;
    let answer: ProviderAnswer | undefined;
    try {
      yield { type: 'delta', text: opened.first };
      answer = yield* streamRest(opened);
    } catch (error) {
      this.recordMidStreamFailure(link, classifyFailure(error, false), startedAt);
      throw new AppError('AI_UNAVAILABLE', 'The AI answer was interrupted; please try again');
    } finally {
      // A consumer that stops reading (even right after the first delta) frees the connection.
      if (!answer) await closeStream(opened);
    }
    this.metrics.observe(link.entry, 'success', (performance.now() - startedAt) / 1000);
    yield { type: 'done', result: this.settle(link, prepared, answer, started) };
  }

  private prepare(request: LlmRequest): PreparedRequest {
    const schema = request.schema;
    const json = (request.json ?? false) || schema !== undefined;
    // The schema in the prompt too: the one way to pass it to an OpenAI-compatible server, and a
    // plain statement of the shape for every model.
    const instruction = schema
      ? `${JSON_INSTRUCTION} It must match the JSON schema "${schema.name}" (${schema.description}): ` +
        JSON.stringify(providerSchema(schema.schema))
      : JSON_INSTRUCTION;
    return {
      purpose: request.purpose,
      messages: json
        ? [{ role: 'system', content: instruction }, ...request.messages]
        : request.messages,
      maxTokens: request.maxTokens,
      temperature: request.temperature ?? this.config.llm.defaultTemperature,
      json,
      schema,
    };
  }

  private settle(
    link: ChainLink,
    request: PreparedRequest,
    answer: ProviderAnswer,
    started: number,
  ): LlmResult {
    const { usage, costUsd } = this.accounting.settle(
      link.entry,
      request.messages,
      answer.text,
      answer.usage,
    );
    return {
      text: answer.text,
      provider: link.entry.provider,
      model: link.entry.model,
      usage,
      cost_usd: costUsd,
      cached: false,
      latency_ms: elapsedMs(started),
    };
  }

  /** The last step of the fallback strategy: when every provider failed, a cached answer, else AI_UNAVAILABLE. */
  private async lastResort(error: unknown, key: string, started: number): Promise<LlmResult> {
    if (!(error instanceof ChainExhausted)) throw error;
    const cached = await this.cache.get(key);
    const last = error.failures.at(-1)?.entry;
    if (cached) {
      if (last) this.metrics.fallback(last, 'cache');
      this.logger.warn('Every LLM provider failed; serving the cached answer');
      return this.fromCache(cached, 'last_resort', started);
    }
    this.logger.error(`Every LLM provider failed: ${error.message}`);
    this.metrics.allFailed();
    throw new AiUnavailableError(error.failures);
  }

  private fromCache(cached: CachedAnswer, mode: 'hit' | 'last_resort', started: number): LlmResult {
    const entry = { provider: cached.provider, model: cached.model };
    this.metrics.cacheHit(entry, mode);
    this.metrics.observe(entry, 'cache_hit', (performance.now() - started) / 1000);
    // A cached answer costs nothing now; its usage still tells the caller how big it was.
    return { ...cached, cost_usd: 0, cached: true, latency_ms: elapsedMs(started) };
  }

  private recordMidStreamFailure(
    link: ChainLink,
    failure: ProviderFailure,
    startedAt: number,
  ): void {
    link.breaker.recordFailure();
    this.metrics.error(link.entry, failure.reason);
    this.metrics.observe(link.entry, 'error', (performance.now() - startedAt) / 1000);
    this.logger.warn(
      `${link.entry.provider}:${link.entry.model} failed mid-stream (${failure.reason}: ${failure.message})`,
    );
  }
}

/** One non-streamed attempt; an empty answer, or bad JSON when JSON was asked for, is malformed. */
async function completeOnce(
  link: ChainLink,
  call: ProviderCall,
  watchdog: Watchdog,
): Promise<ProviderAnswer> {
  try {
    const answer = await link.provider.complete(call);
    // A structured answer is validated, and repaired once, by its caller (completeStructured),
    // which can tell the model what is wrong; retrying it blind here would only repeat it.
    return { ...answer, text: checkedText(answer.text, call.json && call.schema === undefined) };
  } finally {
    watchdog.disarm();
  }
}

export function checkedText(text: string, json: boolean): string {
  if (!json) {
    if (text.trim() === '') throw new ProviderFailure('malformed', 'the answer is empty');
    return text;
  }
  // Models often wrap JSON in a markdown fence even when told not to.
  const unfenced = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  try {
    const parsed: unknown = JSON.parse(unfenced);
    if (typeof parsed === 'object' && parsed !== null) return unfenced;
  } catch {
    // fall through: reported below
  }
  throw new ProviderFailure('malformed', 'the answer is not the JSON object that was asked for');
}

function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
