import { Injectable } from '@nestjs/common';
import { GenerationService, ProjectBrief } from '@/agents/generation/generation.service';
import { ReviewService } from '@/agents/review/review.service';
import type { ProgressSink } from '@/agents/runs/agent-task';
import type { DocumentResult } from '@/domain/agent-run';
import type { GenerateJob } from '@/jobs/agent-jobs';
import { ProjectAccess } from '@/projects/project-access';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { VersionsService } from '@/projects/versions/versions.service';

/**
 * A queued generate: the project's idea and uploads into the generate agent, its PRD and
 * flowchart reviewed (against the job's answers) and saved as the project's next version
 * (author: agent "generate"), with the review and the answers in its metadata.
 */
@Injectable()
export class GenerateRunWorkflow {
  constructor(
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly generation: GenerationService,
    private readonly reviews: ReviewService,
  ) {}

  run(job: GenerateJob, taskId: string, progress: ProgressSink): Promise<DocumentResult> {
    const { userId, projectId } = job;
    // Read once per run, before the graph starts; the review reads the same brief.
    let read: ProjectBrief | null = null;
    const brief = async (): Promise<ProjectBrief> => {
      if (read) return read;
      const project = await this.access.active(userId, projectId);
      read = {
        projectName: project.project_name,
        idea: project.initial_idea,
        uploadsText: await this.uploads.textFor(userId, projectId),
      };
      return read;
    };
    return this.generation.generate(
      { taskId, userId, projectId, sessionId: job.sessionId },
      {
        answers: job.answers,
        brief,
        save: async (document) => {
          const { idea, uploadsText } = await brief();
          const review = await this.reviews.review({
            prd: document.prd,
            flowchart: document.flowchart,
            lensStatus: document.lensStatus,
            answers: job.answers,
            idea,
            uploadsText,
          });
          const saved = await this.versions.save(userId, projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            changes: document.changes,
            author: { kind: 'agent', id: 'generate' },
            taskId,
            usage: document.usage,
            thinkingLensStatus: document.lensStatus,
            answers: job.answers,
            review,
          });
          return saved.version;
        },
      },
      progress,
    );
  }
}
