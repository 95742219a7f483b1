import { Injectable } from '@nestjs/common';
import { ReviewService } from '@/agents/review/review.service';
import { lensStatusOf } from '@/projects/project-lens-status';
import { ProjectAccess } from '@/projects/project-access';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { SaveVersionDto } from '@/projects/versions/version.dto';
import { SavedVersion, VersionsService } from '@/projects/versions/versions.service';

/**
 * POST /projects/{id}/versions: a PRD and flowchart the user wrote, reviewed and saved as the
 * next version (authored by them). The review reads what the version it replaces was written
 * from (the answers it carries forward), the idea and the uploads; it is made before the save,
 * outside the project's lock, and a failed critique never fails the save.
 */
@Injectable()
export class ManualSaveWorkflow {
  constructor(
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly reviews: ReviewService,
  ) {}

  async save(userId: string, projectId: string, dto: SaveVersionDto): Promise<SavedVersion> {
    const project = await this.access.active(userId, projectId);
    // Resolved here, so the review and the saved version agree on what the version covers.
    const lensStatus = dto.thinking_lens_status ?? lensStatusOf(project);
    const basis = await this.versions.basis(userId, project);
    const review = await this.reviews.review({
      prd: dto.prd_content,
      flowchart: dto.flowchart_content,
      lensStatus,
      answers: basis.answers,
      idea: project.initial_idea,
      uploadsText: await this.uploads.textFor(userId, projectId),
    });
    return this.versions.save(userId, projectId, {
      prdContent: dto.prd_content,
      flowchartContent: dto.flowchart_content,
      changes: dto.changes,
      author: { kind: 'user', id: userId },
      thinkingLensStatus: lensStatus,
      answers: basis.answers,
      review,
    });
  }
}
