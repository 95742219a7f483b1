/**
 * The object storage port (seed 000's bucket layout). Two adapters: the filesystem for the
 * embedded default and S3 for production; picked by STORAGE_DRIVER.
 */
export abstract class Storage {
  abstract readonly driver: 'local' | 's3';
  /** Human-readable location for the start-up banner and health output. */
  abstract readonly location: string;

  abstract put(key: string, body: Buffer | string, contentType: string): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  abstract exists(key: string): Promise<boolean>;
  abstract delete(key: string): Promise<void>;
  /** Throws when the backend cannot be written and read back. */
  abstract check(): Promise<void>;
}

const SAFE_KEY = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/{}]+$/;

/** Keys come from our own code, but a bad one must never escape the bucket or the directory. */
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('//') || key.length > 1024) {
    throw new Error(`Unsafe storage key: ${JSON.stringify(key)}`);
  }
}
