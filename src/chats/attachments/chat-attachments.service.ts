import { Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { extractText } from '@/common/uploads/text-extraction';
import { checkFiles, CheckedFile, IncomingFile } from '@/common/uploads/upload-check';
import { AppConfig } from '@/config/app-config';
import { Storage } from '@/storage/storage';
import { ChatKeys } from '../chat-keys';
import { MessageAttachment } from '../messages/message.schema';
import { ChatAttachment } from './chat-attachment.schema';
import { ChatAttachmentsRepository } from './chat-attachments.repository';

export interface StoredAttachment {
  readonly attachment: ChatAttachment;
  /** False when the chat already had this content: the existing record is reused. */
  readonly created: boolean;
}

/** An attachment's text for the model (empty for images and files that could not be read). */
export interface AttachmentText {
  readonly filename: string;
  readonly text: string;
}

/**
 * Files attached to chat messages, with the same rules as project uploads (type by extension and
 * content, size limit, sanitised names, text extraction; src/common/uploads): checked whole before
 * anything is stored, content-addressed under `chats/{chat_id}/attachments/`, one record per
 * content per chat.
 */
@Injectable()
export class ChatAttachmentsService {
  private readonly logger = new Logger(ChatAttachmentsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly storage: Storage,
    private readonly attachments: ChatAttachmentsRepository,
  ) {}

  /** Throws a 4xx naming `files[i]` for the first problem; stores nothing. */
  check(files: readonly IncomingFile[]): CheckedFile[] {
    return checkFiles(files, this.config.uploads.maxFileBytes);
  }

  /** One after the other (bounded memory and CPU); on failure, what this call created goes. */
  async store(
    userId: string,
    chatId: string,
    files: readonly CheckedFile[],
  ): Promise<StoredAttachment[]> {
    const stored: StoredAttachment[] = [];
    try {
      for (const file of files) stored.push(await this.storeOne(userId, chatId, file));
      return stored;
    } catch (error) {
      await this.discard(userId, stored);
      throw error;
    }
  }

  /** Removes what `store` created (records and objects); reused ones stay. */
  async discard(userId: string, stored: readonly StoredAttachment[]): Promise<void> {
    const created = stored.filter((entry) => entry.created).map((entry) => entry.attachment);
    await this.attachments.removeOwned(
      userId,
      created.map((attachment) => attachment._id),
    );
    await this.deleteObjects(
      created.flatMap((attachment) =>
        attachment.text_key ? [attachment.s3_key, attachment.text_key] : [attachment.s3_key],
      ),
    );
  }

  /** The text of a message's attachments, for the model. */
  async texts(
    userId: string,
    chatId: string,
    attached: readonly MessageAttachment[],
  ): Promise<AttachmentText[]> {
    const records = await this.attachments.findMany(
      userId,
      chatId,
      attached.map((attachment) => attachment.file_id),
    );
    return Promise.all(
      records.map(async (record) => ({
        filename: record.filename,
        text: record.text_key ? (await this.storage.get(record.text_key)).toString('utf8') : '',
      })),
    );
  }

  downloadUrl(attachment: MessageAttachment): Promise<string> {
    return this.storage.downloadUrl(attachment.s3_key, {
      ttlSeconds: this.config.storage.downloadUrlTtlSeconds,
      filename: attachment.filename,
    });
  }

  private async storeOne(
    userId: string,
    chatId: string,
    file: CheckedFile,
  ): Promise<StoredAttachment> {
    const existing = await this.attachments.findByHash(userId, chatId, file.sha256);
    if (existing) return { attachment: existing, created: false };
    const keys = new ChatKeys(this.config.env, chatId);
    const key = keys.attachment(file.sha256, file.kind.stored);
    const extraction = await extractText(file.sniffed, file.content);
    const textKey = extraction.status === 'extracted' ? keys.attachmentText(file.sha256) : null;
    try {
      await this.storage.put(key, file.content, file.kind.contentType);
      if (textKey && extraction.status === 'extracted') {
        await this.storage.put(textKey, extraction.text, 'text/plain; charset=utf-8');
      }
      const result = await this.attachments.insert({
        userId,
        chatId,
        filename: file.filename,
        originalFilename: file.originalFilename,
        size: file.content.length,
        contentType: file.kind.contentType,
        key,
        sha256: file.sha256,
        extractionStatus: extraction.status,
        textKey,
      });
      return 'created' in result
        ? { attachment: result.created, created: true }
        : { attachment: result.existing, created: false };
    } catch (error) {
      // The objects are shared by content: only remove them if no record came to own them.
      if (!(await this.attachments.findByHash(userId, chatId, file.sha256).catch(() => null))) {
        await this.deleteObjects(textKey ? [key, textKey] : [key]);
      }
      throw error;
    }
  }

  private async deleteObjects(keys: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.storage.delete(key)));
    if (results.some((result) => result.status === 'rejected')) {
      this.logger.warn({ keys }, 'Could not remove the objects of a failed attachment');
    }
  }
}

/** How a stored attachment is referenced from its message (the contract's attachments entry). */
export function messageAttachment(attachment: ChatAttachment): MessageAttachment {
  return {
    file_id: new Types.ObjectId(attachment._id),
    filename: attachment.filename,
    s3_key: attachment.s3_key,
    size: attachment.file_size,
    content_type: attachment.content_type,
  };
}
