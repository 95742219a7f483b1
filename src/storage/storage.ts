/**
 * The object storage port (the API contract's bucket layout). Two adapters: the filesystem for the
 * embedded default and S3 for production; picked by STORAGE_DRIVER.
 */
export abstract class Storage {
  abstract readonly driver: 'local' | 's3';
  /** Human-readable location for the start-up banner and health output. */
  abstract readonly location: string;

  abstract put(key: string, body: Buffer | string, contentType: string): Promise<void>;
  /** Throws ObjectNotFoundError when there is no object under the key. */
  abstract get(key: string): Promise<Buffer>;
  abstract exists(key: string): Promise<boolean>;
  abstract delete(key: string): Promise<void>;
  /**
   * Deletes every object whose key starts with `prefix` (a folder: it must end with "/"); an
   * empty folder is not an error, so a purge that stopped half-way can simply run again.
   */
  abstract deletePrefix(prefix: string): Promise<void>;
  /**
   * A URL anyone holding it can GET the object with until it expires: an S3 presigned URL, or
   * for the filesystem an HMAC-signed URL the API itself serves (see files.controller.ts).
   */
  abstract downloadUrl(key: string, options: DownloadUrlOptions): Promise<string>;
  /** Throws when the backend cannot be written and read back. */
  abstract check(): Promise<void>;
}

export interface DownloadUrlOptions {
  readonly ttlSeconds: number;
  /** Offered to the browser as the attachment's name. */
  readonly filename?: string;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object under ${JSON.stringify(key)}`);
    this.name = 'ObjectNotFoundError';
  }
}

const SAFE_KEY = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/{}]+$/;

/** Keys come from our own code, but a bad one must never escape the bucket or the directory. */
export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
}

function isSafeKey(key: string): boolean {
  return SAFE_KEY.test(key) && !key.includes('//') && key.length <= 1024;
}

/** A folder prefix: a safe key ending in "/", so a purge can never reach a sibling or the root. */
export function assertSafePrefix(prefix: string): void {
  if (!prefix.endsWith('/') || !isSafeKey(prefix.slice(0, -1))) {
    throw new Error(`Unsafe storage prefix: ${JSON.stringify(prefix)}`);
  }
}
