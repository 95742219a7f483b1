import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { AgentJobResult, IterateJob } from '@/jobs/agent-jobs';
import { ProjectAccess } from '@/projects/project-access';
import type { Project } from '@/projects/project.schema';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { VersionsService } from '@/projects/versions/versions.service';
import { DocumentCheckpointSaver } from '../checkpoints/document-checkpoint-saver';
import { runThreadId } from '../checkpoints/run-threads';
import { buildIterateGraph } from '../graphs/iterate.graph';
import type { ProgressSink } from '@/workflows/agent-runs/job-progress';
import { AgentRuns } from '../runs/agent-runs';
import { invokeOnThread, loggedRun } from '../runs/run-graph';

/**
 * Runs the iterate graph on the project's current PRD. Agent mode saves the patched PRD as the
 * next version (author: agent "iterate") with its recomputed thinking_lens_status; think mode
 * returns its answer and writes nothing.
 */
@Injectable()
export class IterationService {
  constructor(
    private readonly access: ProjectAccess,
    private readonly versions: VersionsService,
    private readonly runs: AgentRuns,
    private readonly checkpointer: DocumentCheckpointSaver,
  ) {}

  iterate(job: IterateJob, taskId: string, progress: ProgressSink): Promise<AgentJobResult> {
    const run = this.runs.start(
      {
        agentType: 'iteration_agent',
        executionId: taskId,
        userId: job.userId,
        projectId: job.projectId,
        sessionId: job.sessionId,
      },
      progress,
    );
    return loggedRun(
      run,
      { mode: job.mode, message: job.message },
      async () => {
        const project = await this.access.owned(job.userId, job.projectId);
        const current = await this.versions.currentContent(job.userId, project);
        if (current.prd === null) {
          throw new AppError('CONFLICT', 'The project has no PRD yet to iterate on');
        }
        const graph = buildIterateGraph(run, this.checkpointer, async (document) => {
          const saved = await this.versions.save(job.userId, job.projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            thinkingLensStatus: document.lensStatus,
            changes: document.changes,
            author: { kind: 'agent', id: 'iterate' },
          });
          return saved.version;
        });
        const out = await invokeOnThread(
          graph,
          runThreadId('iterate', taskId),
          {
            mode: job.mode,
            message: job.message,
            idea: project.initial_idea,
            version: project.current_version ?? '',
            prd: current.prd,
            flowchart: current.flowchart ?? '',
            lensStatus: lensStatusOf(project),
          },
          this.checkpointer,
        );
        if (job.mode === 'think') {
          await run.report('Completed', 100);
          return { mode: 'think', answer: out.answer, based_on_version: project.current_version };
        }
        await run.report('Completed', 100);
        return {
          prd_content: out.prd,
          flowchart_content: out.flowchart,
          // What was saved with the version: recomputed for the patched PRD (lens-status.ts).
          thinking_lens_status: out.lensStatus,
          version: out.savedVersion,
          changes: out.changes,
        };
      },
      (result) => ('version' in result ? { version: result.version } : { mode: 'think' }),
    );
  }
}

/**
 * The project's stored status as a plain object: the stored one is a subdocument, and the graph's
 * state is checkpointed as JSON.
 */
function lensStatusOf(project: Project): ThinkingLensStatus {
  const { discovery, user_journey, metrics, gtm, risks } = project.metadata.thinking_lens_status;
  return { discovery, user_journey, metrics, gtm, risks };
}
