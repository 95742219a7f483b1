import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { LlmMessage } from '@/llm/llm.types';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import type { CoverageMap, LensCoverage, QuestionWithChoices } from '../answers';
import {
  CLARIFY_ASSESS_PURPOSE,
  CLARIFY_QUESTIONS_PURPOSE,
  offlineQuestions,
} from '../offline/clarify.drafter';
import { agentMessages } from '../prompts/agent-prompt';
import { ASSESS_SPEC, QUESTIONS_SPEC } from '../prompts/clarify-schemas';
import { structuredAnswer } from '../prompts/structured-answer';
import type { AgentRun } from '../runs/agent-run';

const ClarifyState = Annotation.Root({
  idea: Annotation<string>(),
  uploadsText: Annotation<string>(),
  chatHistory: Annotation<LlmMessage[]>(),
  domain: Annotation<string>(),
  complexity: Annotation<number>(),
  coverage: Annotation<CoverageMap>(),
  drafted: Annotation<QuestionWithChoices[]>(),
  questions: Annotation<QuestionWithChoices[]>(),
});

const MIN_QUESTIONS = 5;
const MAX_QUESTIONS = 10;
const UPLOADS_EXCERPT_CHARS = 12_000;
const IMPACT: Record<LensCoverage, number> = { missing: 0, partial: 1, clear: 2 };

const ASSESS_INSTRUCTIONS =
  'You assess a product idea before writing its PRD: its domain in one or two words, its ' +
  'complexity from 0 (a weekend project) to 1 (regulated, multi-sided, integration-heavy), and ' +
  'for each thinking lens (discovery, user_journey, metrics, gtm, risks) whether the idea, the ' +
  'uploads and the chat already answer it clearly, partially, or not at all.';
const ASK_INSTRUCTIONS =
  'You ask the clarification questions a product manager needs before writing a PRD: 5-10 ' +
  'questions, the most impactful first, at least one for every lens the coverage does not mark ' +
  'clear, none asking what the idea already says, each worded from the idea. Every question ' +
  'has 2-4 short, distinct options (a few words each), the recommended option copied word for ' +
  'word, and a one-line reason for recommending it.';

/**
 * clarify: idea + uploads + chat → domain, complexity and a coverage map per lens → 5-10
 * questions ordered by impact, each with choices and a recommendation. Model answers are
 * structured (schema-checked, repaired once, else AI_OUTPUT_INVALID); fewer than five usable
 * questions are topped up from the offline drafter's.
 */
export function buildClarifyGraph(run: AgentRun) {
  type State = typeof ClarifyState.State;

  const assess = run.node(
    'assess',
    { label: 'Assessing the idea', percent: 20 },
    async (state: State) => {
      const answer = await structuredAnswer(
        run.llm,
        CLARIFY_ASSESS_PURPOSE,
        agentMessages(ASSESS_INSTRUCTIONS, 'Assess this idea.', {
          idea: state.idea,
          uploads_excerpt: state.uploadsText.slice(0, UPLOADS_EXCERPT_CHARS),
          chat_history: state.chatHistory,
        }),
        ASSESS_SPEC,
      );
      return {
        domain: answer.domain,
        complexity: answer.complexity,
        coverage: { ...answer.coverage },
      };
    },
    (update) => ({ ...update }),
  );

  const ask = run.node(
    'ask',
    { label: 'Writing questions', percent: 60 },
    async (state: State) => {
      const answer = await structuredAnswer(
        run.llm,
        CLARIFY_QUESTIONS_PURPOSE,
        agentMessages(ASK_INSTRUCTIONS, 'Ask the clarification questions for this idea.', {
          idea: state.idea,
          uploads_excerpt: state.uploadsText.slice(0, UPLOADS_EXCERPT_CHARS),
          chat_history: state.chatHistory,
          domain: state.domain,
          complexity: state.complexity,
          coverage: state.coverage,
        }),
        QUESTIONS_SPEC,
      );
      return { drafted: answer.questions.map(tidyQuestion) };
    },
    (update) => ({ drafted: update.drafted.length }),
  );

  const select = run.node(
    'select',
    { label: 'Ordering questions', percent: 90 },
    (state: State) => {
      const backup = offlineQuestions(state.idea, state.uploadsText, state.domain, state.coverage);
      return Promise.resolve({ questions: ordered(state.drafted, backup, state.coverage) });
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

function tidyQuestion(question: QuestionWithChoices): QuestionWithChoices {
  return {
    lens: question.lens,
    question: question.question.trim(),
    context: question.context.trim(),
    options: question.options.map((option) => option.trim()),
    recommended: question.recommended.trim(),
    recommended_reason: question.recommended_reason.trim(),
  };
}

/**
 * Every lens gets its first question, then the rest; each group by impact
 * (least covered lens first), ties in the order drafted. The model's questions come first; the
 * backup's top them up to at least 5 and fill a lens the model skipped. At most 10.
 */
export function ordered(
  drafted: readonly QuestionWithChoices[],
  backup: readonly QuestionWithChoices[],
  coverage: CoverageMap,
): QuestionWithChoices[] {
  const pool = [
    ...drafted,
    ...backup.filter((b) => !drafted.some((d) => d.question === b.question)),
  ];
  const usable = drafted.length >= MIN_QUESTIONS ? [...drafted] : pool;
  const byImpact = (a: QuestionWithChoices, b: QuestionWithChoices) =>
    IMPACT[coverage[a.lens]] - IMPACT[coverage[b.lens]] || pool.indexOf(a) - pool.indexOf(b);
  const firsts = THINKING_LENSES.map(
    (lens) => usable.find((q) => q.lens === lens) ?? pool.find((q) => q.lens === lens),
  ).filter((q): q is QuestionWithChoices => q !== undefined);
  const rest = usable.filter((q) => !firsts.includes(q));
  const chosen = [...firsts.sort(byImpact), ...rest.sort(byImpact)];
  for (const extra of pool) {
    if (chosen.length >= MIN_QUESTIONS) break;
    if (!chosen.includes(extra)) chosen.push(extra);
  }
  return chosen.slice(0, MAX_QUESTIONS);
}
