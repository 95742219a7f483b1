import { createTestApp, TestApp } from '@test/support/create-test-app';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { LlmGateway } from '@/llm/llm-gateway.service';
import type { LlmMessage, LlmRequest } from '@/llm/llm.types';
import { OfflineDrafters } from '@/llm/offline/offline-drafters';
import { countMessageTokens } from '@/llm/token-counter';

const idea = (content: string): LlmRequest => ({
  purpose: 'chat.reply',
  messages: [
    { role: 'system', content: 'You help people write product requirements.' },
    { role: 'user', content },
  ],
});

describe('LLM gateway with no key configured: the offline provider', () => {
  let testApp: TestApp;
  let gateway: LlmGateway;

  beforeAll(async () => {
    testApp = await createTestApp();
    gateway = testApp.app.get(LlmGateway);
  });
  afterAll(() => testApp.close());

  it('is the whole chain by default', () => {
    expect(gateway.entries).toEqual([{ provider: 'offline', model: 'offline' }]);
  });

  it('drafts deterministically from the input, labelled offline, at no cost', async () => {
    const request = idea(
      'A habit tracker for remote teams with weekly check-ins and Slack reminders.',
    );
    const first = await gateway.complete(request);
    const second = await gateway.complete(request);
    expect(first).toMatchObject({
      provider: 'offline',
      model: 'offline',
      cost_usd: 0,
      cached: false,
    });
    expect(second.text).toBe(first.text);
    // Offline drafts are not cached: a key configured later must not be hidden by them.
    expect(second.cached).toBe(false);
    expect(first.text.toLowerCase()).toContain('habit tracker');
    expect(first.text.toLowerCase()).toContain('slack reminders');
    expect(first.usage.prompt_tokens).toBeGreaterThan(10);
    expect(first.usage.completion_tokens).toBeGreaterThan(10);
    const other = await gateway.complete(idea('An invoicing tool for freelance photographers.'));
    expect(other.text).not.toBe(first.text);
  });

  it('streams the same draft as word deltas', async () => {
    const request = idea('A recipe app that plans meals around what is already in the fridge.');
    const complete = await gateway.complete(request);
    const deltas: string[] = [];
    let done;
    for await (const event of gateway.stream(request)) {
      if (event.type === 'delta') deltas.push(event.text);
      else done = event.result;
    }
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join('')).toBe(complete.text);
    expect(done).toMatchObject({ provider: 'offline', model: 'offline', text: complete.text });
  });

  it('answers JSON requests with JSON, and uses a registered drafter for its purpose', async () => {
    const json = await gateway.complete({ ...idea('A parking spot marketplace.'), json: true });
    expect(JSON.parse(json.text)).toHaveProperty('key_points');
    testApp.app
      .get(OfflineDrafters)
      .register('test.echo', ({ messages }) => `echo: ${messages.at(-1)?.content}`);
    const echoed = await gateway.complete({ ...idea('ping'), purpose: 'test.echo.loud' });
    expect(echoed.text).toBe('echo: ping');
  });

  it('fits a long chat into a budget by summarising older turns through the gateway', async () => {
    const chat: LlmMessage[] = [{ role: 'system', content: 'You are a product manager.' }];
    for (let i = 0; i < 20; i++) {
      chat.push({
        role: i % 2 === 0 ? 'user' : 'assistant',
        content: `Point ${i}: the checkout flow needs Apple Pay, and refunds must finish within ${i + 2} days.`,
      });
    }
    const fitted = await testApp.app.get(PromptBudget).fitChat(chat, 250);
    expect(countMessageTokens(fitted.messages)).toBeLessThanOrEqual(250);
    expect(fitted.summarisedTurns).toBeGreaterThan(0);
    expect(fitted.messages[1].content).toMatch(/^Summary of the earlier conversation/);
    expect(fitted.messages[1].content).toContain('checkout flow');
    expect(fitted.messages.at(-1)).toEqual(chat.at(-1));
  });
});
