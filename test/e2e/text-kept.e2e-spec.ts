import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, aUser, SignedInUser } from '@test/support/factories';
import {
  aProject,
  fieldNames,
  PROJECT_TEST_ENV,
  saveVersion,
} from '@test/support/factories/projects';
import { STALL_BOUND_MS, whileProbingHealth } from '@test/support/responsiveness';

/** Just under the 1 MB JSON limit, so the body is parsed and reaches validation. */
const HOSTILE = '<a'.repeat(500_000);
const IDEA =
  'A tool for clinics.\n\nIt must answer in <5 min … "quotes" & \'apostrophes\' 🩺\r\n\ttabbed';

describe('Text is kept byte for byte, and hostile text is cheap to refuse', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('refuses a megabyte of "<a" as full_name at registration, with no account, without freezing the server', async () => {
    const probed = await whileProbingHealth(testApp.http, () =>
      testApp.http.post('/api/v1/auth/register').send(aUser({ full_name: HOSTILE })),
    );
    expect(probed.result.status).toBe(400);
    expect(fieldNames(probed.result.body)).toEqual(['full_name']);
    expect(probed.healthAnswers).toBeGreaterThan(0);
    expect(probed.longestStallMs).toBeLessThan(STALL_BOUND_MS);
  });

  it('refuses a megabyte of "<a" as an idea without freezing the server', async () => {
    const probed = await whileProbingHealth(testApp.http, () =>
      owner.api.post('/api/v1/projects').send({ initial_idea: HOSTILE }),
    );
    expect(probed.result.status).toBe(400);
    expect(fieldNames(probed.result.body)).toEqual(['initial_idea']);
    expect(probed.healthAnswers).toBeGreaterThan(0);
    expect(probed.longestStallMs).toBeLessThan(STALL_BOUND_MS);
  });

  it('returns an idea with line breaks, angle brackets, quotes and emoji exactly as sent (JSON and multipart)', async () => {
    const json = await owner.api.post('/api/v1/projects').send({ initial_idea: IDEA }).expect(201);
    const multipart = await aProject(owner.api, {
      initial_idea: IDEA,
      project_name: '<Clinic> "triage" 🩺',
    });
    for (const id of [json.body.project_id as string, multipart.id]) {
      const res = await owner.api.get(`/api/v1/projects/${id}`).expect(200);
      expect(res.body.project.initial_idea).toBe(IDEA);
    }
    const named = await owner.api.get(`/api/v1/projects/${multipart.id}`).expect(200);
    expect(named.body.project.project_name).toBe('<Clinic> "triage" 🩺');
  });

  it('keeps names and version notes as sent', async () => {
    const res = await owner.api
      .put('/api/v1/users/me')
      .send({ full_name: '  Tom <3 Jerry  ' })
      .expect(200);
    expect(res.body.user.full_name).toBe('  Tom <3 Jerry  ');
    const project = await aProject(owner.api);
    const prd = '# PRD\n\n<details>\r\n\t<summary>Keep me</summary>\n</details>\n🙂';
    await saveVersion(owner.api, project.id, {
      prd_content: prd,
      changes: 'Added <b>metrics</b> & "KPIs"',
    }).expect(201);
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions[0].changes).toBe('Added <b>metrics</b> & "KPIs"');
    const current = await owner.api.get(`/api/v1/projects/${project.id}`).expect(200);
    expect(current.body.project.prd_content).toBe(prd);
  });

  it('refuses control characters that would not survive storage, naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/projects', { initial_idea: 'A tool for clinics\u0000 with a NUL' }, 'initial_idea'],
      ['/api/v1/projects', { initial_idea: 'A tool for clinics \ud800 lone' }, 'initial_idea'],
      ['/api/v1/projects', { initial_idea: IDEA, project_name: 'Two\nlines' }, 'project_name'],
      ['/api/v1/projects', { initial_idea: '             ' }, 'initial_idea'],
    ];
    for (const [url, body, field] of cases) {
      const res = await owner.api.post(url).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(fieldNames(res.body)).toEqual([field]);
    }
    const escape = await owner.api
      .put('/api/v1/users/me')
      .send({ full_name: 'Ada\u001b[31m' })
      .expect(400);
    expect(fieldNames(escape.body)).toEqual(['full_name']);
    expect(escape.body.error).toContain('U+001B');
  });
});
