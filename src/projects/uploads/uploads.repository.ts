import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { TextExtractionRecord, Upload } from './upload.schema';

export interface NewUpload {
  readonly userId: string;
  readonly projectId: string;
  readonly filename: string;
  readonly originalFilename: string;
  readonly size: number;
  readonly contentType: string;
  readonly key: string;
  readonly sha256: string;
  readonly textExtraction: TextExtractionRecord;
}

export type InsertResult = { readonly created: Upload } | { readonly existing: Upload };

const DUPLICATE_KEY = 11000;

/** The only class that touches the uploads collection; every query carries the owner's id. */
@Injectable()
export class UploadsRepository implements OnModuleInit {
  constructor(@InjectModel(Upload.name) private readonly uploads: Model<Upload>) {}

  /** The unique (project, hash) index is what makes concurrent re-uploads collapse into one. */
  async onModuleInit(): Promise<void> {
    await this.uploads.init();
  }

  findByHash(userId: string, projectId: string, sha256: string): Promise<Upload | null> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve(null);
    return this.uploads
      .findOne({ ...filter, file_hash: sha256 })
      .lean<Upload>()
      .exec();
  }

  /** Inserts, or hands back the record another request inserted for the same content first. */
  async insert(input: NewUpload): Promise<InsertResult> {
    try {
      const created = await this.uploads.create({
        user_id: new Types.ObjectId(input.userId),
        project_id: new Types.ObjectId(input.projectId),
        filename: input.filename,
        original_filename: input.originalFilename,
        file_size: input.size,
        content_type: input.contentType,
        s3_key: input.key,
        file_hash: input.sha256,
        text_extraction: input.textExtraction,
        uploaded_at: new Date(),
      });
      return { created: created.toObject() };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.findByHash(input.userId, input.projectId, input.sha256);
      if (!existing) throw error;
      return { existing };
    }
  }

  /** Oldest first: the order they were added in. */
  list(userId: string, projectId: string): Promise<Upload[]> {
    const filter = ownedBy(userId, projectId);
    if (!filter) return Promise.resolve([]);
    return this.uploads.find(filter).sort({ uploaded_at: 1, _id: 1 }).lean<Upload[]>().exec();
  }

  /** Only to undo uploads made by a request that then failed. */
  async removeOwned(userId: string, ids: readonly Types.ObjectId[]): Promise<void> {
    const user_id = parseObjectId(userId);
    if (!user_id || ids.length === 0) return;
    await this.uploads.deleteMany({ user_id, _id: { $in: ids } }).exec();
  }

  /** Account retention purge: every upload record of the owner, whatever the project. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.uploads.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ownedBy(userId: string, projectId: string): Record<string, Types.ObjectId> | null {
  const project_id = parseObjectId(projectId);
  const user_id = parseObjectId(userId);
  return project_id && user_id ? { project_id, user_id } : null;
}
