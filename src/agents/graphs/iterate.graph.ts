import { Annotation, BaseCheckpointSaver, END, START, StateGraph } from '@langchain/langgraph';
import { AppError } from '@/common/errors';
import type { ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { ReviewFinding } from '@/domain/version-review';
import { authorFlowchart } from '../flowchart/flowchart-author';
import { lensStatusAfterIteration } from '../lens-status';
import {
  ITERATE_ROUTE_PURPOSE,
  ITERATE_SECTION_PURPOSE,
  ITERATE_THINK_PURPOSE,
} from '../offline/iterate.drafter';
import { readIdea } from '../offline/idea-reading';
import { patchPrd, splitPrd } from '../prd/prd-document';
import { DRAFTED_SECTIONS, sectionById } from '../prd/prd-sections';
import { agentMessages } from '../prompts/agent-prompt';
import { ROUTE_SPEC } from '../prompts/iterate-schemas';
import { structuredAnswer } from '../prompts/structured-answer';
import { isReviewFixRequest, planFixes } from '../review/review-fixes';
import type { AgentRun } from '../runs/agent-run';

const IterateState = Annotation.Root({
  mode: Annotation<'agent' | 'think'>(),
  message: Annotation<string>(),
  idea: Annotation<string>(),
  version: Annotation<string>(),
  prd: Annotation<string>(),
  flowchart: Annotation<string>(),
  /** The project's status on input; in agent mode, recomputed for the patched PRD. */
  lensStatus: Annotation<ThinkingLensStatus>(),
  /** The current version's review findings, for "fix the review findings" (agent mode). */
  findings: Annotation<ReviewFinding[]>(),
  /** The request is to fix the review's findings: sections come from them, not from routing. */
  fixing: Annotation<boolean>(),
  redrawFlowchart: Annotation<boolean>(),
  /** The rewrite changed a section's text (not only recomputed the index). */
  prdChanged: Annotation<boolean>(),
  targets: Annotation<string[]>(),
  changes: Annotation<string>(),
  rewritten: Annotation<Record<string, string>>(),
  answer: Annotation<string>(),
  savedVersion: Annotation<string>(),
});

export type IterateInput = Pick<
  typeof IterateState.State,
  'mode' | 'message' | 'idea' | 'version' | 'prd' | 'flowchart' | 'lensStatus' | 'findings'
>;
export type IterateOutput = typeof IterateState.State;

export interface IteratedDocument {
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly changes: string;
  readonly usage: ModelUsage;
}

const CHANGES_MAX = 200;

const ROUTE_INSTRUCTIONS =
  'You route a change request on a PRD: the ids of the sections it touches (1 to 3, from the ' +
  'list given) and one line describing the change.';
const REWRITE_INSTRUCTIONS =
  'You rewrite one section of a PRD for a change request. Keep everything still true, keep ids ' +
  '(FR-n, UJ-n, SM-n) stable and number new items after the last. Reply with the section body ' +
  'in markdown, without its heading.';
const FIX_INSTRUCTIONS =
  'You fix review findings in one section of a PRD. Change what each finding names, and only ' +
  'that: add testable Given/When/Then acceptance criteria specific to the requirement, give ' +
  'metrics a number, a timeframe and a counter-metric, mark guesses with [ASSUMPTION], keep ids ' +
  '(FR-n, UJ-n, SM-n) stable and everything else as it is. Reply with the section body in ' +
  'markdown, without its heading.';
const THINK_INSTRUCTIONS =
  'You discuss a PRD with its author. Answer from the PRD, say what it does not cover, and ' +
  'suggest what to decide. Do not rewrite the PRD.';

/**
 * iterate: agent mode routes the request to the sections it touches, rewrites only those
 * (section-scoped patch), redraws the flowchart when the journeys changed, and leaves a one-line
 * `changes`, and recomputes thinking_lens_status for the lenses it touched (the rule generate uses,
 * lens-status.ts); think mode answers from the PRD and writes nothing.
 */
export function buildIterateGraph(
  run: AgentRun,
  checkpointer: BaseCheckpointSaver,
  save: (document: IteratedDocument) => Promise<string>,
) {
  type State = typeof IterateState.State;

  const route = run.node(
    'route',
    { label: 'Reading the request', percent: 10 },
    async (state: State) => {
      if (isReviewFixRequest(state.message)) return fixRoute(state);
      const { bodies } = splitPrd(state.prd);
      // Structured: a malformed route is repaired once, else the run fails (AI_OUTPUT_INVALID)
      // rather than rewriting sections nobody asked about.
      const routed = await structuredAnswer(
        run.llm,
        ITERATE_ROUTE_PURPOSE,
        agentMessages(ROUTE_INSTRUCTIONS, 'Which sections does this request touch?', {
          message: state.message,
          sections: DRAFTED_SECTIONS.map((section) => ({
            id: section.id,
            title: section.title,
            excerpt: (bodies[section.id] ?? '').slice(0, 300),
          })),
        }),
        ROUTE_SPEC,
      );
      return {
        targets: [...new Set(routed.sections)],
        changes: routed.changes.trim(),
        fixing: false,
        redrawFlowchart: false,
      };
    },
    (update) => ({ sections: update.targets, fixing: update.fixing }),
  );

  const rewrite = run.node(
    'rewrite_sections',
    { label: 'Updating PRD', percent: 30 },
    async (state: State) => {
      const { bodies } = splitPrd(state.prd);
      const plan = state.fixing ? planFixes(state.findings ?? []) : null;
      const rewritten: Record<string, string> = {};
      for (const id of state.targets) {
        const section = sectionById(id);
        // A computed section (the assumptions index) is recomputed by the patch, not written.
        if (section?.source === 'computed') {
          rewritten[id] = '';
          continue;
        }
        const findings = plan?.sections.get(id);
        rewritten[id] = await run.llm.complete(
          ITERATE_SECTION_PURPOSE,
          findings
            ? agentMessages(
                FIX_INSTRUCTIONS,
                `Fix the review findings in the "${section?.title ?? id}" section.`,
                {
                  section: { id, title: section?.title ?? id },
                  body: bodies[id] ?? '',
                  findings,
                  idea: state.idea,
                },
              )
            : agentMessages(
                REWRITE_INSTRUCTIONS,
                `Rewrite the "${section?.title ?? id}" section.`,
                {
                  section: { id, title: section?.title ?? id },
                  body: bodies[id] ?? '',
                  message: state.message,
                  idea: state.idea,
                },
              ),
        );
      }
      // Findings only a model can fix (duplicates, naming, evidence) leave the offline text as it
      // was: a version identical to the last is refused, not saved.
      const changed = Object.entries(rewritten).some(
        ([id, body]) =>
          sectionById(id)?.source !== 'computed' && body.trim() !== (bodies[id] ?? ''),
      );
      if (state.fixing && !changed && !state.redrawFlowchart) throw nothingFixed(state.version);
      const prd = patchPrd(state.prd, rewritten);
      // Fixing findings states nothing new the user said: no lens becomes covered by it.
      const lensStatus = lensStatusAfterIteration(
        state.lensStatus,
        splitPrd(prd).bodies,
        Object.keys(rewritten),
        { newStatements: !state.fixing },
      );
      return {
        rewritten,
        prd,
        prdChanged: changed,
        lensStatus,
        changes: oneLine(state.changes),
      };
    },
    (update) => ({
      sections: Object.keys(update.rewritten),
      changes: update.changes,
      thinking_lens_status: update.lensStatus,
    }),
  );

  const redraw = run.node(
    'redraw_flowchart',
    { label: 'Generating flowchart', percent: 70 },
    async (state: State) => {
      const { product, audience } = readIdea(state.idea);
      const authored = await authorFlowchart(run.llm, {
        journeys: splitPrd(state.prd).bodies.user_journeys ?? '',
        product,
        audience: audience ?? 'User',
      });
      if (state.fixing && !state.prdChanged && authored.chart.trim() === state.flowchart.trim()) {
        throw nothingFixed(state.version);
      }
      return { flowchart: authored.chart };
    },
    () => ({ redrawn: true }),
  );

  const think = run.node(
    'think',
    { label: 'Thinking it through', percent: 20 },
    async (state: State) => ({
      answer: await run.llm.complete(
        ITERATE_THINK_PURPOSE,
        agentMessages(THINK_INSTRUCTIONS, state.message, {
          message: state.message,
          version: state.version,
          prd: state.prd,
        }),
      ),
    }),
    (update) => ({ answer_chars: update.answer.length }),
  );

  // Last, so a retried run that got past it does not save a second version.
  const saveVersion = run.node(
    'save_version',
    { label: 'Saving version', percent: 95 },
    async (state: State) => ({
      savedVersion: await save({
        prd: state.prd,
        flowchart: state.flowchart,
        lensStatus: state.lensStatus,
        changes: state.changes,
        usage: run.usage(),
      }),
    }),
    (update) => ({ version: update.savedVersion }),
  );

  return new StateGraph(IterateState)
    .addNode('route', route)
    .addNode('rewrite_sections', rewrite)
    .addNode('redraw_flowchart', redraw)
    .addNode('think', think)
    .addNode('save_version', saveVersion)
    .addConditionalEdges(START, (state: State) => (state.mode === 'think' ? 'think' : 'route'), [
      'think',
      'route',
    ])
    .addEdge('route', 'rewrite_sections')
    .addConditionalEdges(
      'rewrite_sections',
      (state: State) =>
        'user_journeys' in state.rewritten || state.redrawFlowchart
          ? 'redraw_flowchart'
          : 'save_version',
      ['redraw_flowchart', 'save_version'],
    )
    .addEdge('redraw_flowchart', 'save_version')
    .addEdge('save_version', END)
    .addEdge('think', END)
    .compile({ checkpointer });
}

/**
 * "Fix the review findings": the sections the current version's findings name (no routing
 * call), and whether the flowchart is redrawn. A review with nothing to fix is a conflict, not
 * a version identical to the last.
 */
function fixRoute(state: IterateOutput): Partial<IterateOutput> {
  const findings = state.findings ?? [];
  const plan = planFixes(findings);
  if (plan.sections.size === 0 && !plan.redrawFlowchart) {
    throw new AppError(
      'CONFLICT',
      findings.length === 0
        ? `The review of ${state.version} has no findings to fix`
        : `None of the review findings of ${state.version} names a section that can be changed`,
    );
  }
  const titles = [...plan.sections.keys()].map((id) => sectionById(id)?.title ?? id);
  const where = [...titles, ...(plan.redrawFlowchart ? ['the flowchart'] : [])].join(', ');
  return {
    targets: [...plan.sections.keys()],
    changes: `Fixed the review findings of ${state.version} in ${where}`,
    fixing: true,
    redrawFlowchart: plan.redrawFlowchart,
  };
}

function nothingFixed(version: string): AppError {
  return new AppError(
    'CONFLICT',
    `None of the review findings of ${version} could be fixed: the text would not change`,
  );
}

/**
 * `changes` on one line of at most CHANGES_MAX characters. It is never blank: the route's is
 * checked non-blank (ROUTE_SPEC), a fix's names the sections.
 */
function oneLine(changes: string): string {
  const line = changes.replace(/\s+/g, ' ').trim();
  return line.length > CHANGES_MAX ? `${line.slice(0, CHANGES_MAX - 1)}…` : line;
}
