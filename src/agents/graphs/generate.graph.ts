import { Annotation, BaseCheckpointSaver, END, START, StateGraph } from '@langchain/langgraph';
import type { ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { CoverageMap, coverageOf, NumberedAnswer } from '../answers';
import { authorFlowchart } from '../flowchart/flowchart-author';
import { lensStatusFrom } from '../lens-status';
import { Domain, domainOf, readIdea } from '../offline/idea-reading';
import { PRD_SECTION_PURPOSE } from '../offline/prd-section.drafter';
import { assemblePrd } from '../prd/prd-document';
import { DRAFTED_SECTIONS, PrdSection } from '../prd/prd-sections';
import { agentMessages } from '../prompts/agent-prompt';
import type { AgentRun } from '../runs/agent-run';

const GenerateState = Annotation.Root({
  projectName: Annotation<string>(),
  idea: Annotation<string>(),
  uploadsText: Annotation<string>(),
  answers: Annotation<NumberedAnswer[]>(),
  domain: Annotation<Domain | null>(),
  coverage: Annotation<CoverageMap>(),
  sections: Annotation<Record<string, string>>({
    reducer: (current, update) => ({ ...current, ...update }),
    default: () => ({}),
  }),
  prd: Annotation<string>(),
  flowchart: Annotation<string>(),
  flowchartRepairs: Annotation<number>(),
  lensStatus: Annotation<ThinkingLensStatus>(),
  changes: Annotation<string>(),
  version: Annotation<string>(),
});

export type GenerateInput = Pick<
  typeof GenerateState.State,
  'projectName' | 'idea' | 'uploadsText' | 'answers'
>;
export type GenerateOutput = typeof GenerateState.State;

export interface GeneratedDocument {
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly changes: string;
  readonly usage: ModelUsage;
}

const UPLOADS_EXCERPT_CHARS = 12_000;
/** Sections drafted at once: fast with a real model, still gentle on rate limits. */
const SECTION_BATCH = 4;

const INSTRUCTIONS =
  'You write one section of a product requirements document in markdown, without its heading. ' +
  'Use only what the idea, the numbered answers and the uploads say. Cite the answer a line ' +
  'comes from as "(from A-n)". Where nothing was said, write a sensible default and start that ' +
  'line with [ASSUMPTION]. Number user journeys UJ-n, requirements FR-n with P0/P1/P2 and ' +
  'Given/When/Then acceptance criteria, success metrics SM-n each with a counter-metric.';

/**
 * generate: answers → coverage per lens → every PRD section → the assembled PRD (with its
 * assumptions index and clarifications log) → a flowchart of the journeys, checked and repaired
 * → thinking_lens_status → the next version, saved by `save` (the caller's versions service). Saving
 * is the last node, so a retried run that got past it does not save a second version.
 */
export function buildGenerateGraph(
  run: AgentRun,
  checkpointer: BaseCheckpointSaver,
  save: (document: GeneratedDocument) => Promise<string>,
) {
  type State = typeof GenerateState.State;

  const assess = run.node(
    'assess',
    { label: 'Assessing answers', percent: 5 },
    (state: State) => {
      // Evidence, not volume: repeated and off-topic answers cover nothing (answers.ts).
      const coverage = coverageOf(state.answers, state.uploadsText, state.idea);
      const said = state.answers.map((answer) => answer.answer).join(' ');
      return Promise.resolve({ coverage, domain: domainOf(state.idea, said) });
    },
    (update) => ({ coverage: update.coverage, domain: update.domain }),
  );

  const draftSections = run.node(
    'draft_sections',
    { label: 'Generating PRD', percent: 10 },
    async (state: State) => {
      const sections: Record<string, string> = {};
      for (let start = 0; start < DRAFTED_SECTIONS.length; start += SECTION_BATCH) {
        const batch = DRAFTED_SECTIONS.slice(start, start + SECTION_BATCH);
        const bodies = await Promise.all(batch.map((section) => draftSection(run, state, section)));
        batch.forEach((section, index) => (sections[section.id] = bodies[index]));
        const done = start + batch.length;
        await run.report(
          `Generating PRD (${done}/${DRAFTED_SECTIONS.length} sections)`,
          10 + Math.round((60 * done) / DRAFTED_SECTIONS.length),
        );
      }
      return { sections };
    },
    (update) => ({ sections: Object.keys(update.sections) }),
  );

  const assemble = run.node(
    'assemble',
    { label: 'Assembling PRD', percent: 72 },
    (state: State) =>
      Promise.resolve({
        prd: assemblePrd(state.projectName, state.sections, state.answers, state.idea),
      }),
    (update) => ({ prd_chars: update.prd.length }),
  );

  const drawFlowchart = run.node(
    'draw_flowchart',
    { label: 'Generating flowchart', percent: 78 },
    async (state: State) => {
      const { product, audience } = readIdea(state.idea);
      const authored = await authorFlowchart(run.llm, {
        journeys: state.sections.user_journeys ?? '',
        product,
        audience: audience ?? 'User',
      });
      return { flowchart: authored.chart, flowchartRepairs: authored.repairs };
    },
    (update) => ({ repairs: update.flowchartRepairs }),
  );

  const lensStatus = run.node(
    'lens_status',
    { label: 'Checking thinking lenses', percent: 92 },
    // The rule shared with iterate (lens-status.ts): clear answers, and sections that state them.
    (state: State) =>
      Promise.resolve({ lensStatus: lensStatusFrom(state.coverage, state.sections) }),
    (update) => ({ thinking_lens_status: update.lensStatus }),
  );

  const saveVersion = run.node(
    'save_version',
    { label: 'Saving version', percent: 96 },
    async (state: State) => {
      const answered = state.answers.filter((answer) => answer.answered).length;
      const changes = `Generated PRD from ${answered} of ${state.answers.length} clarification answers`;
      const { prd, flowchart, lensStatus } = state;
      return {
        changes,
        version: await save({ prd, flowchart, lensStatus, changes, usage: run.usage() }),
      };
    },
    (update) => ({ version: update.version }),
  );

  return new StateGraph(GenerateState)
    .addNode('assess', assess)
    .addNode('draft_sections', draftSections)
    .addNode('assemble', assemble)
    .addNode('draw_flowchart', drawFlowchart)
    .addNode('lens_status', lensStatus)
    .addNode('save_version', saveVersion)
    .addEdge(START, 'assess')
    .addEdge('assess', 'draft_sections')
    .addEdge('draft_sections', 'assemble')
    .addEdge('assemble', 'draw_flowchart')
    .addEdge('draw_flowchart', 'lens_status')
    .addEdge('lens_status', 'save_version')
    .addEdge('save_version', END)
    .compile({ checkpointer });
}

function draftSection(
  run: AgentRun,
  state: typeof GenerateState.State,
  section: PrdSection,
): Promise<string> {
  return run.llm.complete(
    PRD_SECTION_PURPOSE,
    agentMessages(INSTRUCTIONS, `Write the "${section.title}" section: ${section.brief}`, {
      section: { id: section.id, title: section.title, lens: section.lens },
      project_name: state.projectName,
      idea: state.idea,
      domain: state.domain,
      coverage: state.coverage,
      answers: state.answers,
      uploads_excerpt: state.uploadsText.slice(0, UPLOADS_EXCERPT_CHARS),
    }),
  );
}
