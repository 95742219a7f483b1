import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import type { ModelUsage } from '@/domain/agent-run';
import { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { ProjectVersion, VersionAuthor } from './project-version.schema';

export interface NewVersion {
  readonly userId: string;
  readonly projectId: string;
  readonly seq: number;
  readonly label: string;
  readonly timestamp: Date;
  readonly changes: string;
  readonly author: VersionAuthor;
  readonly keys: { readonly prd: string; readonly flowchart: string; readonly metadata: string };
  readonly prdSha256: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly usage: ModelUsage | null;
  readonly taskId: string | null;
}

/** A version as the project's history lists it. */
export type HistoryEntry = Pick<ProjectVersion, 'version' | 'timestamp' | 'changes' | 'usage'>;
const HISTORY_FIELDS = { _id: 0, version: 1, timestamp: 1, changes: 1, usage: 1 } as const;

export type ClaimResult = { readonly claimed: ProjectVersion } | { readonly taken: true };

const DUPLICATE_KEY = 11000;
/** Reads only ever see versions whose objects are all written. */
const COMPLETE = { complete: true } as const;

/**
 * The only class that touches project_versions; every query carries the owner's id. The unique
 * (project, seq) index must exist before two saves can race (OwnedRepository creates it).
 */
@Injectable()
export class VersionsRepository extends OwnedRepository<ProjectVersion> {
  constructor(@InjectModel(ProjectVersion.name) model: Model<ProjectVersion>) {
    super(model, 'project_id');
  }

  /** Inserts the record, incomplete, to own its number; `taken` when another save has it. */
  async claim(input: NewVersion): Promise<ClaimResult> {
    try {
      const claimed = await this.insert(input.userId, input.projectId, {
        seq: input.seq,
        version: input.label,
        timestamp: input.timestamp,
        changes: input.changes,
        author: input.author,
        prd_key: input.keys.prd,
        flowchart_key: input.keys.flowchart,
        metadata_key: input.keys.metadata,
        prd_sha256: input.prdSha256,
        thinking_lens_status: input.lensStatus,
        usage: input.usage,
        complete: false,
        task_id: input.taskId,
      });
      return { claimed };
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return { taken: true };
      throw error;
    }
  }

  async markComplete(claimed: ProjectVersion): Promise<void> {
    const owner = this.owner(claimed.user_id.toHexString());
    if (owner) await this.updateOne(owner, { _id: claimed._id }, { $set: { complete: true } });
  }

  /** Gives a failed save's number up (it is not reused: the counter has moved on). */
  async removeClaim(claimed: ProjectVersion): Promise<void> {
    const owner = this.owner(claimed.user_id.toHexString());
    if (owner) await this.deleteOne(owner, { _id: claimed._id, complete: false }).exec();
  }

  /** How many saved versions the project holds (what its quota counts). */
  countComplete(userId: string, projectId: string): Promise<number> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(0);
    return this.countDocuments(owner, COMPLETE).exec();
  }

  /** Newest first: at most `limit` versions older than `beforeSeq` (from the newest when null). */
  page(
    userId: string,
    projectId: string,
    page: { readonly limit: number; readonly beforeSeq: number | null },
  ): Promise<ProjectVersion[]> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve([]);
    const older = page.beforeSeq === null ? {} : { seq: { $lt: page.beforeSeq } };
    return this.find(owner, { ...COMPLETE, ...older })
      .sort({ seq: -1 })
      .limit(page.limit)
      .lean<ProjectVersion[]>()
      .exec();
  }

  /**
   * The whole history, newest first, with only what a history entry shows: the list grows with
   * every save, the keys, digests, lens status and task of each version are not needed there.
   */
  history(userId: string, projectId: string): Promise<HistoryEntry[]> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner, COMPLETE)
      .select(HISTORY_FIELDS)
      .sort({ seq: -1 })
      .lean<HistoryEntry[]>()
      .exec();
  }

  findByLabel(userId: string, projectId: string, label: string): Promise<ProjectVersion | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { ...COMPLETE, version: label })
      .lean<ProjectVersion>()
      .exec();
  }

  /** What an agent task saved, complete or still claimed (a save its dead worker left half-way). */
  findByTask(userId: string, projectId: string, taskId: string): Promise<ProjectVersion | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { task_id: taskId })
      .sort({ complete: -1 })
      .lean<ProjectVersion>()
      .exec();
  }

  findBySeq(userId: string, projectId: string, seq: number): Promise<ProjectVersion | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { ...COMPLETE, seq })
      .lean<ProjectVersion>()
      .exec();
  }
}
