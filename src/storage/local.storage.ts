import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertSafeKey, Storage } from './storage';

/** Objects as files under one directory; writes land whole (temp file, then rename). */
export class LocalStorage extends Storage {
  readonly driver = 'local' as const;

  constructor(private readonly root: string) {
    super();
  }

  get location(): string {
    return this.root;
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
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

  async check(): Promise<void> {
    const key = `.health/${randomUUID()}`;
    await this.put(key, 'ok');
    const read = await this.get(key);
    await this.delete(key);
    if (read.toString() !== 'ok') throw new Error('read-back mismatch');
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.root, key);
  }
}
