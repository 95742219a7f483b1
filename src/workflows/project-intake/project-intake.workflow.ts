import { Injectable, Logger } from '@nestjs/common';
import { ClarificationService } from '@/agents/clarification/clarification.service';
import { CreateProjectDto } from '@/projects/dto/create-project.dto';
import { CreatedProjectDto } from '@/projects/dto/project-responses.dto';
import { ProjectsService } from '@/projects/projects.service';
import { SessionsService } from '@/projects/sessions/sessions.service';
import { IncomingFile } from '@/projects/uploads/upload-check';
import { StoredUpload, UploadsService } from '@/projects/uploads/uploads.service';

/**
 * POST /projects: a project, its uploads, the clarify agent's first questions and the
 * clarification session that will take the answers. Files are checked before anything is
 * written, so a bad file creates no project; if a later step fails, what this call wrote is
 * removed again: the caller gets an error and no project.
 */
@Injectable()
export class ProjectIntakeWorkflow {
  private readonly logger = new Logger(ProjectIntakeWorkflow.name);

  constructor(
    private readonly projects: ProjectsService,
    private readonly uploads: UploadsService,
    private readonly sessions: SessionsService,
    private readonly clarification: ClarificationService,
  ) {}

  async create(
    userId: string,
    dto: CreateProjectDto,
    files: readonly IncomingFile[],
  ): Promise<CreatedProjectDto> {
    const checked = this.uploads.check(files);
    const project = await this.projects.open(userId, dto);
    const projectId = project._id.toHexString();
    let stored: StoredUpload[] = [];
    try {
      stored = await this.uploads.store(userId, projectId, checked);
      const questions = await this.clarification.questionsFor({
        idea: project.initial_idea,
        uploadsText: stored.flatMap((entry) => (entry.text ? [entry.text] : [])).join('\n\n'),
        owner: { userId, projectId },
      });
      const sessionId = await this.sessions.start(userId, projectId, questions);
      return { project_id: projectId, session_id: sessionId, clarification_questions: questions };
    } catch (error) {
      await this.undo(userId, projectId, stored);
      throw error;
    }
  }

  private async undo(userId: string, projectId: string, stored: StoredUpload[]): Promise<void> {
    try {
      await this.uploads.discard(userId, stored);
      await this.sessions.removeForProject(userId, projectId);
      await this.projects.discard(userId, projectId);
    } catch (error) {
      this.logger.error({ err: error, projectId }, 'Could not undo a failed project creation');
    }
  }
}
