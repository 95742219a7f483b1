import { MemorySaver } from '@langchain/langgraph';
import { numberAnswers } from '@/agents/answers';
import type { ClarificationAnswer } from '@/domain/clarification';
import { buildClarifyGraph } from '@/agents/graphs/clarify.graph';
import { buildGenerateGraph } from '@/agents/graphs/generate.graph';
import { buildIterateGraph } from '@/agents/graphs/iterate.graph';
import { reviewPrdInSteps } from '@/agents/review/review-prd';
import { nameFromIdea } from '@/projects/projects.service';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { aRecordedRun } from '@test/support/factories/agents';
import { aWeakenedVersion } from '@test/support/factories/weak-prd';
import type { GoldenIdea } from '@test/fixtures/golden/golden-set';
import { scriptedAnswers } from '@test/fixtures/golden/golden-set';

export interface OfflineOutcome {
  readonly questions: readonly { lens: ClarificationAnswer['lens']; question: string }[];
  readonly answers: readonly ClarificationAnswer[];
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly generateMs: number;
}

/**
 * The clarify and generate graphs in-process on the offline drafters, exactly as the app runs
 * them without a key (the same drafters, the same prompts), minus HTTP, queue and database.
 */
export async function runOfflineFlow(idea: GoldenIdea): Promise<OfflineOutcome> {
  const clarify = aRecordedRun(undefined, 'clarification_agent');
  const round = await buildClarifyGraph(clarify.run).invoke({
    idea: idea.idea,
    uploadsText: '',
    chatHistory: [],
  });
  const answers = scriptedAnswers(idea, round.questions);
  const generate = aRecordedRun(undefined, 'generation_agent');
  const graph = buildGenerateGraph(generate.run, new MemorySaver(), () => Promise.resolve('v1.0'));
  const started = performance.now();
  const out = await graph.invoke(
    {
      projectName: nameFromIdea(idea.idea),
      idea: idea.idea,
      uploadsText: '',
      answers: numberAnswers(answers),
    },
    { configurable: { thread_id: idea.id } },
  );
  return {
    questions: round.questions,
    answers,
    prd: out.prd,
    flowchart: out.flowchart,
    lensStatus: out.lensStatus,
    generateMs: performance.now() - started,
  };
}

export interface FixOutcome {
  /** The weakened version's score, and the score of the version that fixed its findings. */
  readonly weakScore: number;
  readonly fixedScore: number;
  readonly fixMs: number;
}

/**
 * The generated version made weak as a hasty manual edit leaves it (weak-prd.ts), then "fix the
 * review findings" through the offline iterate graph, each version reviewed as a save reviews it
 * (the checklist: no model, so no critique).
 */
export async function fixWeakened(idea: GoldenIdea, outcome: OfflineOutcome): Promise<FixOutcome> {
  const weak = aWeakenedVersion(outcome);
  const reviewOf = (prd: string, flowchart: string) =>
    reviewPrdInSteps({
      prd,
      flowchart,
      lensStatus: outcome.lensStatus,
      answers: outcome.answers,
      idea: idea.idea,
    });
  const before = await reviewOf(weak.prd, weak.flowchart);
  const iterate = aRecordedRun(undefined, 'iteration_agent');
  const graph = buildIterateGraph(iterate.run, new MemorySaver(), () => Promise.resolve('v1.2'));
  const started = performance.now();
  const out = await graph.invoke(
    {
      mode: 'agent',
      message: 'fix the review findings',
      idea: idea.idea,
      version: 'v1.1',
      prd: weak.prd,
      flowchart: weak.flowchart,
      lensStatus: outcome.lensStatus,
      findings: [...before.findings],
    },
    { configurable: { thread_id: `${idea.id}-fix` } },
  );
  const fixMs = performance.now() - started;
  const after = await reviewOf(out.prd, out.flowchart);
  return { weakScore: before.score, fixedScore: after.score, fixMs };
}
