import { NodeEnv } from '@/config/env.schema';

/**
 * The contract's chat layout under the environment prefix: `{env}/chats/{chat_id}/attachments/
 * {sha256}.{ext}`, the extracted text beside it. The one place chat object keys are spelled.
 */
export class ChatKeys {
  readonly root: string;

  constructor(env: NodeEnv, chatId: string) {
    this.root = `${env}/chats/${chatId}/`;
  }

  attachment(sha256: string, extension: string): string {
    return `${this.root}attachments/${sha256}.${extension}`;
  }

  attachmentText(sha256: string): string {
    return `${this.root}attachments/${sha256}.txt`;
  }
}
