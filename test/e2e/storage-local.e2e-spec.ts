import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { downloadBytes, pathOf, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { Storage } from '@/storage/storage';
import { UrlSigner } from '@/storage/url-signer';

describe('Local storage: signed, expiring download URLs served by the API', () => {
  let testApp: TestApp;
  let storage: Storage;
  const key = 'test/projects/u1/p1/uploads/abc.md';

  const get = (url: string) => downloadBytes(testApp.http, url);
  /** The URL with one query parameter replaced (or removed when `value` is null). */
  const withParam = (url: string, name: string, value: string | null): string => {
    const parsed = new URL(url, 'http://localhost');
    if (value === null) parsed.searchParams.delete(name);
    else parsed.searchParams.set(name, value);
    return `${parsed.pathname}?${parsed.searchParams.toString()}`;
  };

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    storage = testApp.app.get(Storage);
    await storage.put(key, '# Hello\n', 'text/markdown');
  });
  afterAll(() => testApp.close());

  it('serves the object to anyone holding a valid URL, as an attachment', async () => {
    const url = await storage.downloadUrl(key, { ttlSeconds: 60, filename: 'Notes «v1».md' });
    expect(url).toMatch(/^\/api\/v1\/files\/[\w-]+\?expires=\d+&filename=.+&signature=[\w-]{43}$/);
    const expires = Number(new URL(url, 'http://x').searchParams.get('expires'));
    const res = await get(url).expect(200);
    const answeredAt = Math.floor(Date.now() / 1000);
    expect((res.body as Buffer).toString('utf8')).toBe('# Hello\n');
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Notes _v1_.md"; filename*=UTF-8''Notes%20%C2%ABv1%C2%BB.md`,
    );
    // The seconds the URL has left when it was answered (a slow machine may take more than one).
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(res.headers['cache-control'])?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(expires - answeredAt);
    expect(maxAge).toBeLessThanOrEqual(60);
  });

  it('answers 403 once the URL has expired', async () => {
    // Expiry is in whole seconds: a 1 s URL could be valid for a millisecond only. With 3 s it
    // is valid for 2 s at least, and the test then sleeps until just past its expiry.
    const url = await storage.downloadUrl(key, { ttlSeconds: 3 });
    await get(url).expect(200);
    const expiresMs = Number(new URL(url, 'http://x').searchParams.get('expires')) * 1000;
    await sleep(Math.max(0, expiresMs - Date.now()) + 200);
    const res = await testApp.http.get(pathOf(url)).expect(403);
    expect(res.body).toEqual({
      error: 'Download link is invalid or expired (expired)',
      code: 'FORBIDDEN',
      request_id: expect.any(String),
    });
  });

  it('answers 403 to any tampering: signature, expiry, file name, key, or a missing part', async () => {
    const url = await storage.downloadUrl(key, { ttlSeconds: 600, filename: 'notes.md' });
    const signature = new URL(url, 'http://x').searchParams.get('signature')!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const otherKey = Buffer.from('test/projects/u2/p2/uploads/abc.md').toString('base64url');
    const tampered = [
      withParam(url, 'signature', flipped),
      withParam(url, 'signature', signature.slice(0, 20)),
      withParam(url, 'expires', String(Math.floor(Date.now() / 1000) + 86_400)),
      withParam(url, 'filename', 'other.md'),
      withParam(url, 'filename', null),
      withParam(url, 'signature', null),
      withParam(url, 'expires', null),
      withParam(url, 'expires', 'soon'),
      pathOf(url).replace(/files\/[\w-]+/, `files/${otherKey}`),
      pathOf(url).replace(/files\/[\w-]+/, 'files/Li4vLi4vZXRjL3Bhc3N3ZA'),
    ];
    for (const attempt of tampered) {
      const res = await testApp.http.get(attempt);
      expect({ attempt, status: res.status, code: res.body.code }).toEqual({
        attempt,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    await get(url).expect(200);
  });

  it('cannot be forged with another secret', async () => {
    const expires = Math.floor(Date.now() / 1000) + 600;
    const forged = new UrlSigner('x'.repeat(64)).sign({ key, expires });
    const token = Buffer.from(key).toString('base64url');
    await testApp.http
      .get(`/api/v1/files/${token}?expires=${expires}&signature=${forged}`)
      .expect(403);
  });

  it('answers 404 for a validly signed URL whose object is gone', async () => {
    await storage.put('test/gone.md', 'bye', 'text/markdown');
    const url = await storage.downloadUrl('test/gone.md', { ttlSeconds: 60 });
    await storage.delete('test/gone.md');
    const res = await testApp.http.get(pathOf(url)).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('Local storage with PUBLIC_BASE_URL', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ PUBLIC_BASE_URL: 'https://api.example.com' });
  });
  afterAll(() => testApp.close());

  it('hands out absolute URLs on that origin', async () => {
    const url = await testApp.app.get(Storage).downloadUrl('test/a.md', { ttlSeconds: 60 });
    expect(url).toMatch(
      /^https:\/\/api\.example\.com\/api\/v1\/files\/[\w-]+\?expires=\d+&signature=/,
    );
  });
});
