import { Injectable } from '@nestjs/common';
import { IterationService } from '@/agents/iteration/iteration.service';
import { findingsOf, isReviewFixRequest } from '@/agents/review/review-fixes';
import { ReviewService } from '@/agents/review/review.service';
import type { ProgressSink } from '@/agents/runs/agent-task';
import { AppError } from '@/common/errors';
import type { AgentRunResult } from '@/domain/agent-run';
import type { IterateJob } from '@/jobs/agent-jobs';
import { ProjectAccess } from '@/projects/project-access';
import { lensStatusOf } from '@/projects/project-lens-status';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { VersionBasis, VersionsService } from '@/projects/versions/versions.service';

/**
 * A queued iterate on the project's current PRD. Agent mode reviews the patched PRD (against the
 * answers the current version was written from) and saves it as the next version (author: agent
 * "iterate"); asked to fix the review findings, it hands the current version's findings to the
 * graph. Think mode writes nothing.
 */
@Injectable()
export class IterateRunWorkflow {
  constructor(
    private readonly access: ProjectAccess,
    private readonly versions: VersionsService,
    private readonly uploads: UploadsService,
    private readonly iteration: IterationService,
    private readonly reviews: ReviewService,
  ) {}

  run(job: IterateJob, taskId: string, progress: ProgressSink): Promise<AgentRunResult> {
    const { userId, projectId } = job;
    let idea = '';
    let basis: VersionBasis = { version: null, answers: [], review: null };
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
          idea = project.initial_idea;
          const document = {
            idea,
            version: project.current_version,
            prd: current.prd,
            flowchart: current.flowchart ?? '',
            lensStatus: lensStatusOf(project),
          };
          if (job.mode === 'think') return document;
          basis = await this.versions.basis(userId, project);
          if (!isReviewFixRequest(job.message)) return document;
          // A version saved before reviews existed is reviewed now, so its findings can be fixed.
          const review =
            basis.review ??
            (await this.reviews.review({
              ...document,
              answers: basis.answers,
              uploadsText: await this.uploads.textFor(userId, projectId),
            }));
          return { ...document, findings: findingsOf(review) };
        },
        save: async (document) => {
          const review = await this.reviews.review({
            prd: document.prd,
            flowchart: document.flowchart,
            lensStatus: document.lensStatus,
            answers: basis.answers,
            idea,
            uploadsText: await this.uploads.textFor(userId, projectId),
          });
          const saved = await this.versions.save(userId, projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            thinkingLensStatus: document.lensStatus,
            changes: document.changes,
            author: { kind: 'agent', id: 'iterate' },
            answers: basis.answers,
            review,
            taskId,
            usage: document.usage,
          });
          return saved.version;
        },
      },
      progress,
    );
  }
}
