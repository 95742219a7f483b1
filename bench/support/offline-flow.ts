import { MemorySaver } from '@langchain/langgraph';
import { numberAnswers } from '@/agents/answers';
import type { ClarificationAnswer } from '@/domain/clarification';
import { buildClarifyGraph } from '@/agents/graphs/clarify.graph';
import { buildGenerateGraph } from '@/agents/graphs/generate.graph';
import { nameFromIdea } from '@/projects/projects.service';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { aRecordedRun } from '@test/support/factories/agents';
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
