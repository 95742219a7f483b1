import { aRecordedRun, offlineModel, ScriptedModel } from '@test/support/factories/agents';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { StructuredOutputInvalid } from '@/llm/structured/structured-output';
import { buildClarifyGraph } from './clarify.graph';

const IDEA = 'A platform for connecting freelancers with small businesses, with escrow payments';

async function clarify(model: ScriptedModel = offlineModel(), idea = IDEA, uploadsText = '') {
  const recorded = aRecordedRun(model, 'clarification_agent');
  const out = await buildClarifyGraph(recorded.run).invoke({ idea, uploadsText, chatHistory: [] });
  return { out, recorded };
}

const GOOD_ASSESSMENT = {
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

const modelQuestion = (lens: string, question: string) => ({
  lens,
  question,
  context: 'Why it matters',
  options: ['Option A', 'Option B'],
  recommended: 'Option B',
  recommended_reason: 'It is the safer start.',
});

/** A model that answers the assessment well and the questions with `questions`, in turn. */
function modelAnswering(...questions: unknown[]): ScriptedModel {
  let turn = 0;
  return (request) =>
    request.purpose === 'clarify.assess'
      ? JSON.stringify(GOOD_ASSESSMENT)
      : typeof questions[Math.min(turn++, questions.length - 1)] === 'string'
        ? (questions[Math.min(turn - 1, questions.length - 1)] as string)
        : JSON.stringify(questions[Math.min(turn - 1, questions.length - 1)]);
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
    // Impact order: the lenses the idea leaves missing are asked about before the partial one.
    const firsts = THINKING_LENSES.map((lens) => out.questions.findIndex((q) => q.lens === lens));
    expect(Math.max(...firsts.slice(1))).toBeLessThan(firsts[0]);
    expect(JSON.stringify(out.questions)).toContain('freelancers');
    expect(recorded.logs.map((log) => log.node)).toEqual(['assess', 'ask', 'select']);
    // Structured output: each call carries its schema.
    expect(recorded.requests.map((request) => request.schema?.name)).toEqual([
      'idea_assessment',
      'clarification_questions',
    ]);
  });

  it('gives every question 2-4 options, the recommended one among them, and a reason', async () => {
    const { out } = await clarify();
    for (const question of out.questions) {
      expect(question.options.length).toBeGreaterThanOrEqual(2);
      expect(question.options.length).toBeLessThanOrEqual(4);
      expect(question.options).toContain(question.recommended);
      expect(question.recommended_reason.length).toBeGreaterThan(10);
    }
    const pricing = out.questions.find((q) => /make money/.test(q.question));
    expect(pricing?.recommended).toBe('Commission per completed job');
  });

  it('keeps a good model answer, its questions first, topped up to five from the offline ones', async () => {
    const { out } = await clarify(
      modelAnswering({ questions: [modelQuestion('metrics', 'What number proves it works?')] }),
    );
    expect(out.domain).toBe('hr');
    expect(out.coverage).toEqual(GOOD_ASSESSMENT.coverage);
    expect(out.questions[0]).toEqual(modelQuestion('metrics', 'What number proves it works?'));
    expect(out.questions.length).toBeGreaterThanOrEqual(5);
  });

  it('repairs a malformed answer once, telling the model what was wrong', async () => {
    const broken = {
      questions: [
        { ...modelQuestion('banana', 'Not a lens?') },
        { ...modelQuestion('risks', 'Which risk?'), options: 'Trust' },
      ],
    };
    const fixed = { questions: [modelQuestion('risks', 'Which risk matters most?')] };
    const { out, recorded } = await clarify(modelAnswering(broken, fixed));
    const asks = recorded.requests.filter((request) => request.purpose === 'clarify.questions');
    expect(asks).toHaveLength(2);
    const repair = asks[1].messages.at(-1)?.content ?? '';
    expect(repair).toContain('$.questions[0].lens: "banana" is not one of discovery');
    expect(repair).toContain('$.questions[1].options: expected an array, got a string');
    expect(asks[1].messages.at(-2)).toEqual({ role: 'assistant', content: JSON.stringify(broken) });
    expect(out.questions.map((q) => q.question)).toContain('Which risk matters most?');
  });

  it('fails with AI_OUTPUT_INVALID when the repair is malformed too', async () => {
    const prose = 'Sure! Here are some questions: 1. Who are your users? 2. What is the price?';
    const recorded = aRecordedRun(modelAnswering(prose), 'clarification_agent');
    const run = buildClarifyGraph(recorded.run).invoke({
      idea: IDEA,
      uploadsText: '',
      chatHistory: [],
    });
    await expect(run).rejects.toBeInstanceOf(StructuredOutputInvalid);
    await expect(run).rejects.toMatchObject({ code: 'AI_OUTPUT_INVALID' });
    const failed = recorded.logs.find((log) => log.node === 'ask');
    expect(failed?.status).toBe('error');
    expect(recorded.requests.filter((r) => r.purpose === 'clarify.questions')).toHaveLength(2);
  });
});
