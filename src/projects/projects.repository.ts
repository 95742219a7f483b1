import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from './object-id';
import { Project, ProjectStatus } from './project.schema';
import { ThinkingLensStatus } from './thinking-lenses';

export interface NewProject {
  readonly id: string;
  readonly userId: string;
  readonly projectName: string;
  readonly initialIdea: string;
  readonly s3Path: string;
  /** The chat the project was converted from, if any. */
  readonly sourceChatId?: string | null;
}

export interface ProjectChanges {
  readonly project_name?: string;
  readonly status?: ProjectStatus;
}

export interface VersionPointer {
  readonly seq: number;
  readonly label: string;
  readonly lensStatus: ThinkingLensStatus;
}

/** The only class that touches the projects collection; every read and write is owner-scoped. */
@Injectable()
export class ProjectsRepository implements OnModuleInit {
  constructor(@InjectModel(Project.name) private readonly projects: Model<Project>) {}

  async onModuleInit(): Promise<void> {
    await this.projects.init();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(input: NewProject): Promise<Project> {
    const created = await this.projects.create({
      _id: new Types.ObjectId(input.id),
      user_id: new Types.ObjectId(input.userId),
      project_name: input.projectName,
      initial_idea: input.initialIdea,
      s3_path: input.s3Path,
      source_chat_id: input.sourceChatId ? new Types.ObjectId(input.sourceChatId) : null,
      created_from_chat: Boolean(input.sourceChatId),
    });
    return created.toObject();
  }

  findOwned(userId: string, projectId: string): Promise<Project | null> {
    const filter = ownedBy(userId, projectId);
    return filter ? this.projects.findOne(filter).lean<Project>().exec() : Promise.resolve(null);
  }

  async list(
    userId: string,
    status: ProjectStatus,
    page: { limit: number; offset: number },
  ): Promise<{ projects: Project[]; total: number }> {
    const filter = { user_id: new Types.ObjectId(userId), status };
    const [projects, total] = await Promise.all([
      this.projects
        .find(filter)
        .sort({ created_at: -1, _id: -1 })
        .skip(page.offset)
        .limit(page.limit)
        .lean<Project[]>()
        .exec(),
      this.projects.countDocuments(filter).exec(),
    ]);
    return { projects, total };
  }

  update(userId: string, projectId: string, changes: ProjectChanges): Promise<Project | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve(null);
    return this.projects
      .findOneAndUpdate(filter, { $set: changes }, { new: true })
      .lean<Project>()
      .exec();
  }

  /** Only to undo a creation that failed half-way; users delete by status (soft). */
  async removeOwned(userId: string, projectId: string): Promise<void> {
    const filter = ownedBy(userId, projectId);
    if (filter) await this.projects.deleteOne(filter).exec();
  }

  /** Account retention purge: every project of the owner, whatever the project. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.projects.deleteMany({ user_id }).exec()).deletedCount;
  }

  /**
   * The next version number, from one atomic `$inc`: concurrent saves each get their own. Null
   * when the project is not the user's or not active.
   */
  async allocateVersionSeq(userId: string, projectId: string): Promise<number | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return null;
    const before = await this.projects
      .findOneAndUpdate(
        { ...filter, status: 'active' },
        { $inc: { next_version_seq: 1 } },
        // No projection: FerretDB 1.x does not implement findAndModify's `fields`.
        { new: false, timestamps: false },
      )
      .lean<Pick<Project, 'next_version_seq'>>()
      .exec();
    return before ? before.next_version_seq : null;
  }

  /**
   * A saved version becomes current unless a newer one already is (two saves finishing out of
   * order must not put the older one back). Either way the save is counted.
   */
  async recordSavedVersion(
    userId: string,
    projectId: string,
    pointer: VersionPointer,
    byAgent: boolean,
  ): Promise<{ becameCurrent: boolean }> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return { becameCurrent: false };
    const lastAgentRun = byAgent ? { 'metadata.last_agent_run': new Date() } : {};
    const counted = { $inc: { 'metadata.total_iterations': 1 } };
    const moved = await this.projects
      .updateOne(
        {
          ...filter,
          $or: [{ current_version_seq: null }, { current_version_seq: { $lt: pointer.seq } }],
        },
        { $set: { ...pointerFields(pointer), ...lastAgentRun }, ...counted },
      )
      .exec();
    if (moved.matchedCount === 1) return { becameCurrent: true };
    await this.projects
      .updateOne(filter, byAgent ? { $set: lastAgentRun, ...counted } : counted)
      .exec();
    return { becameCurrent: false };
  }

  /** Rollback: point at any existing version; the counter is untouched, so labels never repeat. */
  rollBackTo(userId: string, projectId: string, pointer: VersionPointer): Promise<Project | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve(null);
    return this.projects
      .findOneAndUpdate(
        { ...filter, status: 'active' },
        { $set: pointerFields(pointer) },
        { new: true },
      )
      .lean<Project>()
      .exec();
  }
}

function ownedBy(userId: string, projectId: string): Record<string, Types.ObjectId> | null {
  const _id = parseObjectId(projectId);
  const user_id = parseObjectId(userId);
  return _id && user_id ? { _id, user_id } : null;
}

function pointerFields(pointer: VersionPointer): Record<string, unknown> {
  return {
    current_version: pointer.label,
    current_version_seq: pointer.seq,
    'metadata.thinking_lens_status': pointer.lensStatus,
  };
}
