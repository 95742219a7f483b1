import { copyQuestion } from '@/domain/clarification';
import { Injectable, Logger } from '@nestjs/common';
import { ClarificationService } from '@/agents/clarification/clarification.service';
import { IncomingFile } from '@/common/uploads/upload-check';
import type { LlmMessage } from '@/llm/llm.types';
import { CreateProjectDto } from '@/projects/dto/create-project.dto';
import { CreatedProjectDto } from '@/projects/dto/project-responses.dto';
import { ProjectsService } from '@/projects/projects.service';
import { SessionsService } from '@/projects/sessions/sessions.service';
import { StoredUpload, UploadsService } from '@/projects/uploads/uploads.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';

/** Where a project comes from when it is not typed in: a chat converted into it. */
export interface ProjectOrigin {
  /** The chat, linked from the project (source_chat_id, created_from_chat). */
  readonly sourceChatId?: string;
  /** The conversation, read by clarify as context beside the idea. */
  readonly chatHistory?: readonly LlmMessage[];
}

/**
 * POST /projects: a project, its uploads, the clarify agent's first questions and the
 * clarification session that will take the answers. Files are checked before anything is
 * written, so a bad file creates no project; if a later step fails, what this call wrote is
 * removed again: the caller gets an error and no project. Only a project that was created whole
 * publishes the `project.created` webhook event.
 */
@Injectable()
export class ProjectIntakeWorkflow {
  private readonly logger = new Logger(ProjectIntakeWorkflow.name);

  constructor(
    private readonly projects: ProjectsService,
    private readonly uploads: UploadsService,
    private readonly sessions: SessionsService,
    private readonly clarification: ClarificationService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  async create(
    userId: string,
    dto: CreateProjectDto,
    files: readonly IncomingFile[],
    origin: ProjectOrigin = {},
  ): Promise<CreatedProjectDto> {
    const checked = this.uploads.check(files);
    const project = await this.projects.open(userId, dto, origin.sourceChatId);
    const projectId = project._id.toHexString();
    let stored: StoredUpload[] = [];
    let created: CreatedProjectDto;
    try {
      stored = await this.uploads.store(userId, projectId, checked);
      const questions = await this.clarification.questionsFor({
        idea: project.initial_idea,
        uploadsText: stored.flatMap((entry) => (entry.text ? [entry.text] : [])).join('\n\n'),
        chatHistory: origin.chatHistory,
        owner: { userId, projectId },
      });
      const sessionId = await this.sessions.start(userId, projectId, questions);
      created = {
        project_id: projectId,
        session_id: sessionId,
        clarification_questions: questions.map(copyQuestion),
      };
    } catch (error) {
      await this.undo(userId, projectId, stored);
      throw error;
    }
    await this.webhookEvents.publish(userId, 'project.created', {
      project_id: projectId,
      session_id: created.session_id,
    });
    return created;
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
