import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { Project, PROJECT_LIST_ORDER, ProjectStatus } from './project.schema';

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
  readonly usage: ModelUsage | null;
}

/** The only class that touches the projects collection; every read and write is owner-scoped. */
@Injectable()
export class ProjectsRepository extends OwnedRepository<Project> {
  constructor(@InjectModel(Project.name) model: Model<Project>) {
    super(model, '_id');
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  create(input: NewProject): Promise<Project> {
    return this.insert(input.userId, input.id, {
      project_name: input.projectName,
      initial_idea: input.initialIdea,
      s3_path: input.s3Path,
      source_chat_id: input.sourceChatId ? new Types.ObjectId(input.sourceChatId) : null,
      created_from_chat: Boolean(input.sourceChatId),
    });
  }

  findOwned(userId: string, projectId: string): Promise<Project | null> {
    const owner = this.owner(userId, projectId);
    return owner ? this.findById(owner) : Promise.resolve(null);
  }

  async list(
    userId: string,
    status: ProjectStatus,
    page: { limit: number; offset: number },
  ): Promise<{ projects: Project[]; total: number }> {
    const owner = this.owner(userId);
    if (!owner) return { projects: [], total: 0 };
    const [projects, total] = await Promise.all([
      this.find(owner, { status })
        .sort(PROJECT_LIST_ORDER)
        .skip(page.offset)
        .limit(page.limit)
        .lean<Project[]>()
        .exec(),
      this.countDocuments(owner, { status }).exec(),
    ]);
    return { projects, total };
  }

  update(userId: string, projectId: string, changes: ProjectChanges): Promise<Project | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOneAndUpdate<Project>(owner, {}, { $set: changes }, { new: true });
  }

  /** Only to undo a creation that failed half-way; users delete by status (soft). */
  async removeOwned(userId: string, projectId: string): Promise<void> {
    const owner = this.owner(userId, projectId);
    if (owner) await this.deleteOne(owner).exec();
  }

  /**
   * The next version number, from one atomic `$inc`: concurrent saves each get their own. Null
   * when the project is not the user's or not active.
   */
  async allocateVersionSeq(userId: string, projectId: string): Promise<number | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return null;
    const before = await this.findOneAndUpdate<Pick<Project, 'next_version_seq'>>(
      owner,
      { status: 'active' },
      { $inc: { next_version_seq: 1 } },
      // No projection: FerretDB 1.x does not implement findAndModify's `fields`.
      { new: false, timestamps: false },
    );
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
    const owner = this.owner(userId, projectId);
    if (!owner) return { becameCurrent: false };
    const lastAgentRun = byAgent ? { 'metadata.last_agent_run': new Date() } : {};
    const counted = { $inc: { 'metadata.total_iterations': 1 } };
    const moved = await this.updateOne(
      owner,
      { $or: [{ current_version_seq: null }, { current_version_seq: { $lt: pointer.seq } }] },
      { $set: { ...pointerFields(pointer), ...lastAgentRun }, ...counted },
    );
    if (moved.matchedCount === 1) return { becameCurrent: true };
    await this.updateOne(owner, {}, byAgent ? { $set: lastAgentRun, ...counted } : counted);
    return { becameCurrent: false };
  }

  /** Rollback: point at any existing version; the counter is untouched, so labels never repeat. */
  rollBackTo(userId: string, projectId: string, pointer: VersionPointer): Promise<Project | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOneAndUpdate<Project>(
      owner,
      { status: 'active' },
      { $set: pointerFields(pointer) },
      { new: true },
    );
  }
}

function pointerFields(pointer: VersionPointer): Record<string, unknown> {
  return {
    current_version: pointer.label,
    current_version_seq: pointer.seq,
    'metadata.thinking_lens_status': pointer.lensStatus,
    current_version_usage: pointer.usage,
  };
}
