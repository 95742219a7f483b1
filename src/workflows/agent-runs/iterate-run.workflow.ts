import { Injectable } from '@nestjs/common';
import { IterationService } from '@/agents/iteration/iteration.service';
import type { ProgressSink } from '@/agents/runs/agent-task';
import { AppError } from '@/common/errors';
import type { AgentRunResult } from '@/domain/agent-run';
import type { IterateJob } from '@/jobs/agent-jobs';
import { ProjectAccess } from '@/projects/project-access';
import { lensStatusOf } from '@/projects/project-lens-status';
import { VersionsService } from '@/projects/versions/versions.service';

/**
 * A queued iterate on the project's current PRD. Agent mode saves the patched PRD as the next
 * version (author: agent "iterate"); think mode writes nothing.
 */
@Injectable()
export class IterateRunWorkflow {
  constructor(
    private readonly access: ProjectAccess,
    private readonly versions: VersionsService,
    private readonly iteration: IterationService,
  ) {}

  run(job: IterateJob, taskId: string, progress: ProgressSink): Promise<AgentRunResult> {
    const { userId, projectId } = job;
    return this.iteration.iterate(
      { taskId, userId, projectId, sessionId: job.sessionId },
      {
        mode: job.mode,
        message: job.message,
        current: async () => {
          const project = await this.access.owned(userId, projectId);
          const current = await this.versions.currentContent(userId, project);
          if (current.prd === null) {
            throw new AppError('CONFLICT', 'The project has no PRD yet to iterate on');
          }
          return {
            idea: project.initial_idea,
            version: project.current_version,
            prd: current.prd,
            flowchart: current.flowchart ?? '',
            lensStatus: lensStatusOf(project),
          };
        },
        save: async (document) => {
          const saved = await this.versions.save(userId, projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            thinkingLensStatus: document.lensStatus,
            changes: document.changes,
            author: { kind: 'agent', id: 'iterate' },
            taskId,
          });
          return saved.version;
        },
      },
      progress,
    );
  }
}
