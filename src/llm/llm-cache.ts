import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '@/config/app-config';
import { LLM_PROVIDERS, LlmProviderName } from '@/config/llm-chain';
import type { LlmMessage, LlmUsage, OutputSchema } from './llm.types';

/** What the cache keeps: the answer and who gave it (cost is not repeated on a hit). */
export interface CachedAnswer {
  readonly text: string;
  readonly provider: LlmProviderName;
  readonly model: string;
  readonly usage: LlmUsage;
}

/** The parts of a request that decide the answer; the provider is not one (any answer will do). */
export interface CacheKeyParts {
  readonly purpose: string;
  readonly messages: readonly LlmMessage[];
  readonly maxTokens: number | undefined;
  readonly temperature: number;
  readonly json: boolean;
  readonly schema?: OutputSchema;
}

/**
 * Exact-match answer cache (`ai_cache:{hash_of_prompt}`, 24 h TTL by default) on the shared Redis
 * client, whose key prefix is added for us. The cache is an optimisation: a Redis failure is
 * logged and treated as a miss, never as a failed AI call.
 */
@Injectable()
export class LlmCache {
  private readonly logger = new Logger(LlmCache.name);
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.ttlSeconds = config.llm.cacheTtlSeconds;
  }

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  keyFor(parts: CacheKeyParts): string {
    const canonical = JSON.stringify([
      'v1',
      parts.purpose,
      parts.messages.map((message) => [message.role, message.content]),
      parts.maxTokens ?? null,
      parts.temperature,
      parts.json,
      ...(parts.schema ? [parts.schema.name] : []),
    ]);
    return `ai_cache:${createHash('sha256').update(canonical).digest('hex')}`;
  }

  async get(key: string): Promise<CachedAnswer | null> {
    if (!this.enabled) return null;
    try {
      const raw = await this.redis.get(key);
      return raw === null ? null : parseCached(raw);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'AI cache read failed; treating it as a miss');
      return null;
    }
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.redis.set(key, JSON.stringify(answer), 'EX', this.ttlSeconds);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'AI cache write failed; the answer is not cached');
    }
  }
}

/** A cached value written by an older release, or by hand, is a miss rather than a crash. */
function parseCached(raw: string): CachedAnswer | null {
  try {
    const value = JSON.parse(raw) as Partial<CachedAnswer>;
    const usage = value.usage;
    const valid =
      typeof value.text === 'string' &&
      typeof value.model === 'string' &&
      (LLM_PROVIDERS as readonly unknown[]).includes(value.provider) &&
      typeof usage?.prompt_tokens === 'number' &&
      typeof usage.completion_tokens === 'number' &&
      typeof usage.total_tokens === 'number';
    return valid ? (value as CachedAnswer) : null;
  } catch {
    return null;
  }
}
