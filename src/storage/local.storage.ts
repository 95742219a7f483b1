import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  assertSafeKey,
  assertSafePrefix,
  DownloadUrlOptions,
  ObjectNotFoundError,
  Storage,
} from './storage';
import { UrlSigner } from './url-signer';

/** Where the API serves signed local downloads (files.controller.ts), under the global prefix. */
export const LOCAL_DOWNLOAD_PATH = '/api/v1/files';

export interface LocalStorageOptions {
  readonly root: string;
  readonly signer: UrlSigner;
  /** Origin put in front of download URLs; empty gives root-relative URLs. */
  readonly publicBaseUrl: string;
}

/** Objects as files under one directory; writes land whole (temp file, then rename). */
export class LocalStorage extends Storage {
  readonly driver = 'local' as const;

  constructor(private readonly options: LocalStorageOptions) {
    super();
  }

  get location(): string {
    return this.options.root;
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** The prefix is a directory here; removing it removes every object under it. */
  async deletePrefix(prefix: string): Promise<void> {
    assertSafePrefix(prefix);
    await rm(join(this.options.root, prefix), { recursive: true, force: true });
  }

  downloadUrl(key: string, { ttlSeconds, filename }: DownloadUrlOptions): Promise<string> {
    assertSafeKey(key);
    const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
    const signature = this.options.signer.sign({ key, expires, filename });
    const query = new URLSearchParams({ expires: String(expires) });
    if (filename !== undefined) query.set('filename', filename);
    query.set('signature', signature);
    const token = Buffer.from(key).toString('base64url');
    return Promise.resolve(
      `${this.options.publicBaseUrl}${LOCAL_DOWNLOAD_PATH}/${token}?${query.toString()}`,
    );
  }

  async check(): Promise<void> {
    const key = `.health/${randomUUID()}`;
    await this.put(key, 'ok');
    const read = await this.get(key);
    await this.delete(key);
    if (read.toString() !== 'ok') throw new Error('read-back mismatch');
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.options.root, key);
  }
}
