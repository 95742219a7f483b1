import { Injectable } from '@nestjs/common';
import type { DocumentResult } from '@/domain/agent-run';
import type { ClarificationAnswer } from '@/domain/clarification';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { numberAnswers } from '../answers';
import { DocumentCheckpointSaver } from '../checkpoints/document-checkpoint-saver';
import { runThreadId } from '../checkpoints/run-threads';
import { buildGenerateGraph } from '../graphs/generate.graph';
import type { AgentTask, ProgressSink, SaveDocument } from '../runs/agent-task';
import { AgentRuns } from '../runs/agent-runs';
import { invokeOnThread, loggedRun } from '../runs/run-graph';
import { uploadsExcerpt } from './uploads-excerpt';

/** What generate writes from, besides the answers. */
export interface ProjectBrief {
  readonly projectName: string;
  readonly idea: string;
  /** Everything the project's uploads say ('' for none); the run keeps what fits its prompts. */
  readonly uploadsText: string;
}

export interface GenerationRequest {
  readonly answers: readonly ClarificationAnswer[];
  /** Read inside the logged run, so a run that cannot start (an archived project) is logged too. */
  readonly brief: () => Promise<ProjectBrief>;
  /** Called by the graph's last node, so a resumed run never saves a second version. */
  readonly save: SaveDocument;
}

/** Runs the generate graph for a clarification round: the PRD, its flowchart, the lens status. */
@Injectable()
export class GenerationService {
  constructor(
    private readonly runs: AgentRuns,
    private readonly checkpointer: DocumentCheckpointSaver,
    private readonly budget: PromptBudget,
  ) {}

  generate(
    task: AgentTask,
    request: GenerationRequest,
    progress: ProgressSink,
  ): Promise<DocumentResult> {
    const run = this.runs.start(
      {
        agentType: 'generation_agent',
        executionId: task.taskId,
        userId: task.userId,
        projectId: task.projectId,
        sessionId: task.sessionId,
      },
      progress,
    );
    return loggedRun(
      run,
      { answers: request.answers.length },
      async () => {
        const brief = await request.brief();
        const answers = numberAnswers(request.answers);
        const graph = buildGenerateGraph(run, this.checkpointer, request.save);
        const out = await invokeOnThread(
          graph,
          runThreadId('generate', task.taskId),
          {
            projectName: brief.projectName,
            idea: brief.idea,
            uploadsText: uploadsExcerpt(this.budget, brief.uploadsText, brief.idea, answers),
            answers,
          },
          this.checkpointer,
        );
        await run.report('Completed', 100);
        return {
          prd_content: out.prd,
          flowchart_content: out.flowchart,
          thinking_lens_status: out.lensStatus,
          version: out.version,
          changes: out.changes,
          ...run.usage(),
        };
      },
      (result) => ({ version: result.version, thinking_lens_status: result.thinking_lens_status }),
    );
  }
}
