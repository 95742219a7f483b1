import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
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
}

export type ClaimResult = { readonly claimed: ProjectVersion } | { readonly taken: true };

const DUPLICATE_KEY = 11000;
/** Reads only ever see versions whose objects are all written. */
const COMPLETE = { complete: true } as const;

/** The only class that touches project_versions; every query carries the owner's id. */
@Injectable()
export class VersionsRepository implements OnModuleInit {
  constructor(@InjectModel(ProjectVersion.name) private readonly versions: Model<ProjectVersion>) {}

  /** The unique (project, seq) index must exist before two saves can race. */
  async onModuleInit(): Promise<void> {
    await this.versions.init();
  }

  /** Inserts the record, incomplete, to own its number; `taken` when another save has it. */
  async claim(input: NewVersion): Promise<ClaimResult> {
    try {
      const created = await this.versions.create({
        project_id: new Types.ObjectId(input.projectId),
        user_id: new Types.ObjectId(input.userId),
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
        complete: false,
      });
      return { claimed: created.toObject() };
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return { taken: true };
      throw error;
    }
  }

  async markComplete(claimed: ProjectVersion): Promise<void> {
    await this.versions
      .updateOne({ _id: claimed._id, user_id: claimed.user_id }, { $set: { complete: true } })
      .exec();
  }

  /** Gives a failed save's number up (it is not reused: the counter has moved on). */
  async removeClaim(claimed: ProjectVersion): Promise<void> {
    await this.versions
      .deleteOne({ _id: claimed._id, user_id: claimed.user_id, complete: false })
      .exec();
  }

  /** Newest first. */
  list(userId: string, projectId: string): Promise<ProjectVersion[]> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve([]);
    return this.versions
      .find({ ...filter, ...COMPLETE })
      .sort({ seq: -1 })
      .lean<ProjectVersion[]>()
      .exec();
  }

  findByLabel(userId: string, projectId: string, label: string): Promise<ProjectVersion | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve(null);
    return this.versions
      .findOne({ ...filter, ...COMPLETE, version: label })
      .lean<ProjectVersion>()
      .exec();
  }

  findBySeq(userId: string, projectId: string, seq: number): Promise<ProjectVersion | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve(null);
    return this.versions
      .findOne({ ...filter, ...COMPLETE, seq })
      .lean<ProjectVersion>()
      .exec();
  }

  /** Account retention purge: every version record of the owner, complete or claimed. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.versions.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ownedBy(userId: string, projectId: string): Record<string, Types.ObjectId> | null {
  const project_id = parseObjectId(projectId);
  const user_id = parseObjectId(userId);
  return project_id && user_id ? { project_id, user_id } : null;
}
