import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3TestServer, startS3Server } from '@test/support/s3-server';
import { LocalStorage } from '@/storage/local.storage';
import { S3Storage } from '@/storage/s3.storage';
import { Storage } from '@/storage/storage';
import { UrlSigner } from '@/storage/url-signer';

/** What both drivers must do for the account retention purge. */
function itDeletesAFolder(storage: () => Storage): void {
  it('deletes every object under a folder prefix and nothing beside it', async () => {
    const inside = ['test/projects/u1/p1/uploads/a.md', 'test/projects/u1/p2/current/prd.md'];
    // "u10" starts with "u1" as a string; the trailing "/" is what keeps it out.
    const beside = ['test/projects/u10/p1/uploads/a.md', 'test/projects/u2/p1/current/prd.md'];
    for (const key of [...inside, ...beside]) await storage().put(key, '# x', 'text/markdown');

    await storage().deletePrefix('test/projects/u1/');

    for (const key of inside) expect(await storage().exists(key)).toBe(false);
    for (const key of beside) expect(await storage().exists(key)).toBe(true);
    // Nothing left to delete is not an error: a resumed purge runs it again.
    await storage().deletePrefix('test/projects/u1/');
  });

  it('refuses prefixes that are not a safe folder', async () => {
    for (const prefix of ['', '/', 'test/projects/u1', '../test/', 'test/../../', '/etc/']) {
      await expect(storage().deletePrefix(prefix)).rejects.toThrow(/Unsafe storage prefix/);
    }
  });
}

describe('Storage.deletePrefix: local driver', () => {
  const root = mkdtempSync(join(tmpdir(), 'prd-forge-prefix-'));
  const storage = new LocalStorage({
    root,
    signer: new UrlSigner('a-test-secret-of-enough-length'),
    publicBaseUrl: '',
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  itDeletesAFolder(() => storage);
});

describe('Storage.deletePrefix: S3 driver (s3rver)', () => {
  let s3: S3TestServer;
  let storage: S3Storage;

  beforeAll(async () => {
    s3 = await startS3Server('prd-forge-prefix');
    storage = new S3Storage({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
  });
  afterAll(() => s3.stop());

  itDeletesAFolder(() => storage);
});
