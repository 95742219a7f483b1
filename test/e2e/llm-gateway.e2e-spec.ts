import Redis from 'ioredis';
import { uniqueSuffix } from '@test/support/factories';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { NEVER } from '@test/support/llm-stubs/stub-server';
import { AiUnavailableError } from '@/llm/llm-gateway.service';
import type { LlmRequest } from '@/llm/llm.types';
import { scrape } from '@test/support/prometheus';

const ask = (content: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  purpose: 'test.ask',
  messages: [
    { role: 'system', content: 'You are a product manager.' },
    { role: 'user', content: `${content} (${uniqueSuffix()})` },
  ],
  ...extra,
});

describe('LLM gateway: complete() over the real SDKs against stub providers', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed();
  });
  afterAll(() => bed.close());
  beforeEach(() => {
    bed.openai.reset();
    bed.anthropic.reset();
  });

  it('answers from the primary model and reports provider, model, usage, cost and latency', async () => {
    bed.openai.enqueue({ text: 'A PRD outline', usage: { prompt: 1000, completion: 500 } });
    const result = await bed.gateway.complete(ask('Outline a PRD'));
    expect(result).toEqual({
      text: 'A PRD outline',
      provider: 'openai',
      model: 'gpt-4o',
      usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 },
      // gpt-4o: $2.50 in, $10 out per 1M tokens
      cost_usd: 0.0075,
      cached: false,
      latency_ms: expect.any(Number),
    });
    expect(bed.openai.requests[0].body).toMatchObject({
      model: 'gpt-4o',
      max_completion_tokens: 4096,
      temperature: 0.7,
    });
    expect(bed.openai.requests[0].headers.authorization).toBe('Bearer sk-stub');
    expect(
      await bed.metric('llm_request_duration_seconds_count', {
        model: 'gpt-4o',
        outcome: 'success',
      }),
    ).toBeGreaterThan(0);
  });

  it('retries a 500 with backoff and then answers from the same model', async () => {
    const before = await bed.metric('llm_errors_total', {
      model: 'gpt-4o',
      reason: 'server_error',
    });
    bed.openai.enqueue({ status: 500 }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Retry me'));
    expect(result.model).toBe('gpt-4o');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
    expect(await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'server_error' })).toBe(
      before + 1,
    );
  });

  it('honours Retry-After on a 429', async () => {
    bed.openai.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { model: 'gpt-4o' });
    const started = performance.now();
    const result = await bed.gateway.complete(ask('Rate limited'));
    // A lower bound, and what "honoured" means: a loaded machine only makes the wait longer.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.model).toBe('gpt-4o');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
  });

  it('moves on at once when Retry-After asks for longer than the maximum delay', async () => {
    const before = await bed.metric('llm_errors_total', {
      model: 'gpt-4o',
      reason: 'rate_limited',
    });
    // An hour: a gateway that waited it out would be stopped by the test's own timeout.
    bed.openai.enqueue({ status: 429, headers: { 'retry-after': '3600' } }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Come back later'));
    expect(result.model).toBe('gpt-4o-mini');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'rate_limited' })).toBe(
      before + 1,
    );
  });

  it('times out a slow answer and retries', async () => {
    const before = await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'timeout' });
    bed.openai.enqueue({ delayMs: NEVER }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Slow'));
    expect(result.model).toBe('gpt-4o');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
    expect(await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'timeout' })).toBe(
      before + 1,
    );
  });

  it('treats a body that is not JSON as malformed and retries', async () => {
    bed.openai.enqueue({ malformed: true }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Garbled'));
    expect(result.model).toBe('gpt-4o');
    expect(await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'malformed' })).toBe(1);
  });

  it('asks for JSON, retries an answer that is not JSON and unwraps a fenced one', async () => {
    bed.openai
      .enqueue({ text: 'Sure! Here are the questions.' }, { model: 'gpt-4o' })
      .enqueue({ text: '```json\n{"questions": ["Who?"]}\n```' }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Questions as JSON', { json: true }));
    expect(JSON.parse(result.text)).toEqual({ questions: ['Who?'] });
    expect(bed.openai.requests[0].body.response_format).toEqual({ type: 'json_object' });
    expect(bed.openai.requests).toHaveLength(2);
  });

  it('falls back in order: OpenAI primary, OpenAI fallback, then Anthropic', async () => {
    const fallback = (from: string, to: string) => bed.metric('llm_fallbacks_total', { from, to });
    const before = [
      await fallback('openai:gpt-4o', 'openai:gpt-4o-mini'),
      await fallback('openai:gpt-4o-mini', 'anthropic:claude-sonnet-4-6'),
    ];
    bed.openai.enqueue({ status: 503 }, { model: 'gpt-4o', times: 3 });
    bed.openai.enqueue({ status: 500 }, { model: 'gpt-4o-mini', times: 3 });
    bed.anthropic.enqueue({ text: 'Claude here', usage: { prompt: 2000, completion: 1000 } });
    const result = await bed.gateway.complete(ask('Anyone there?'));
    expect(bed.openai.modelsRequested()).toEqual([
      ...Array(3).fill('gpt-4o'),
      ...Array(3).fill('gpt-4o-mini'),
    ]);
    expect(result).toMatchObject({
      text: 'Claude here',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      // claude-sonnet-4-6: $3 in, $15 out per 1M tokens
      cost_usd: 0.021,
    });
    expect(bed.anthropic.requests[0].body).toMatchObject({
      system: 'You are a product manager.',
      max_tokens: 4096,
    });
    expect(await fallback('openai:gpt-4o', 'openai:gpt-4o-mini')).toBe(before[0] + 1);
    expect(await fallback('openai:gpt-4o-mini', 'anthropic:claude-sonnet-4-6')).toBe(before[1] + 1);
  });

  it('does not retry a 400, which would fail the same way again', async () => {
    bed.openai.enqueue({ status: 400 }, { model: 'gpt-4o' });
    const result = await bed.gateway.complete(ask('Bad request'));
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(result.model).toBe('gpt-4o-mini');
  });

  it('fails with AI_UNAVAILABLE (503) when every provider fails and nothing is cached', async () => {
    const unavailableBefore = (await scrape(bed.testApp.http)).value('llm_unavailable_total');
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ status: 529 }, { times: 3 });
    const error = await bed.gateway.complete(ask('Nobody home')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    const unavailable = error as AiUnavailableError;
    expect(unavailable.code).toBe('AI_UNAVAILABLE');
    expect(unavailable.status).toBe(503);
    expect(unavailable.failures.map((f) => [f.entry.model, f.failure.reason])).toEqual([
      ['gpt-4o', 'server_error'],
      ['gpt-4o-mini', 'server_error'],
      ['claude-sonnet-4-6', 'server_error'],
    ]);
    expect(bed.anthropic.requests).toHaveLength(3);
    expect((await scrape(bed.testApp.http)).value('llm_unavailable_total')).toBe(
      unavailableBefore + 1,
    );
  });

  it('serves the cached answer when every provider fails', async () => {
    const request = ask('Remember this');
    const first = await bed.gateway.complete(request);
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ status: 500 }, { times: 3 });
    const lastResorts = await bed.metric('llm_cache_hits_total', { mode: 'last_resort' });
    const again = await bed.gateway.complete({ ...request, refresh: true });
    expect(again).toMatchObject({
      text: first.text,
      provider: 'openai',
      model: 'gpt-4o',
      cached: true,
      cost_usd: 0,
    });
    expect(await bed.metric('llm_cache_hits_total', { mode: 'last_resort' })).toBe(lastResorts + 1);
    expect(
      await bed.metric('llm_fallbacks_total', { from: 'anthropic:claude-sonnet-4-6', to: 'cache' }),
    ).toBeGreaterThan(0);
  });

  it('serves an identical request from Redis (ai_cache:{sha256}, 24 h) and counts the hit', async () => {
    const request = ask('Cache me');
    const hits = await bed.metric('llm_cache_hits_total', {
      provider: 'openai',
      model: 'gpt-4o',
      mode: 'hit',
    });
    const first = await bed.gateway.complete(request);
    const second = await bed.gateway.complete(request);
    expect(bed.openai.requests).toHaveLength(1);
    expect(second).toMatchObject({
      text: first.text,
      usage: first.usage,
      cached: true,
      cost_usd: 0,
    });
    expect(first.cached).toBe(false);
    expect(
      await bed.metric('llm_cache_hits_total', {
        provider: 'openai',
        model: 'gpt-4o',
        mode: 'hit',
      }),
    ).toBe(hits + 1);
    // KEYS patterns are not prefixed by ioredis, so the prefix is given in full, then stripped.
    const redis = bed.testApp.app.get(Redis);
    const { keyPrefix } = bed.testApp.config.redis;
    const keys = await redis.keys(`${keyPrefix}ai_cache:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatch(/ai_cache:[0-9a-f]{64}$/);
    const ttl = await redis.ttl(keys[0].slice(keyPrefix.length));
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('estimates tokens with tiktoken when the provider reports no usage, and meters them', async () => {
    const tokensBefore = await bed.metric('llm_tokens_total', {
      model: 'gpt-4o',
      kind: 'completion',
    });
    const costBefore = await bed.metric('llm_cost_usd_total', { model: 'gpt-4o' });
    bed.openai.enqueue({ text: 'one two three four five', usage: null });
    const result = await bed.gateway.complete(ask('Count me'));
    expect(result.usage.completion_tokens).toBe(5);
    expect(result.usage.prompt_tokens).toBeGreaterThan(10);
    expect(result.usage.total_tokens).toBe(result.usage.prompt_tokens + 5);
    expect(result.cost_usd).toBeCloseTo((result.usage.prompt_tokens * 2.5 + 5 * 10) / 1e6, 8);
    expect(await bed.metric('llm_tokens_total', { model: 'gpt-4o', kind: 'completion' })).toBe(
      tokensBefore + 5,
    );
    expect(await bed.metric('llm_cost_usd_total', { model: 'gpt-4o' })).toBeCloseTo(
      costBefore + result.cost_usd,
      8,
    );
  });
});
