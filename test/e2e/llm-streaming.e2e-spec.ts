import { eventually } from '@test/support/eventually';
import { uniqueSuffix } from '@test/support/factories';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { NEVER } from '@test/support/llm-stubs/stub-server';
import { AppError } from '@/common/errors';
import type { LlmRequest, LlmResult, LlmStreamEvent } from '@/llm/llm.types';

const ask = (content: string): LlmRequest => ({
  purpose: 'test.stream',
  messages: [{ role: 'user', content: `${content} (${uniqueSuffix()})` }],
});

interface Collected {
  deltas: string[];
  result?: LlmResult;
  error?: unknown;
}

async function collect(events: AsyncIterable<LlmStreamEvent>): Promise<Collected> {
  const collected: Collected = { deltas: [] };
  try {
    for await (const event of events) {
      if (event.type === 'delta') collected.deltas.push(event.text);
      else collected.result = event.result;
    }
  } catch (error) {
    collected.error = error;
  }
  return collected;
}

describe('LLM gateway: stream() over the real SDKs against stub providers', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed();
  });
  afterAll(() => bed.close());
  beforeEach(() => {
    bed.openai.reset();
    bed.anthropic.reset();
  });

  it('streams OpenAI deltas and ends with the summary, usage from the stream', async () => {
    bed.openai.enqueue({
      text: 'Users want faster onboarding.',
      usage: { prompt: 40, completion: 6 },
    });
    const { deltas, result, error } = await collect(bed.gateway.stream(ask('Stream please')));
    expect(error).toBeUndefined();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Users want faster onboarding.');
    expect(result).toMatchObject({
      text: 'Users want faster onboarding.',
      provider: 'openai',
      model: 'gpt-4o',
      usage: { prompt_tokens: 40, completion_tokens: 6, total_tokens: 46 },
      cost_usd: (40 * 2.5 + 6 * 10) / 1e6,
      cached: false,
    });
    expect(bed.openai.requests[0].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('streams Anthropic deltas, with usage from message_start and message_delta', async () => {
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ text: 'Claude streams too.', usage: { prompt: 30, completion: 5 } });
    const { deltas, result } = await collect(bed.gateway.stream(ask('Stream from Claude')));
    expect(deltas.join('')).toBe('Claude streams too.');
    expect(result).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      usage: { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35 },
    });
    expect(bed.openai.modelsRequested()).toEqual([
      ...Array<string>(3).fill('gpt-4o'),
      ...Array<string>(3).fill('gpt-4o-mini'),
    ]);
    expect(bed.anthropic.requests[0].stream).toBe(true);
  });

  it('retries a stream that times out before its first delta', async () => {
    bed.openai.enqueue({ delayMs: NEVER }, { model: 'gpt-4o' });
    const { deltas, result } = await collect(bed.gateway.stream(ask('Slow start')));
    expect(result?.model).toBe('gpt-4o');
    expect(deltas.join('')).toBe(result?.text);
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
  });

  it('retries a stream whose events do not parse before any text', async () => {
    bed.openai.enqueue({ malformed: true }, { model: 'gpt-4o' });
    const { result } = await collect(bed.gateway.stream(ask('Garbled stream')));
    expect(result?.model).toBe('gpt-4o');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
  });

  it('never falls back once a delta was emitted: a dropped connection is AI_UNAVAILABLE', async () => {
    bed.openai.enqueue({ text: 'one two three four five six', dropAfterChunks: 2 });
    const { deltas, result, error } = await collect(bed.gateway.stream(ask('Drop me')));
    expect(deltas).toEqual(['one ', 'two ']);
    expect(result).toBeUndefined();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('AI_UNAVAILABLE');
    expect(bed.openai.requests).toHaveLength(1);
    expect(bed.anthropic.requests).toHaveLength(0);
  });

  it('gives up on a stream that stalls mid-answer (idle timeout)', async () => {
    const timeouts = () => bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'timeout' });
    const before = await timeouts();
    // After its first word the stub stalls for an hour: without the idle timeout this test would
    // run into its own (jest's) timeout instead of ending with AI_UNAVAILABLE.
    bed.openai.enqueue({ text: 'slow and steady', chunkDelayMs: NEVER });
    const { deltas, error } = await collect(bed.gateway.stream(ask('Stall')));
    expect(deltas).toEqual(['slow ']);
    expect((error as AppError).code).toBe('AI_UNAVAILABLE');
    expect(await timeouts()).toBe(before + 1);
    expect(bed.openai.requests).toHaveLength(1);
  });

  it.each([1, 2])(
    'closes the provider connection when the consumer stops after %i delta(s)',
    async (wanted) => {
      bed.openai.enqueue({ text: 'a b c d e f g h', chunkDelayMs: 20 });
      const received: string[] = [];
      for await (const event of bed.gateway.stream(ask('Only the first words'))) {
        if (event.type === 'delta') received.push(event.text);
        if (received.length === wanted) break;
      }
      expect(received).toEqual(['a ', 'b '].slice(0, wanted));
      // The stub sees the close a moment later; this very request, not an earlier test's.
      const [request] = bed.openai.requests;
      await eventually('the stub to see the connection closed', () =>
        bed.openai.abandoned.includes(request) ? true : undefined,
      );
      expect(bed.openai.requests).toHaveLength(1);
      // The next stream still works: nothing was left half-open in the gateway.
      const { result } = await collect(bed.gateway.stream(ask('Next one')));
      expect(result?.provider).toBe('openai');
    },
  );

  it('falls back to a cached answer as a single delta when every provider fails', async () => {
    const request = ask('Cached for streaming');
    const cached = await bed.gateway.complete(request);
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ status: 500 }, { times: 3 });
    const { deltas, result } = await collect(bed.gateway.stream(request));
    expect(deltas).toEqual([cached.text]);
    expect(result).toMatchObject({ text: cached.text, cached: true });
  });

  it('ends in AI_UNAVAILABLE when every provider fails and nothing is cached', async () => {
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ status: 500 }, { times: 3 });
    const { deltas, error } = await collect(bed.gateway.stream(ask('Nothing works')));
    expect(deltas).toEqual([]);
    expect((error as AppError).code).toBe('AI_UNAVAILABLE');
  });
});
