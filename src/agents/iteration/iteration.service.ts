import { Injectable } from '@nestjs/common';
import type { AgentRunResult, IterateMode } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { ReviewFinding } from '@/domain/version-review';
import { DocumentCheckpointSaver } from '../checkpoints/document-checkpoint-saver';
import { runThreadId } from '../checkpoints/run-threads';
import { buildIterateGraph } from '../graphs/iterate.graph';
import type { AgentTask, ProgressSink, SaveDocument } from '../runs/agent-task';
import { AgentRuns } from '../runs/agent-runs';
import { invokeOnThread, loggedRun } from '../runs/run-graph';

/** The document an iteration starts from. */
export interface CurrentDocument {
  readonly idea: string;
  /** The current version's label (null before the first one). */
  readonly version: string | null;
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  /**
   * The current version's review findings: what agent mode fixes when the request is to fix
   * them ("fix the review findings"); empty otherwise.
   */
  readonly findings?: readonly ReviewFinding[];
}

export interface IterationRequest {
  readonly mode: IterateMode;
  readonly message: string;
  /** Read inside the logged run, so a run that cannot start (no PRD yet) is logged too. */
  readonly current: () => Promise<CurrentDocument>;
  /** Agent mode only, from the graph's last node, so a resumed run never saves twice. */
  readonly save: SaveDocument;
}

/**
 * Runs the iterate graph on the current PRD. Agent mode hands the patched PRD, with its
 * recomputed thinking_lens_status, to `save`; think mode returns its answer and writes nothing.
 */
@Injectable()
export class IterationService {
  constructor(
    private readonly runs: AgentRuns,
    private readonly checkpointer: DocumentCheckpointSaver,
  ) {}

  iterate(
    task: AgentTask,
    request: IterationRequest,
    progress: ProgressSink,
  ): Promise<AgentRunResult> {
    const run = this.runs.start(
      {
        agentType: 'iteration_agent',
        executionId: task.taskId,
        userId: task.userId,
        projectId: task.projectId,
        sessionId: task.sessionId,
      },
      progress,
    );
    return loggedRun(
      run,
      { mode: request.mode, message: request.message },
      async (): Promise<AgentRunResult> => {
        const current = await request.current();
        const graph = buildIterateGraph(run, this.checkpointer, request.save);
        const out = await invokeOnThread(
          graph,
          runThreadId('iterate', task.taskId),
          {
            mode: request.mode,
            message: request.message,
            idea: current.idea,
            version: current.version ?? '',
            prd: current.prd,
            flowchart: current.flowchart,
            lensStatus: current.lensStatus,
            findings: [...(current.findings ?? [])],
          },
          this.checkpointer,
        );
        await run.report('Completed', 100);
        if (request.mode === 'think') {
          return {
            mode: 'think',
            answer: out.answer,
            based_on_version: current.version,
            ...run.usage(),
          };
        }
        return {
          prd_content: out.prd,
          flowchart_content: out.flowchart,
          // What was saved with the version: recomputed for the patched PRD (lens-status.ts).
          thinking_lens_status: out.lensStatus,
          version: out.savedVersion,
          changes: out.changes,
          ...run.usage(),
        };
      },
      (result) => ('version' in result ? { version: result.version } : { mode: 'think' }),
    );
  }
}
