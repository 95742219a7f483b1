import { AppError } from '@/common/errors';
import type { LlmMessage } from '../llm.types';
import { countMessageTokens } from '../token-counter';
import { fitChatToBudget, transcript, wholeSentences } from './token-budget';

const turn = (role: 'user' | 'assistant', n: number): LlmMessage => ({
  role,
  content: `Turn ${n} talks about the onboarding funnel and the checkout flow. It has two sentences.`,
});

const chat: LlmMessage[] = [
  { role: 'system', content: 'You are a product manager.' },
  ...Array.from({ length: 12 }, (_, i) => turn(i % 2 === 0 ? 'user' : 'assistant', i)),
];

describe('fitChatToBudget', () => {
  it('returns the chat untouched when it fits', async () => {
    const summarise = jest.fn();
    const fitted = await fitChatToBudget(chat, { budgetTokens: 10_000, summarise });
    expect(fitted).toEqual({ messages: chat, summarisedTurns: 0 });
    expect(summarise).not.toHaveBeenCalled();
  });

  it('keeps the system prompt and the newest turns verbatim and summarises the rest', async () => {
    const budget = 200;
    const summarise = jest.fn((turns: readonly LlmMessage[], _maxTokens: number) =>
      Promise.resolve(`The first ${turns.length} turns covered onboarding.`),
    );
    const fitted = await fitChatToBudget(chat, { budgetTokens: budget, summarise });
    expect(countMessageTokens(fitted.messages)).toBeLessThanOrEqual(budget);
    expect(fitted.messages[0]).toEqual(chat[0]);
    expect(fitted.messages[1].role).toBe('system');
    expect(fitted.messages[1].content).toMatch(
      /^Summary of the earlier conversation \(\d+ earlier messages\):/,
    );
    const kept = fitted.messages.slice(2);
    expect(kept).toEqual(chat.slice(chat.length - kept.length));
    expect(kept.length).toBeGreaterThan(0);
    expect(fitted.summarisedTurns + kept.length).toBe(12);
    expect(summarise.mock.calls[0][0]).toEqual(chat.slice(1, 1 + fitted.summarisedTurns));
    expect(summarise.mock.calls[0][1]).toBe(50);
  });

  it('keeps only whole sentences of a summary that overshoots its allowance', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Decision ${i} was agreed.`).join(' ');
    const fitted = await fitChatToBudget(chat, {
      budgetTokens: 200,
      summarise: () => Promise.resolve(long),
    });
    expect(countMessageTokens(fitted.messages)).toBeLessThanOrEqual(200);
    expect(fitted.messages[1].content).toMatch(/agreed\.$/);
  });

  it('refuses, naming the field, when the latest message alone cannot fit', async () => {
    const huge: LlmMessage[] = [chat[0], { role: 'user', content: 'word '.repeat(500) }];
    const error = await fitChatToBudget(huge, {
      budgetTokens: 100,
      summarise: () => Promise.resolve(''),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_ERROR');
    expect((error as AppError).message).toContain('over the budget of 100');
  });
});

describe('helpers', () => {
  it('wholeSentences never cuts a sentence', () => {
    expect(wholeSentences('One two three. Four five six seven eight nine ten.', 6)).toBe(
      'One two three.',
    );
    expect(wholeSentences('Short.', 100)).toBe('Short.');
  });

  it('transcript labels each turn with its role', () => {
    expect(transcript([turn('user', 1), turn('assistant', 2)])).toMatch(
      /^user: Turn 1[\s\S]*\n\nassistant: Turn 2/,
    );
  });
});
