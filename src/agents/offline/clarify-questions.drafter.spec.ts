import { draftClarificationQuestions } from './clarify-questions.drafter';
import { assessIdea } from './clarify.drafter';

const PHYSIO =
  'A scheduling assistant for independent physiotherapy clinics that fills last-minute ' +
  'cancellations by texting patients on a waitlist';

function questionsFor(idea: string, uploadsText = '') {
  return draftClarificationQuestions({
    idea,
    uploadsText,
    coverage: assessIdea(idea, uploadsText, '').coverage,
  });
}

describe('draftClarificationQuestions (offline drafter)', () => {
  it('asks 5-10 questions over every lens, each with 2-4 distinct options and a reasoned pick', () => {
    const questions = questionsFor(PHYSIO);
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(questions.length).toBeLessThanOrEqual(10);
    expect(new Set(questions.map((q) => q.lens))).toEqual(
      new Set(['discovery', 'user_journey', 'metrics', 'gtm', 'risks']),
    );
    for (const question of questions) {
      expect(question.question).toMatch(/\?$/);
      expect(question.context.length).toBeGreaterThan(10);
      expect(question.options.length).toBeGreaterThanOrEqual(2);
      expect(question.options.length).toBeLessThanOrEqual(4);
      expect(new Set(question.options).size).toBe(question.options.length);
      for (const option of question.options)
        expect(option.split(' ').length).toBeLessThanOrEqual(8);
      expect(question.options).toContain(question.recommended);
      expect(question.recommended_reason).toMatch(/\.$/);
    }
  });

  it('words questions from the idea and picks choices from its domain', () => {
    const text = JSON.stringify(questionsFor(PHYSIO));
    expect(text).toContain('independent physiotherapy clinics');
    expect(text).toContain('Filling last-minute cancellations');
    expect(text).toContain('Which patient data will the product store?');
    expect(text).toMatch(/practice-management/);
    expect(text).not.toMatch(/fitness|wearable/i);
    const courier = JSON.stringify(
      questionsFor(
        'A route planning tool for small courier companies that re-optimises deliveries',
      ),
    );
    expect(courier).toMatch(/Per vehicle per month/);
    expect(courier).not.toMatch(/patient/i);
  });

  it('never asks what the idea already says', () => {
    const withAudience = questionsFor(PHYSIO).map((q) => q.question);
    expect(withAudience.some((q) => /^Who will use/.test(q))).toBe(false);
    const withoutAudience = questionsFor('Something that tracks my houseplants').map(
      (q) => q.question,
    );
    expect(withoutAudience.some((q) => /^Who will use/.test(q))).toBe(true);

    const priced = questionsFor(`${PHYSIO}, for £49 a month per clinic`).map((q) => q.question);
    expect(priced.some((q) => /make money/.test(q))).toBe(false);
    expect(questionsFor(PHYSIO).some((q) => /make money/.test(q.question))).toBe(true);

    const compliant = questionsFor(`${PHYSIO}, storing only GDPR-compliant contact details`);
    expect(compliant.some((q) => /patient data/.test(q.question))).toBe(false);
  });

  it('orders by impact: the lenses the idea leaves open come before the ones it touches', () => {
    const idea =
      'A budgeting app for freelancers: they lose money at tax time because they spend what they owe';
    const coverage = assessIdea(idea, '', '').coverage;
    expect(coverage.discovery).toBe('clear');
    const questions = questionsFor(idea);
    const firstDiscovery = questions.findIndex((q) => q.lens === 'discovery');
    const others = questions.slice(0, 4).map((q) => q.lens);
    expect(others).not.toContain('discovery');
    expect(firstDiscovery).toBeGreaterThanOrEqual(4);
    // A regulated domain asks about its risk right after the journey.
    expect(questions[1].lens).toBe('risks');
  });

  it('asks about what uploaded documents say', () => {
    const questions = questionsFor(
      'A booking tool for dog groomers',
      'Grooming appointments need deposits. Deposits are refundable. Deposits matter.',
    );
    expect(questions.map((q) => q.question)).toContain(
      'Your documents mention "deposits": is that fixed, or open to change?',
    );
  });

  it('is deterministic and depends on the idea', () => {
    expect(questionsFor(PHYSIO)).toEqual(questionsFor(PHYSIO));
    expect(questionsFor(PHYSIO)).not.toEqual(questionsFor('An inventory tool for bakeries'));
  });
});
