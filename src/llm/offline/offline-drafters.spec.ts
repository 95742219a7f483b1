import type { LlmMessage } from '../llm.types';
import { genericDrafter } from './generic.drafter';
import { OfflineDrafters } from './offline-drafters';
import { SUMMARY_PURPOSE, summaryDrafter } from './summary.drafter';

const input = (content: string, json = false) => ({
  messages: [
    { role: 'system', content: 'You are a product manager.' },
    { role: 'user', content },
  ] as LlmMessage[],
  purpose: 'chat.reply',
  json,
  maxTokens: undefined,
});

const idea =
  'I want to build a meal planning app for busy parents. It should generate weekly grocery lists ' +
  'and suggest recipes based on dietary restrictions. Busy parents should save time on grocery lists.';

describe('genericDrafter', () => {
  it('is deterministic', () => {
    expect(genericDrafter(input(idea))).toBe(genericDrafter(input(idea)));
  });

  it('drafts from the input: key phrases, the sentences they came from, questions about them', () => {
    const draft = genericDrafter(input(idea));
    expect(draft).toMatch(/^## /);
    expect(draft.toLowerCase()).toContain('grocery lists');
    expect(draft.toLowerCase()).toContain('busy parents');
    expect(draft).toContain('It should generate weekly grocery lists and suggest recipes');
    expect(draft).toMatch(/### Open questions\n1\. /);
    expect(draft).toContain('Drafted offline');
  });

  it('gives different drafts for different inputs', () => {
    const other = genericDrafter(
      input('A scooter sharing service for university campuses with QR unlock.'),
    );
    expect(other).not.toBe(genericDrafter(input(idea)));
    expect(other.toLowerCase()).toContain('scooter');
  });

  it('answers a JSON request with one parseable object', () => {
    const parsed = JSON.parse(genericDrafter(input(idea, true))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['topic', 'summary', 'key_points', 'open_questions']);
  });

  it('asks for an idea when there is nothing to draft from', () => {
    expect(genericDrafter(input('hi'))).toContain('Nothing to draft yet');
  });
});

describe('summaryDrafter', () => {
  it('keeps the weightiest whole sentences in order, within the allowance', () => {
    const text = [
      'user: Hello there.',
      'assistant: The checkout flow must support Apple Pay and refunds within five days.',
      'user: Thanks.',
      'assistant: Refunds within five days are a hard requirement for the checkout flow.',
    ].join('\n\n');
    const summary = summaryDrafter({
      messages: [{ role: 'user', content: text }],
      purpose: SUMMARY_PURPOSE,
      json: false,
      maxTokens: 40,
    });
    expect(summary).toContain('checkout flow must support Apple Pay');
    expect(summary).not.toContain('Hello there');
  });
});

describe('OfflineDrafters', () => {
  it('picks the drafter for the purpose, then its family, then the generic one', () => {
    const drafters = new OfflineDrafters();
    const clarify = () => 'clarify';
    drafters.register('clarify', clarify);
    expect(drafters.for('clarify.questions')).toBe(clarify);
    expect(drafters.for('clarify')).toBe(clarify);
    expect(drafters.for('chat.reply')).toBe(genericDrafter);
    expect(drafters.for(SUMMARY_PURPOSE)).toBe(summaryDrafter);
    expect(() => drafters.register('clarify', clarify)).toThrow(/already registered/);
  });
});
