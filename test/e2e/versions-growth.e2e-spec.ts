import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aPhoneNumber, aSignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import {
  aProject,
  fieldNames,
  pluck,
  PROJECT_TEST_ENV,
  saveVersion,
} from '@test/support/factories/projects';

const QUOTA = 5;
const SAVES_PER_HOUR = 8;
const PROFILES_PER_MINUTE = 3;

/** What a user can make the service store or serve is bounded: rate limits, a quota, pages. */
describe('Unbounded growth: version saves, version lists and profiles are bounded', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      VERSIONS_MAX_PER_PROJECT: String(QUOTA),
      RATE_LIMIT_VERSIONS_PER_HOUR: String(SAVES_PER_HOUR),
      RATE_LIMIT_PROFILES_PER_MINUTE: String(PROFILES_PER_MINUTE),
    });
  });
  afterAll(() => testApp.close());

  /** `count` manual saves on a new project of `api`'s user, labelled "Save 0", "Save 1", … */
  async function aProjectWithVersions(api: Parameters<typeof aProject>[0], count: number) {
    const { id, sessionId, body } = await aProject(api);
    for (let i = 0; i < count; i += 1) {
      await saveVersion(api, id, { changes: `Save ${i}` }).expect(201);
    }
    return { id, sessionId, body };
  }

  it('pages the version list with limit and cursor, newest first, each version once', async () => {
    const owner = await aSignedInUser(testApp.http);
    const { id } = await aProjectWithVersions(owner.api, QUOTA);
    const versions = `/api/v1/projects/${id}/versions`;

    // A client that knows nothing of pages gets the whole of a small history, as before.
    const whole = await owner.api.get(versions).expect(200);
    expect(pluck(whole.body.versions, 'version')).toEqual(['v1.4', 'v1.3', 'v1.2', 'v1.1', 'v1.0']);
    expect(whole.body).toMatchObject({ next_cursor: null, has_more: false });
    expect(whole.body.versions[0]).toEqual({
      version: 'v1.4',
      timestamp: expect.any(String),
      changes: 'Save 4',
      prd_url: expect.any(String),
      flowchart_url: expect.any(String),
      author: { kind: 'user', id: owner.id },
      // A person's save: no model wrote it.
      model_used: null,
      tokens_used: null,
      cost_usd: null,
    });

    const pages: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 2 };
      if (cursor !== null) query.cursor = cursor;
      const page = await owner.api.get(versions).query(query).expect(200);
      pages.push(pluck(page.body.versions, 'version'));
      expect(page.body.has_more).toBe(page.body.next_cursor !== null);
      cursor = page.body.next_cursor as string | null;
    } while (cursor !== null);
    expect(pages).toEqual([['v1.4', 'v1.3'], ['v1.2', 'v1.1'], ['v1.0']]);

    for (const query of [{ limit: 0 }, { limit: 101 }, { limit: 'ten' }, { cursor: 'latest' }]) {
      const bad = await owner.api.get(versions).query(query).expect(400);
      expect([...new Set(fieldNames(bad.body))]).toEqual(Object.keys(query));
    }
  });

  it('refuses a save beyond the per-project quota with 409 QUOTA_EXCEEDED, for people and agents', async () => {
    const owner = await aSignedInUser(testApp.http);
    const full = await aProjectWithVersions(owner.api, QUOTA);

    const refused = await saveVersion(owner.api, full.id, { changes: 'One too many' }).expect(409);
    expect(refused.body).toEqual({
      error: expect.stringContaining(`${QUOTA} versions`),
      code: 'QUOTA_EXCEEDED',
      limit: QUOTA,
      request_id: expect.any(String),
    });
    // Nothing was half-saved, and the history still moves: a rollback needs no new version.
    const list = await owner.api.get(`/api/v1/projects/${full.id}/versions`).expect(200);
    expect(list.body.versions).toHaveLength(QUOTA);
    await owner.api
      .post(`/api/v1/projects/${full.id}/rollback`)
      .send({ version: 'v1.0' })
      .expect(200);

    // The agent's save counts too: its task ends in error with the same code.
    const answers = answersTo(full.body.clarification_questions, (q) => `About ${q.lens}`);
    const accepted = await owner.api
      .post(`/api/v1/projects/${full.id}/clarifications`)
      .send({ session_id: full.sessionId, answers })
      .expect(202);
    const done = await waitForTask(owner.api, full.id, accepted.body.task_id);
    expect(done).toMatchObject({ status: 'error', error: { error_code: 'QUOTA_EXCEEDED' } });

    // Another project of the same owner has its own quota.
    const other = await aProject(owner.api);
    await saveVersion(owner.api, other.id).expect(201);
  });

  it('rate limits manual saves per user with 429 and Retry-After, reads untouched', async () => {
    const owner = await aSignedInUser(testApp.http);
    const a = await aProjectWithVersions(owner.api, QUOTA);
    const b = await aProjectWithVersions(owner.api, SAVES_PER_HOUR - QUOTA);

    const limited = await saveVersion(owner.api, b.id).expect(429);
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await owner.api.get(`/api/v1/projects/${a.id}/versions`).expect(200);
    // Per user: someone else still saves.
    const other = await aSignedInUser(testApp.http);
    await aProjectWithVersions(other.api, 1);
  });

  it("shows another user's profile without contact details, your own with them, rate limited", async () => {
    const viewer = await aSignedInUser(testApp.http, { phone_number: aPhoneNumber() });
    const other = await aSignedInUser(testApp.http, { phone_number: aPhoneNumber() });

    const theirs = await viewer.api.get(`/api/v1/users/${other.id}`).expect(200);
    expect(theirs.body).toEqual({
      id: other.id,
      email: null,
      full_name: other.full_name,
      avatar_url: null,
      is_active: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const mine = await viewer.api.get(`/api/v1/users/${viewer.id}`).expect(200);
    expect(mine.body).toMatchObject({
      id: viewer.id,
      email: viewer.email,
      phone_number: viewer.phone_number,
    });

    await viewer.api.get(`/api/v1/users/${other.id}`).expect(200);
    const limited = await viewer.api.get(`/api/v1/users/${other.id}`).expect(429);
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    // /users/me is not in the group.
    await viewer.api.get('/api/v1/users/me').expect(200);
  });
});
