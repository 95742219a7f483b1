import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { RealtimeService } from '@/realtime/realtime.service';
import { Storage } from '@/storage/storage';
import { CreateProjectDto, PROJECT_NAME_MAX } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import { ProjectDetailDto, ProjectListDto, ProjectSummaryDto } from './dto/project-responses.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectAccess } from './project-access';
import { ProjectKeys, userProjectsPrefix } from './project-keys';
import { ProjectLock } from './project-lock';
import { Project } from './project.schema';
import { projectDetail, projectSummary } from './project.view';
import { ProjectsRepository } from './projects.repository';
import { SessionsService } from './sessions/sessions.service';
import { VersionsService } from './versions/versions.service';

const NAME_WORDS = 8;

/**
 * Project lifecycle: open (project intake, a workflow, does the rest of creating one), list,
 * read, rename, archive, delete, and the account purge's share.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly config: AppConfig,
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
    private readonly versions: VersionsService,
    private readonly sessions: SessionsService,
    private readonly lock: ProjectLock,
    private readonly realtime: RealtimeService,
    private readonly storage: Storage,
  ) {}

  /**
   * A new project record: the first step of project intake. `sourceChatId` links a project
   * converted from a chat (source_chat_id, created_from_chat).
   */
  open(userId: string, dto: CreateProjectDto, sourceChatId?: string): Promise<Project> {
    const projectId = this.projects.newId();
    return this.projects.create({
      id: projectId,
      userId,
      projectName: dto.project_name ?? nameFromIdea(dto.initial_idea),
      initialIdea: dto.initial_idea,
      s3Path: new ProjectKeys(this.config.env, userId, projectId).root,
      sourceChatId: sourceChatId ?? null,
    });
  }

  async list(userId: string, query: ListProjectsQuery): Promise<ProjectListDto> {
    const { projects, total } = await this.projects.list(userId, query.status, query);
    const sessions = await this.sessions.currentOf(
      userId,
      projects.map((project) => project._id.toHexString()),
    );
    return {
      projects: projects.map((project) =>
        projectSummary(project, sessions.get(project._id.toHexString()) ?? null),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(userId: string, projectId: string): Promise<ProjectDetailDto> {
    const project = await this.access.owned(userId, projectId);
    const [session, content, history] = await Promise.all([
      this.sessions.current(userId, projectId),
      this.versions.currentContent(userId, project),
      this.versions.history(userId, project),
    ]);
    return projectDetail(project, session, content, history);
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
    this.announce(updated);
    return projectSummary(updated, await this.sessions.current(userId, projectId));
  }

  /** Soft delete (status "deleted"): versions and uploads stay, PATCH can restore. */
  async remove(userId: string, projectId: string): Promise<void> {
    const updated = await this.lock.run(projectId, () =>
      this.projects.update(userId, projectId, { status: 'deleted' }),
    );
    if (!updated) throw AppError.notFound('Project');
    this.announce(updated);
  }

  /**
   * Other tabs hear every change as project_updated. A project that is no longer active stops
   * streaming: its connections end right after that event (and reconnecting is refused until
   * it is restored).
   */
  private announce(project: Project): void {
    this.realtime.projectUpdated(
      project._id.toHexString(),
      {
        task_id: null,
        project_id: project._id.toHexString(),
        project_name: project.project_name,
        status: project.status,
        current_version: project.current_version,
        updated_at: project.updated_at.toISOString(),
      },
      { endConnections: project.status !== 'active' },
    );
  }

  /**
   * Account purge: every stored object of every project of the owner (versions, current copies,
   * uploads), then the project records. The sub-resources' records are their services' to purge.
   */
  async purgeOwner(userId: string): Promise<number> {
    await this.storage.deletePrefix(userProjectsPrefix(this.config.env, userId));
    return this.projects.deleteAllForOwner(userId);
  }

  /** Only to undo a project intake that failed half-way; users delete by status (soft). */
  discard(userId: string, projectId: string): Promise<void> {
    return this.projects.removeOwned(userId, projectId);
  }
}

/** "A platform for connecting freelancers, with escrow" → "A platform for connecting freelancers". */
export function nameFromIdea(idea: string): string {
  const firstClause = idea.split(/[.;:!?\n]|,\s/)[0]?.trim() || idea.trim();
  const words = firstClause.split(/\s+/);
  const name = words.slice(0, NAME_WORDS).join(' ') + (words.length > NAME_WORDS ? '…' : '');
  return (name.charAt(0).toUpperCase() + name.slice(1)).slice(0, PROJECT_NAME_MAX);
}
