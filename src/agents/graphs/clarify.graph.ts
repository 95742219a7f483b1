import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { LlmMessage } from '@/llm/llm.types';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import type { CoverageMap, LensCoverage } from '../answers';
import type { ClarifyingQuestion } from '../clarification/clarification-round';
import {
  assessIdea,
  CLARIFY_ASSESS_PURPOSE,
  CLARIFY_QUESTIONS_PURPOSE,
  offlineQuestions,
} from '../offline/clarify.drafter';
import { agentMessages } from '../prompts/agent-prompt';
import type { AgentRun } from '../runs/agent-run';

const ClarifyState = Annotation.Root({
  idea: Annotation<string>(),
  uploadsText: Annotation<string>(),
  chatHistory: Annotation<LlmMessage[]>(),
  domain: Annotation<string>(),
  complexity: Annotation<number>(),
  coverage: Annotation<CoverageMap>(),
  drafted: Annotation<unknown[]>(),
  questions: Annotation<ClarifyingQuestion[]>(),
});

const MIN_QUESTIONS = 5;
const MAX_QUESTIONS = 10;
const UPLOADS_EXCERPT_CHARS = 12_000;
const IMPACT: Record<LensCoverage, number> = { missing: 0, partial: 1, clear: 2 };

const ASSESS_INSTRUCTIONS =
  'You assess a product idea before writing its PRD. Reply with JSON {"domain": one word, ' +
  '"complexity": 0..1, "coverage": {"discovery"|"user_journey"|"metrics"|"gtm"|"risks": ' +
  '"clear"|"partial"|"missing"}}: how well the idea, uploads and chat already answer each lens.';
const ASK_INSTRUCTIONS =
  'You ask the clarification questions a product manager needs before writing a PRD. Reply ' +
  'with JSON {"questions": [{"lens", "question", "context", "options"?, "recommended"?}]}: 5-10 ' +
  'questions, most about the missing lenses, each worded from the idea; give 2-4 options and ' +
  'the recommended one only where the answer is a choice.';

/**
 * clarify: idea + uploads + chat → domain, complexity and a coverage map per lens → 5-10
 * questions ordered by impact. A model answer that is missing or malformed in any part is
 * completed from the offline assessment and questions, never passed on broken.
 */
export function buildClarifyGraph(run: AgentRun) {
  type State = typeof ClarifyState.State;

  const assess = run.node(
    'assess',
    { label: 'Assessing the idea', percent: 20 },
    async (state: State) => {
      const chat = state.chatHistory.map((turn) => turn.content).join('\n');
      const fallback = assessIdea(state.idea, state.uploadsText, chat);
      const answer = await run.llm.completeJson(
        CLARIFY_ASSESS_PURPOSE,
        agentMessages(ASSESS_INSTRUCTIONS, 'Assess this idea.', {
          idea: state.idea,
          uploads_excerpt: state.uploadsText.slice(0, UPLOADS_EXCERPT_CHARS),
          chat_history: state.chatHistory,
        }),
      );
      const complexity = Number(answer.complexity);
      return {
        domain:
          typeof answer.domain === 'string' && answer.domain ? answer.domain : fallback.domain,
        complexity: complexity >= 0 && complexity <= 1 ? complexity : fallback.complexity,
        coverage: coverageFrom(answer.coverage, fallback.coverage),
      };
    },
    (update) => ({ ...update }),
  );

  const ask = run.node(
    'ask',
    { label: 'Writing questions', percent: 60 },
    async (state: State) => {
      const answer = await run.llm.completeJson(
        CLARIFY_QUESTIONS_PURPOSE,
        agentMessages(ASK_INSTRUCTIONS, 'Ask the clarification questions for this idea.', {
          idea: state.idea,
          uploads_excerpt: state.uploadsText.slice(0, UPLOADS_EXCERPT_CHARS),
          chat_history: state.chatHistory,
          domain: state.domain,
          complexity: state.complexity,
          coverage: state.coverage,
        }),
      );
      return { drafted: Array.isArray(answer.questions) ? (answer.questions as unknown[]) : [] };
    },
    (update) => ({ drafted: update.drafted.length }),
  );

  const select = run.node(
    'select',
    { label: 'Ordering questions', percent: 90 },
    (state: State) => {
      const valid = state.drafted.flatMap((item) => {
        const question = validQuestion(item);
        return question ? [question] : [];
      });
      const backup = offlineQuestions(state.idea, state.uploadsText, state.domain);
      return Promise.resolve({ questions: ordered(valid, backup, state.coverage) });
    },
    (update) => ({ lenses: update.questions.map((question) => question.lens) }),
  );

  return new StateGraph(ClarifyState)
    .addNode('assess', assess)
    .addNode('ask', ask)
    .addNode('select', select)
    .addEdge(START, 'assess')
    .addEdge('assess', 'ask')
    .addEdge('ask', 'select')
    .addEdge('select', END)
    .compile();
}

function coverageFrom(value: unknown, fallback: CoverageMap): CoverageMap {
  const given = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const coverage = { ...fallback };
  for (const lens of THINKING_LENSES) {
    const level = given[lens];
    if (level === 'clear' || level === 'partial' || level === 'missing') coverage[lens] = level;
  }
  return coverage;
}

function validQuestion(item: unknown): ClarifyingQuestion | null {
  const q = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if (!THINKING_LENSES.includes(q.lens as ThinkingLens)) return null;
  if (typeof q.question !== 'string' || q.question.trim().length < 5) return null;
  const base = {
    lens: q.lens as ThinkingLens,
    question: q.question.trim(),
    context: typeof q.context === 'string' ? q.context.trim() : '',
  };
  const options = Array.isArray(q.options)
    ? q.options.filter((option): option is string => typeof option === 'string' && option !== '')
    : [];
  if (options.length < 2 || options.length > 4) return base;
  const recommended = options.includes(q.recommended as string)
    ? (q.recommended as string)
    : options[0];
  return { ...base, options, recommended };
}

/**
 * Every lens gets its first question, then the rest by impact (least covered lens first), the
 * model's before the backup's; topped up from the backup to at least 5, cut at 10.
 */
function ordered(
  valid: ClarifyingQuestion[],
  backup: ClarifyingQuestion[],
  coverage: CoverageMap,
): ClarifyingQuestion[] {
  const pool = [...valid, ...backup.filter((b) => !valid.some((v) => v.question === b.question))];
  const usable = valid.length >= MIN_QUESTIONS ? valid : pool;
  const byImpact = (a: ClarifyingQuestion, b: ClarifyingQuestion) =>
    IMPACT[coverage[a.lens]] - IMPACT[coverage[b.lens]];
  const firsts = THINKING_LENSES.map(
    (lens) => usable.find((q) => q.lens === lens) ?? pool.find((q) => q.lens === lens),
  ).filter((q): q is ClarifyingQuestion => q !== undefined);
  const rest = usable.filter((q) => !firsts.includes(q));
  return [...firsts.sort(byImpact), ...rest.sort(byImpact)].slice(0, MAX_QUESTIONS);
}
