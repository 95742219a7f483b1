import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aMarkdown, aPdf } from '@test/support/fixtures/documents';
import { S3TestServer, startS3Server } from '@test/support/s3-server';
import { S3Storage } from '@/storage/s3.storage';
import { ObjectNotFoundError, Storage } from '@/storage/storage';

/** The URL with one query parameter replaced. */
function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

describe('S3 storage driver against a local S3-compatible server (s3rver)', () => {
  let s3: S3TestServer;
  let storage: S3Storage;

  beforeAll(async () => {
    s3 = await startS3Server();
    process.stdout.write(
      `\nS3 test server (s3rver + SigV4 front) started in ${s3.startedInMs} ms at ${s3.endpoint}\n`,
    );
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

  it('puts, gets, checks and deletes objects', async () => {
    await storage.check();
    await storage.put('test/a/b.md', '# B', 'text/markdown');
    expect(await storage.exists('test/a/b.md')).toBe(true);
    expect((await storage.get('test/a/b.md')).toString()).toBe('# B');
    await storage.delete('test/a/b.md');
    expect(await storage.exists('test/a/b.md')).toBe(false);
    await expect(storage.get('test/a/b.md')).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(() => storage.downloadUrl('../escape', { ttlSeconds: 60 })).toThrow(/Unsafe/);
  });

  it('hands out presigned GET URLs that download the object', async () => {
    await storage.put('test/p/doc.pdf', aPdf(), 'application/pdf');
    const url = await storage.downloadUrl('test/p/doc.pdf', {
      ttlSeconds: 60,
      filename: 'doc.pdf',
    });
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/test/p/doc.pdf?`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(aPdf())).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a presigned URL once it has expired (403)', async () => {
    await storage.put('test/p/soon.md', '# soon', 'text/markdown');
    // Signed in whole seconds: a 1 s URL could be valid for a millisecond only. With 3 s it is
    // valid for 2 s at least, and the test then sleeps until just past its expiry.
    const url = await storage.downloadUrl('test/p/soon.md', { ttlSeconds: 3 });
    expect((await fetch(url)).status).toBe(200);
    const query = new URL(url).searchParams;
    const signedAt = Date.parse(
      (query.get('X-Amz-Date') ?? '').replace(
        /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
        '$1-$2-$3T$4:$5:$6Z',
      ),
    );
    const expiresMs = signedAt + Number(query.get('X-Amz-Expires')) * 1000;
    expect(Number.isFinite(expiresMs)).toBe(true);
    await sleep(Math.max(0, expiresMs - Date.now()) + 200);
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });

  it('refuses a tampered presigned URL (403)', async () => {
    await storage.put('test/p/t.md', '# t', 'text/markdown');
    await storage.put('test/p/other.md', '# other', 'text/markdown');
    const url = await storage.downloadUrl('test/p/t.md', { ttlSeconds: 600 });
    const signature = new URL(url).searchParams.get('X-Amz-Signature')!;
    const tampered = [
      withParam(
        url,
        'X-Amz-Signature',
        `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
      ),
      withParam(url, 'X-Amz-Expires', '604799'),
      url.replace('/test/p/t.md?', '/test/p/other.md?'),
    ];
    for (const attempt of tampered) {
      expect({ attempt, status: (await fetch(attempt)).status }).toEqual({ attempt, status: 403 });
    }
  });
});

describe('The app on the S3 driver', () => {
  let s3: S3TestServer;
  let testApp: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server('prd-forge-app');
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, ...s3.env() });
  });
  afterAll(async () => {
    await testApp.close();
    await s3.stop();
  });

  it('stores uploads and versions in the bucket and hands out presigned URLs', async () => {
    const owner = await aSignedInUser(testApp.http);
    const { id } = await aProject(
      owner.api,
      { initial_idea: 'A marketplace for vintage guitars' },
      [{ name: 'brief.pdf', content: aPdf('Vintage guitar escrow') }],
    );
    await owner.api
      .post(`/api/v1/projects/${id}/uploads`)
      .attach('files', aMarkdown('# Luthiers\n'), 'notes.md')
      .expect(201);
    const files = (await owner.api.get(`/api/v1/projects/${id}/uploads`).expect(200)).body.files;
    expect(files).toHaveLength(2);
    const pdf = await fetch(files[0].download_url as string);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(aPdf('Vintage guitar escrow'))).toBe(true);
    const text = await fetch(files[0].text_extraction.text_url as string);
    expect(await text.text()).toBe('Vintage guitar escrow');

    await saveVersion(owner.api, id, { prd_content: '# One', changes: 'One' }).expect(201);
    await saveVersion(owner.api, id, { prd_content: '# Two', changes: 'Two' }).expect(201);
    await owner.api.post(`/api/v1/projects/${id}/rollback`).send({ version: 'v1.0' }).expect(200);
    const versions = (await owner.api.get(`/api/v1/projects/${id}/versions`).expect(200)).body
      .versions;
    expect(versions[0].prd_url).toMatch(new RegExp(`^${s3.endpoint}/prd-forge-app/test/projects/`));
    expect(await (await fetch(versions[0].prd_url as string)).text()).toBe('# Two');
    const project = (await owner.api.get(`/api/v1/projects/${id}`).expect(200)).body.project;
    expect(project).toMatchObject({ current_version: 'v1.0', prd_content: '# One' });
    const current = await testApp.app
      .get(Storage)
      .get(`test/projects/${owner.id}/${id}/current/prd.md`);
    expect(current.toString()).toBe('# One');
  });

  it('reports the bucket in detailed health and serves no local download route', async () => {
    const health = await testApp.http.get('/health/detailed').expect(200);
    expect(health.body.checks.storage).toMatchObject({ status: 'up', driver: 's3' });
    const token = Buffer.from('test/a.md').toString('base64url');
    await testApp.http.get(`/api/v1/files/${token}?expires=9999999999&signature=x`).expect(404);
  });
});
