import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { Storage } from '@/storage/storage';
import { ProjectAccess } from '../project-access';
import { ProjectKeys } from '../project-keys';
import { extractText } from '@/common/uploads/text-extraction';
import { checkFiles, CheckedFile, IncomingFile } from '@/common/uploads/upload-check';
import { Upload } from './upload.schema';
import { UploadsRepository } from './uploads.repository';

export interface StoredUpload {
  readonly upload: Upload;
  /** False when the project already had this content: the existing record is returned. */
  readonly created: boolean;
  /** The text extracted now; null for an existing upload or a file without text. */
  readonly text: string | null;
}

export interface UploadWithUrls {
  readonly upload: Upload;
  readonly downloadUrl: string;
  readonly textUrl: string | null;
}

/** Upload rules: checked whole before storing, content-addressed, text extracted for the agents. */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly storage: Storage,
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsRepository,
  ) {}

  /** Throws a 4xx naming `files[i]` for the first request-level problem; stores nothing. */
  check(files: readonly IncomingFile[]): CheckedFile[] {
    return checkFiles(files, this.config.uploads.maxFileBytes);
  }

  async upload(
    userId: string,
    projectId: string,
    files: readonly IncomingFile[],
  ): Promise<StoredUpload[]> {
    await this.access.active(userId, projectId);
    if (files.length === 0) {
      throw AppError.validation([{ field: 'files', message: 'files: attach at least one file' }]);
    }
    return this.store(userId, projectId, this.check(files));
  }

  /**
   * Stores checked files one after the other (bounded memory and CPU for extraction). If one
   * fails, the uploads this call created are removed again, so the request leaves nothing.
   */
  async store(
    userId: string,
    projectId: string,
    files: readonly CheckedFile[],
  ): Promise<StoredUpload[]> {
    const stored: StoredUpload[] = [];
    try {
      for (const file of files) stored.push(await this.storeOne(userId, projectId, file));
      return stored;
    } catch (error) {
      await this.discard(userId, stored);
      throw error;
    }
  }

  /** Removes what `store` created (records and their objects); existing uploads are kept. */
  async discard(userId: string, stored: readonly StoredUpload[]): Promise<void> {
    const created = stored.filter((entry) => entry.created).map((entry) => entry.upload);
    await this.uploads.removeOwned(
      userId,
      created.map((upload) => upload._id),
    );
    await this.deleteObjects(created.flatMap(objectKeysOf));
  }

  async list(userId: string, projectId: string): Promise<UploadWithUrls[]> {
    await this.access.owned(userId, projectId);
    const uploads = await this.uploads.list(userId, projectId);
    return Promise.all(uploads.map((upload) => this.withUrls(upload)));
  }

  async withUrls(upload: Upload): Promise<UploadWithUrls> {
    const ttlSeconds = this.config.storage.downloadUrlTtlSeconds;
    const textKey = upload.text_extraction.text_key;
    return {
      upload,
      downloadUrl: await this.storage.downloadUrl(upload.s3_key, {
        ttlSeconds,
        filename: upload.filename,
      }),
      textUrl: textKey
        ? await this.storage.downloadUrl(textKey, {
            ttlSeconds,
            filename: `${upload.filename}.txt`,
          })
        : null,
    };
  }

  /** Everything the project's uploads say, for the agents' context (oldest upload first). */
  async textFor(userId: string, projectId: string): Promise<string> {
    const uploads = await this.uploads.list(userId, projectId);
    const parts = await Promise.all(
      uploads
        .filter((upload) => upload.text_extraction.text_key)
        .map(async (upload) => {
          const text = await this.storage.get(upload.text_extraction.text_key!);
          return `## ${upload.filename}\n\n${text.toString('utf8')}`;
        }),
    );
    return parts.join('\n\n');
  }

  private async storeOne(
    userId: string,
    projectId: string,
    file: CheckedFile,
  ): Promise<StoredUpload> {
    const existing = await this.uploads.findByHash(userId, projectId, file.sha256);
    if (existing) return { upload: existing, created: false, text: null };
    const keys = new ProjectKeys(this.config.env, userId, projectId);
    const key = keys.upload(file.sha256, file.kind.stored);
    const extraction = await extractText(file.sniffed, file.content);
    const textKey = extraction.status === 'extracted' ? keys.uploadText(file.sha256) : null;
    try {
      await this.storage.put(key, file.content, file.kind.contentType);
      if (textKey && extraction.status === 'extracted') {
        await this.storage.put(textKey, extraction.text, 'text/plain; charset=utf-8');
      }
      const result = await this.uploads.insert({
        userId,
        projectId,
        filename: file.filename,
        originalFilename: file.originalFilename,
        size: file.content.length,
        contentType: file.kind.contentType,
        key,
        sha256: file.sha256,
        textExtraction: {
          status: extraction.status,
          text_key: textKey,
          chars: extraction.status === 'extracted' ? extraction.text.length : 0,
          truncated: extraction.status === 'extracted' && extraction.truncated,
          error: extraction.status === 'failed' ? extraction.error : null,
        },
      });
      if ('existing' in result) return { upload: result.existing, created: false, text: null };
      const text = extraction.status === 'extracted' ? extraction.text : null;
      return { upload: result.created, created: true, text };
    } catch (error) {
      // The objects are shared by content: only remove them if no record came to own them.
      if (!(await this.uploads.findByHash(userId, projectId, file.sha256).catch(() => null))) {
        await this.deleteObjects(textKey ? [key, textKey] : [key]);
      }
      throw error;
    }
  }

  private async deleteObjects(keys: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.storage.delete(key)));
    if (results.some((result) => result.status === 'rejected')) {
      this.logger.warn({ keys }, 'Could not remove the objects of a failed upload');
    }
  }
}

function objectKeysOf(upload: Upload): string[] {
  const textKey = upload.text_extraction.text_key;
  return textKey ? [upload.s3_key, textKey] : [upload.s3_key];
}
