import Redis from 'ioredis';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aMarkdown } from '@test/support/fixtures/documents';

describe('Projects: only the owner sees them (real app, real services)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('is a 404 on every project route, and nothing changes', async () => {
    const stranger = await aSignedInUser(testApp.http);
    const { id } = await aProject(stranger.api);
    await saveVersion(stranger.api, id).expect(201);
    await saveVersion(stranger.api, id, { changes: 'Second' }).expect(201);
    const base = `/api/v1/projects/${id}`;
    const attempts = [
      owner.api.get(base),
      owner.api.patch(base).send({ project_name: 'Mine now' }),
      owner.api.delete(base),
      owner.api.get(`${base}/uploads`),
      owner.api.post(`${base}/uploads`).attach('files', aMarkdown(), 'x.md'),
      owner.api.get(`${base}/versions`),
      saveVersion(owner.api, id),
      owner.api.post(`${base}/rollback`).send({ version: 'v1.0' }),
      owner.api.get(`${base}/versions/v1.0/diff/v1.1`),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { error: 'Project not found', code: 'NOT_FOUND', request_id: expect.any(String) },
      });
    }
    const own = await stranger.api.get(base).expect(200);
    expect(own.body.project).toMatchObject({ status: 'active', current_version: 'v1.1' });
    const files = await stranger.api.get(`${base}/uploads`).expect(200);
    expect(files.body.files).toEqual([]);
  });

  it("never waits for or takes the lock of someone else's project", async () => {
    const stranger = await aSignedInUser(testApp.http);
    const { id } = await aProject(owner.api);
    await saveVersion(owner.api, id).expect(201);
    const base = `/api/v1/projects/${id}`;
    // The owner is in the middle of a write: the project's lock is held.
    const redis = testApp.app.get(Redis);
    const lockKey = `lock:project:${id}`;
    await redis.set(lockKey, 'owner-write-in-progress', 'PX', 60_000);

    const refused = await Promise.all([
      stranger.api.patch(base).send({ project_name: 'Mine now' }),
      stranger.api.patch(base).send({ status: 'archived' }),
      stranger.api.delete(base),
      saveVersion(stranger.api, id),
      stranger.api.post(`${base}/rollback`).send({ version: 'v1.0' }),
    ]);
    // Before the owner check moved ahead of the lock, these queued behind it and ended in 503.
    expect(refused.map((res) => [res.status, (res.body as { code?: string }).code])).toEqual(
      refused.map(() => [404, 'NOT_FOUND']),
    );
    expect(await redis.get(lockKey)).toBe('owner-write-in-progress');
    await redis.del(lockKey);
  }, 60_000);

  it("keeps the owner's saves working while a stranger hammers the project's id", async () => {
    const stranger = await aSignedInUser(testApp.http);
    const { id } = await aProject(owner.api);
    const base = `/api/v1/projects/${id}`;
    let saving = true;
    const strangerStatuses = new Set<number>();
    const hammer = async (): Promise<void> => {
      while (saving) {
        const res = await (Math.random() < 0.5
          ? stranger.api.patch(base).send({ project_name: 'Mine now' })
          : stranger.api.delete(base));
        strangerStatuses.add(res.status);
      }
    };
    const hammers = Array.from({ length: 24 }, hammer);
    const saves: number[] = [];
    try {
      for (let i = 0; i < 6; i += 1) {
        saves.push((await saveVersion(owner.api, id, { changes: `Save ${i}` })).status);
      }
    } finally {
      saving = false;
      await Promise.all(hammers);
    }
    expect(saves).toEqual([201, 201, 201, 201, 201, 201]);
    expect([...strangerStatuses]).toEqual([404]);
    const own = await owner.api.get(base).expect(200);
    expect(own.body.project).toMatchObject({ status: 'active', current_version: 'v1.5' });
  }, 120_000);

  it('treats a malformed or unknown id as not found', async () => {
    for (const id of ['not-an-id', '64f5a1b2c3d4e5f6789012ab', '1234567890ab']) {
      const res = await owner.api.get(`/api/v1/projects/${id}`).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });
});
