import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { TextExtractionRecord, Upload, UPLOAD_LIST_ORDER } from './upload.schema';

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

/**
 * The only class that touches the uploads collection; every query carries the owner's id. The
 * unique (project, hash) index is what makes concurrent re-uploads collapse into one.
 */
@Injectable()
export class UploadsRepository extends OwnedRepository<Upload> {
  constructor(@InjectModel(Upload.name) model: Model<Upload>) {
    super(model, 'project_id');
  }

  findByHash(userId: string, projectId: string, sha256: string): Promise<Upload | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { file_hash: sha256 }).lean<Upload>().exec();
  }

  /** Inserts, or hands back the record another request inserted for the same content first. */
  async add(input: NewUpload): Promise<InsertResult> {
    try {
      const created = await this.insert(input.userId, input.projectId, {
        filename: input.filename,
        original_filename: input.originalFilename,
        file_size: input.size,
        content_type: input.contentType,
        s3_key: input.key,
        file_hash: input.sha256,
        text_extraction: input.textExtraction,
        uploaded_at: new Date(),
      });
      return { created };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.findByHash(input.userId, input.projectId, input.sha256);
      if (!existing) throw error;
      return { existing };
    }
  }

  /** Oldest first: the order they were added in. */
  list(userId: string, projectId: string): Promise<Upload[]> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner).sort(UPLOAD_LIST_ORDER).lean<Upload[]>().exec();
  }

  /** Only to undo uploads made by a request that then failed. */
  async removeOwned(userId: string, ids: readonly Types.ObjectId[]): Promise<void> {
    const owner = this.owner(userId);
    if (!owner || ids.length === 0) return;
    await this.deleteMany(owner, { _id: { $in: [...ids] } }).exec();
  }
}
