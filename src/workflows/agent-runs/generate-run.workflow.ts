import { Injectable } from '@nestjs/common';
import { GenerationService } from '@/agents/generation/generation.service';
import type { ProgressSink } from '@/agents/runs/agent-task';
import type { DocumentResult } from '@/domain/agent-run';
import type { GenerateJob } from '@/jobs/agent-jobs';
import { ProjectAccess } from '@/projects/project-access';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { VersionsService } from '@/projects/versions/versions.service';

/**
 * A queued generate: the project's idea and uploads into the generate agent, its PRD and
 * flowchart saved as the project's next version (author: agent "generate").
 */
@Injectable()
export class GenerateRunWorkflow {
  constructor(
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly generation: GenerationService,
  ) {}

  run(job: GenerateJob, taskId: string, progress: ProgressSink): Promise<DocumentResult> {
    const { userId, projectId } = job;
    return this.generation.generate(
      { taskId, userId, projectId, sessionId: job.sessionId },
      {
        answers: job.answers,
        brief: async () => {
          const project = await this.access.active(userId, projectId);
          return {
            projectName: project.project_name,
            idea: project.initial_idea,
            uploadsText: await this.uploads.textFor(userId, projectId),
          };
        },
        save: async (document) => {
          const saved = await this.versions.save(userId, projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            changes: document.changes,
            author: { kind: 'agent', id: 'generate' },
            taskId,
            thinkingLensStatus: document.lensStatus,
          });
          return saved.version;
        },
      },
      progress,
    );
  }
}
