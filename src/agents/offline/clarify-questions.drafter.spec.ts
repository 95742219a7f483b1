import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { draftClarificationQuestions } from './clarify-questions.drafter';

describe('draftClarificationQuestions (offline drafter)', () => {
  it('asks 5-10 questions covering every lens, worded from the idea', () => {
    const questions = draftClarificationQuestions({
      idea: 'A platform for connecting freelancers with small businesses, with escrow payments',
      uploadsText: '',
    });
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(questions.length).toBeLessThanOrEqual(10);
    expect(new Set(questions.map((question) => question.lens))).toEqual(new Set(THINKING_LENSES));
    for (const question of questions) {
      expect(question.question).toMatch(/\?$/);
      expect(question.context.length).toBeGreaterThan(10);
    }
    const text = JSON.stringify(questions);
    expect(text).toContain('Who exactly are freelancers');
    // Marketplace and payments ideas get their domain's questions.
    expect(text).toContain('marketplace');
    expect(text).toContain('licensed provider');
  });

  it('is deterministic and depends on the idea', () => {
    const input = { idea: 'A fitness tracking app for marathon runners', uploadsText: '' };
    expect(draftClarificationQuestions(input)).toEqual(draftClarificationQuestions(input));
    expect(draftClarificationQuestions(input)).not.toEqual(
      draftClarificationQuestions({ idea: 'An inventory tool for bakeries', uploadsText: '' }),
    );
    expect(JSON.stringify(draftClarificationQuestions(input))).toContain('marathon runners');
  });

  it('asks about what uploaded documents say', () => {
    const questions = draftClarificationQuestions({
      idea: 'A booking tool for dog groomers',
      uploadsText: 'Grooming appointments need deposits. Deposits are refundable. Deposits matter.',
    });
    expect(questions.map((question) => question.question)).toContain(
      'Your documents mention "deposits": which constraints there are fixed, and which are open to change?',
    );
  });

  it('never asks more than 10', () => {
    const questions = draftClarificationQuestions({
      idea: 'A social marketplace for students',
      uploadsText: 'Recipes and more recipes.',
    });
    expect(questions).toHaveLength(10);
  });
});
