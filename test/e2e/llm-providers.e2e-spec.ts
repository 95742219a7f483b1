import { uniqueSuffix } from '@test/support/factories';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import type { LlmRequest } from '@/llm/llm.types';

// Out-of-range on purpose: every adapter must bring them into its provider's limits.
const ask = (): LlmRequest => ({
  purpose: 'test.providers',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: `Name the persona (${uniqueSuffix()})` },
  ],
  temperature: 1.5,
  maxTokens: 100_000,
});

describe('LLM providers: what each adapter sends, down a four-provider chain', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    // The OpenAI stub doubles as a local OpenAI-compatible server (Ollama, vLLM, LM Studio).
    bed = await createLlmTestBed(({ openai }) => ({
      LLM_CHAIN: 'compatible:llama3.1:8b,openai:o4-mini,anthropic:claude-sonnet-4-6,offline',
      OPENAI_COMPATIBLE_BASE_URL: `${openai}/v1`,
      LLM_MAX_RETRIES: '0',
    }));
  });
  afterAll(() => bed.close());
  beforeEach(() => {
    bed.openai.reset();
    bed.anthropic.reset();
  });

  it('an OpenAI-compatible server gets max_tokens, the temperature as asked, and no real key', async () => {
    const result = await bed.gateway.complete(ask());
    expect(result).toMatchObject({ provider: 'compatible', model: 'llama3.1:8b', cost_usd: 0 });
    const { body, headers } = bed.openai.requests[0];
    expect(body).toMatchObject({ model: 'llama3.1:8b', max_tokens: 4096, temperature: 1.5 });
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(headers.authorization).toBe('Bearer not-needed');
  });

  it('an OpenAI reasoning model gets max_completion_tokens and no temperature', async () => {
    bed.openai.enqueue({ status: 500 }, { model: 'llama3.1:8b' });
    const result = await bed.gateway.complete(ask());
    expect(result).toMatchObject({ provider: 'openai', model: 'o4-mini' });
    const { body } = bed.openai.requests[1];
    expect(body).toMatchObject({ model: 'o4-mini', max_completion_tokens: 4096 });
    expect(body).not.toHaveProperty('temperature');
  });

  it('Anthropic gets the system prompt apart, its own token cap and a temperature within 0-1', async () => {
    bed.openai.enqueue({ status: 500 }, { times: 2 });
    const result = await bed.gateway.complete(ask());
    expect(result).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6' });
    expect(bed.anthropic.requests[0].body).toMatchObject({
      system: 'Be brief.',
      max_tokens: 4096,
      temperature: 1,
      messages: [{ role: 'user', content: expect.stringContaining('Name the persona') }],
    });
    // This SDK release sends the key as a bearer token (older ones used x-api-key).
    const { authorization, 'x-api-key': apiKey } = bed.anthropic.requests[0].headers;
    expect([authorization, apiKey]).toContain(apiKey ? 'sk-ant-stub' : 'Bearer sk-ant-stub');
  });

  it('an offline entry at the end degrades gracefully instead of failing', async () => {
    bed.openai.enqueue({ status: 500 }, { times: 2 });
    bed.anthropic.enqueue({ status: 500 });
    const result = await bed.gateway.complete(ask());
    expect(result).toMatchObject({ provider: 'offline', model: 'offline', cost_usd: 0 });
    expect(result.text.toLowerCase()).toContain('persona');
  });
});
