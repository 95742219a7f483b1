import { aRecordedRun, offlineModel } from '@test/support/factories/agents';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { buildClarifyGraph } from './clarify.graph';

const IDEA = 'A platform for connecting freelancers with small businesses, with escrow payments';

async function clarify(model = offlineModel(), idea = IDEA, uploadsText = '') {
  const recorded = aRecordedRun(model, 'clarification_agent');
  const out = await buildClarifyGraph(recorded.run).invoke({ idea, uploadsText, chatHistory: [] });
  return { out, recorded };
}

describe('clarify graph', () => {
  it('assesses domain, complexity and coverage, then asks 5-10 questions over every lens', async () => {
    const { out, recorded } = await clarify();
    expect(out.domain).toBe('marketplace');
    expect(out.complexity).toBeGreaterThan(0.5);
    expect(out.coverage).toEqual({
      discovery: 'partial',
      user_journey: 'missing',
      metrics: 'missing',
      gtm: 'missing',
      risks: 'missing',
    });
    expect(out.questions.length).toBeGreaterThanOrEqual(5);
    expect(out.questions.length).toBeLessThanOrEqual(10);
    expect(new Set(out.questions.map((q) => q.lens))).toEqual(new Set(THINKING_LENSES));
    // Impact order: the lens the idea covers best (discovery, partial) comes after the missing ones.
    expect(
      out.questions
        .slice(0, 5)
        .map((q) => q.lens)
        .at(-1),
    ).toBe('discovery');
    expect(JSON.stringify(out.questions)).toContain('freelancers');
    expect(recorded.logs.map((log) => log.node)).toEqual(['assess', 'ask', 'select']);
  });

  it('offers 2-4 options with a recommended one where the question is a choice', async () => {
    const { out } = await clarify();
    const withOptions = out.questions.filter((q) => q.options);
    expect(withOptions.length).toBeGreaterThanOrEqual(2);
    for (const question of withOptions) {
      expect(question.options!.length).toBeGreaterThanOrEqual(2);
      expect(question.options!.length).toBeLessThanOrEqual(4);
      expect(question.options).toContain(question.recommended);
    }
    const pricing = out.questions.find((q) => /pay for it/.test(q.question));
    expect(pricing?.recommended).toBe('A fee per transaction');
  });

  it('keeps a good model answer and completes a bad one from the offline questions', async () => {
    const good = {
      domain: 'hr',
      complexity: 0.4,
      coverage: {
        discovery: 'clear',
        user_journey: 'clear',
        metrics: 'missing',
        gtm: 'clear',
        risks: 'partial',
      },
    };
    const modelQuestions = [
      {
        lens: 'metrics',
        question: 'What number proves it works?',
        context: 'Focus',
        options: ['A', 'B'],
        recommended: 'B',
      },
      { lens: 'banana', question: 'Not a lens?', context: '' },
      { lens: 'risks', question: '?', context: 'too short' },
    ];
    const { out } = await clarify((request) =>
      request.purpose === 'clarify.assess'
        ? JSON.stringify(good)
        : JSON.stringify({ questions: modelQuestions }),
    );
    expect(out.domain).toBe('hr');
    expect(out.coverage).toEqual(good.coverage);
    expect(out.questions[0]).toEqual({
      lens: 'metrics',
      question: 'What number proves it works?',
      context: 'Focus',
      options: ['A', 'B'],
      recommended: 'B',
    });
    expect(out.questions.length).toBeGreaterThanOrEqual(5);
    expect(out.questions.some((q) => q.question === 'Not a lens?')).toBe(false);
    expect(new Set(out.questions.map((q) => q.lens))).toEqual(new Set(THINKING_LENSES));
  });
});
