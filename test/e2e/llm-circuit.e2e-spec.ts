import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueSuffix } from '@test/support/factories';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { scrape } from '@test/support/prometheus';
import type { LlmRequest } from '@/llm/llm.types';

/**
 * The circuit's cool-down. The assertions "still open" must land within it, so it is long
 * enough for a few local calls on a loaded machine (400 ms was not); the waits "after the
 * cool-down" are lower bounds, which load cannot break.
 */
const COOLDOWN_MS = 2_500;

const ask = (): LlmRequest => ({
  purpose: 'test.circuit',
  messages: [{ role: 'user', content: `Are you up? ${uniqueSuffix()}` }],
});

describe('LLM gateway: circuit breaker per chain entry', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    // No retries, so every call is one attempt and the counts are easy to follow.
    bed = await createLlmTestBed({
      LLM_MAX_RETRIES: '0',
      LLM_CIRCUIT_FAILURES: '2',
      LLM_CIRCUIT_COOLDOWN_MS: String(COOLDOWN_MS),
    });
  });
  afterAll(() => bed.close());

  it('opens after repeated failures, skips the entry while cooling down, then tries it again', async () => {
    const circuitOpen = async (model: string) =>
      (await scrape(bed.testApp.http)).value('llm_circuit_open', { model });
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-6']) {
      expect(await circuitOpen(model)).toBe(0);
    }
    bed.openai.enqueue({ status: 500 }, { model: 'gpt-4o', times: 3 });

    // Two failures in a row open the primary's circuit; the fallback answers both times.
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect(bed.openai.modelsRequested()).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4o',
      'gpt-4o-mini',
    ]);

    expect(await circuitOpen('gpt-4o')).toBe(1);
    expect(await circuitOpen('gpt-4o-mini')).toBe(0);

    // Open: the primary is not even asked.
    bed.openai.reset();
    bed.openai.enqueue({ status: 500 }, { model: 'gpt-4o', times: 1 });
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o-mini']);
    expect(await bed.metric('llm_errors_total', { model: 'gpt-4o', reason: 'circuit_open' })).toBe(
      1,
    );

    // After the cool-down one trial goes out; it fails, so the circuit opens again.
    await sleep(COOLDOWN_MS + 100);
    bed.openai.reset();
    bed.openai.enqueue({ status: 500 }, { model: 'gpt-4o', times: 1 });
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o-mini', 'gpt-4o-mini']);

    // The next trial succeeds and closes it: the primary answers again.
    await sleep(COOLDOWN_MS + 100);
    bed.openai.reset();
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o');
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o');
    expect(bed.openai.modelsRequested()).toEqual(['gpt-4o', 'gpt-4o']);
    expect(await circuitOpen('gpt-4o')).toBe(0);
  });

  it("is not opened by requests the provider rejects (4xx): that is the request's fault", async () => {
    bed.openai.reset();
    bed.openai.enqueue({ status: 400 }, { model: 'gpt-4o', times: 3 });
    for (let i = 0; i < 3; i++)
      expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o-mini');
    expect((await bed.gateway.complete(ask())).model).toBe('gpt-4o');
  });
});
