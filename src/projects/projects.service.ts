import { Injectable, Logger } from '@nestjs/common';
import { ClarificationService } from '@/agents/clarification.service';
import type { LlmMessage } from '@/llm/llm.types';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { RealtimeService } from '@/realtime/realtime.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { CreateProjectDto, PROJECT_NAME_MAX } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import {
  CreatedProjectDto,
  ProjectDetailDto,
  ProjectListDto,
  ProjectSummaryDto,
} from './dto/project-responses.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectAccess } from './project-access';
import { ProjectKeys } from './project-keys';
import { ProjectLock } from './project-lock';
import { projectDetail, projectSummary } from './project.view';
import { ProjectsRepository } from './projects.repository';
import { SessionsService } from './sessions/sessions.service';
import { IncomingFile } from '@/common/uploads/upload-check';
import { StoredUpload, UploadsService } from './uploads/uploads.service';
import { VersionsService } from './versions/versions.service';

const NAME_WORDS = 8;

/** Where a project comes from when it is not typed in: a chat converted into it. */
export interface ProjectOrigin {
  /** The chat, linked from the project (source_chat_id, created_from_chat). */
  readonly sourceChatId?: string;
  /** The conversation, read by clarify as context beside the idea. */
  readonly chatHistory?: readonly LlmMessage[];
}

/** Project lifecycle: create (with uploads and the first questions), list, read, rename, archive, delete. */
@Injectable()
export class ProjectsService {
  private readonly logger = new Logger(ProjectsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly sessions: SessionsService,
    private readonly clarification: ClarificationService,
    private readonly lock: ProjectLock,
    private readonly realtime: RealtimeService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  /**
   * Files are checked before anything is written, so a bad file creates no project. If a later
   * step fails, what this call wrote is removed again: the caller gets an error and no project.
   */
  async create(
    userId: string,
    dto: CreateProjectDto,
    files: readonly IncomingFile[],
    origin: ProjectOrigin = {},
  ): Promise<CreatedProjectDto> {
    const checked = this.uploads.check(files);
    const projectId = this.projects.newId();
    const project = await this.projects.create({
      id: projectId,
      userId,
      projectName: dto.project_name ?? nameFromIdea(dto.initial_idea),
      initialIdea: dto.initial_idea,
      s3Path: new ProjectKeys(this.config.env, userId, projectId).root,
      sourceChatId: origin.sourceChatId ?? null,
    });
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
        clarification_questions: questions,
      };
    } catch (error) {
      await this.undoCreate(userId, projectId, stored);
      throw error;
    }
    await this.webhookEvents.publish(userId, 'project.created', {
      project_id: projectId,
      session_id: created.session_id,
    });
    return created;
  }

  async list(userId: string, query: ListProjectsQuery): Promise<ProjectListDto> {
    const { projects, total } = await this.projects.list(userId, query.status, query);
    return {
      projects: projects.map(projectSummary),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(userId: string, projectId: string): Promise<ProjectDetailDto> {
    const project = await this.access.owned(userId, projectId);
    const [content, history] = await Promise.all([
      this.versions.currentContent(userId, project),
      this.versions.history(userId, project),
    ]);
    return projectDetail(project, content, history);
  }

  async update(
    userId: string,
    projectId: string,
    dto: UpdateProjectDto,
  ): Promise<ProjectSummaryDto> {
    if (dto.project_name === undefined && dto.status === undefined) {
      throw AppError.validation([
        { field: 'project_name', message: 'send project_name, status or both' },
      ]);
    }
    const changes = {
      ...(dto.project_name === undefined ? {} : { project_name: dto.project_name }),
      ...(dto.status === undefined ? {} : { status: dto.status }),
    };
    const updated = await this.lock.run(projectId, () =>
      this.projects.update(userId, projectId, changes),
    );
    if (!updated) throw AppError.notFound('Project');
    // An archived project stops streaming: its open connections end (NOT_FOUND), as on delete.
    if (dto.status === 'archived') this.realtime.closeProject(projectId);
    return projectSummary(updated);
  }

  /** Soft delete (seed 000's status "deleted"): versions and uploads stay, PATCH can restore. */
  async remove(userId: string, projectId: string): Promise<void> {
    const updated = await this.lock.run(projectId, () =>
      this.projects.update(userId, projectId, { status: 'deleted' }),
    );
    if (!updated) throw AppError.notFound('Project');
    this.realtime.closeProject(projectId);
  }

  private async undoCreate(
    userId: string,
    projectId: string,
    stored: StoredUpload[],
  ): Promise<void> {
    try {
      await this.uploads.discard(userId, stored);
      await this.sessions.removeForProject(userId, projectId);
      await this.projects.removeOwned(userId, projectId);
    } catch (error) {
      this.logger.error({ err: error, projectId }, 'Could not undo a failed project creation');
    }
  }
}

/** "A platform for connecting freelancers, with escrow" → "A platform for connecting freelancers". */
export function nameFromIdea(idea: string): string {
  const firstClause = idea.split(/[.;:!?\n]|,\s/)[0]?.trim() || idea.trim();
  const words = firstClause.split(/\s+/);
  const name = words.slice(0, NAME_WORDS).join(' ') + (words.length > NAME_WORDS ? '…' : '');
  return (name.charAt(0).toUpperCase() + name.slice(1)).slice(0, PROJECT_NAME_MAX);
}
