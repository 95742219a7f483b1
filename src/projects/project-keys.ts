import type { NodeEnv } from '@/config/node-env';

export type VersionFile = 'prd.md' | 'flowchart.mmd' | 'metadata.json';
/** The current/ folder holds the PRD and the flowchart only. */
export type CurrentFile = Exclude<VersionFile, 'metadata.json'>;

/** Every object of every project of a user: what the account retention purge removes. */
export function userProjectsPrefix(env: NodeEnv, userId: string): string {
  return `${env}/projects/${userId}/`;
}

/**
 * The API contract's bucket layout under the environment prefix:
 * `{env}/projects/{user_id}/{project_id}/{versions/{timestamp}/…, current/…, uploads/{sha256}.{ext}}`.
 * The one place object keys for a project are spelled.
 */
export class ProjectKeys {
  readonly root: string;

  constructor(env: NodeEnv, userId: string, projectId: string) {
    this.root = `${userProjectsPrefix(env, userId)}${projectId}/`;
  }

  upload(sha256: string, extension: string): string {
    return `${this.root}uploads/${sha256}.${extension}`;
  }

  /** The text extracted from an upload, stored beside it for the agents. */
  uploadText(sha256: string): string {
    return `${this.root}uploads/${sha256}.txt`;
  }

  versionFolder(createdAt: Date, label: string): string {
    // Basic ISO 8601 with milliseconds, plus the label so two saves in one millisecond differ.
    const timestamp = createdAt.toISOString().replace(/[-:]/g, '').replace('.', '');
    return `${this.root}versions/${timestamp}_${label}/`;
  }

  current(file: CurrentFile): string {
    return `${this.root}current/${file}`;
  }
}
