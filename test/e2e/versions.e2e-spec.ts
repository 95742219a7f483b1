import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import {
  aProject,
  downloadBytes,
  fieldNames,
  pluck,
  PROJECT_TEST_ENV,
  saveVersion,
} from '@test/support/factories/projects';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { Storage } from '@/storage/storage';

const ALL_LENSES = { discovery: true, user_journey: true, metrics: true, gtm: true, risks: true };

describe('Versions: save, list, rollback, diff (real app, real services)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let projectId: string;
  const base = (): string => `/api/v1/projects/${projectId}`;
  const download = async (url: string): Promise<string> => {
    const res = await downloadBytes(testApp.http, url).expect(200);
    return (res.body as Buffer).toString('utf8');
  };
  const currentCopy = async (file: string): Promise<string> =>
    (
      await testApp.app.get(Storage).get(`test/projects/${owner.id}/${projectId}/current/${file}`)
    ).toString('utf8');

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
    projectId = (await aProject(owner.api)).id;
  });
  afterAll(() => testApp.close());

  it('saves immutable versions v1.0, v1.1, … and lists them newest first with download URLs', async () => {
    const first = await saveVersion(owner.api, projectId, {
      prd_content: '# PRD v0',
      flowchart_content: 'graph TD\n  A --> B\n',
      changes: 'Initial draft',
    }).expect(201);
    expect(first.body).toEqual({
      version: 'v1.0',
      timestamp: expect.stringMatching(/Z$/),
      changes: 'Initial draft',
      model_used: null,
      tokens_used: null,
      cost_usd: null,
      author: { kind: 'user', id: owner.id },
      current_version: 'v1.0',
    });
    await saveVersion(owner.api, projectId, {
      prd_content: '# PRD v1',
      flowchart_content: 'graph TD\n  A --> C\n',
      changes: 'Added <b>metrics</b> section',
    }).expect(201);

    const list = await owner.api.get(`${base()}/versions`).expect(200);
    expect(list.body.versions).toEqual([
      {
        version: 'v1.1',
        timestamp: expect.any(String),
        changes: 'Added <b>metrics</b> section',
        model_used: null,
        tokens_used: null,
        cost_usd: null,
        prd_url: expect.stringContaining('/api/v1/files/'),
        flowchart_url: expect.stringContaining('/api/v1/files/'),
        author: { kind: 'user', id: owner.id },
      },
      expect.objectContaining({ version: 'v1.0', changes: 'Initial draft' }),
    ]);
    expect(await download(list.body.versions[1].prd_url)).toBe('# PRD v0');
    expect(await download(list.body.versions[1].flowchart_url)).toBe('graph TD\n  A --> B\n');
    expect(await download(list.body.versions[0].prd_url)).toBe('# PRD v1');
    expect(await currentCopy('prd.md')).toBe('# PRD v1');
    expect(await currentCopy('flowchart.mmd')).toBe('graph TD\n  A --> C\n');
  });

  it('writes prd.md, flowchart.mmd and metadata.json under versions/{timestamp}/', async () => {
    await saveVersion(owner.api, projectId, { changes: 'Keys' }).expect(201);
    const storage = testApp.app.get(Storage);
    const list = await owner.api.get(`${base()}/versions`).expect(200);
    const token = new URL(list.body.versions[0].prd_url as string, 'http://x').pathname
      .split('/')
      .pop()!;
    const prdKey = Buffer.from(token, 'base64url').toString('utf8');
    expect(prdKey).toMatch(
      new RegExp(
        `^test/projects/${owner.id}/${projectId}/versions/\\d{8}T\\d{9}Z_v1\\.0/prd\\.md$`,
      ),
    );
    const metadata = JSON.parse(
      (await storage.get(prdKey.replace('prd.md', 'metadata.json'))).toString('utf8'),
    );
    expect(metadata).toMatchObject({
      project_id: projectId,
      version: 'v1.0',
      changes: 'Keys',
      author: { kind: 'user', id: owner.id },
      prd_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('rolls back to an earlier version, keeps the history, and gives the next save a new label', async () => {
    await saveVersion(owner.api, projectId, {
      prd_content: '# A',
      changes: 'A',
      thinking_lens_status: { ...ALL_LENSES, gtm: false },
    }).expect(201);
    await saveVersion(owner.api, projectId, {
      prd_content: '# B',
      changes: 'B',
      thinking_lens_status: ALL_LENSES,
    }).expect(201);
    await saveVersion(owner.api, projectId, { prd_content: '# C', changes: 'C' }).expect(201);

    const rolled = await owner.api.post(`${base()}/rollback`).send({ version: 'v1.0' }).expect(200);
    expect(rolled.body).toEqual({
      message: 'Successfully rolled back to v1.0',
      current_version: 'v1.0',
    });
    const project = (await owner.api.get(base()).expect(200)).body.project;
    expect(project).toMatchObject({
      current_version: 'v1.0',
      prd_content: '# A',
      thinking_lens_status: { ...ALL_LENSES, gtm: false },
    });
    expect(pluck(project.version_history, 'version')).toEqual(['v1.2', 'v1.1', 'v1.0']);
    expect(await currentCopy('prd.md')).toBe('# A');

    const next = await saveVersion(owner.api, projectId, {
      prd_content: '# D',
      changes: 'D',
    }).expect(201);
    expect(next.body).toMatchObject({ version: 'v1.3', current_version: 'v1.3' });
    // A save without a lens status keeps the current one (v1.0's, after the rollback).
    const after = (await owner.api.get(base()).expect(200)).body.project;
    expect(after).toMatchObject({
      current_version: 'v1.3',
      prd_content: '# D',
      thinking_lens_status: { gtm: false },
    });

    await owner.api.post(`${base()}/rollback`).send({ version: 'v1.2' }).expect(200);
    expect(await currentCopy('prd.md')).toBe('# C');
    const list = await owner.api.get(`${base()}/versions`).expect(200);
    expect(list.body.versions).toHaveLength(4);
  });

  it('refuses a rollback to a missing or malformed version', async () => {
    await saveVersion(owner.api, projectId).expect(201);
    const missing = await owner.api
      .post(`${base()}/rollback`)
      .send({ version: 'v1.7' })
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', error: 'Version v1.7 not found' });
    for (const version of ['1.0', 'v2', 'latest', '']) {
      const res = await owner.api.post(`${base()}/rollback`).send({ version }).expect(400);
      expect(fieldNames(res.body)).toEqual(['version']);
    }
    await owner.api.post(`${base()}/rollback`).send({}).expect(400);
    await owner.api.patch(base()).send({ status: 'archived' }).expect(200);
    await owner.api.post(`${base()}/rollback`).send({ version: 'v1.0' }).expect(409);
  });

  it('refuses an invalid save, naming the field', async () => {
    for (const [body, field] of [
      [{ prd_content: '', flowchart_content: '', changes: 'x' }, 'prd_content'],
      [{ prd_content: '# x', changes: 'x' }, 'flowchart_content'],
      [{ prd_content: '# x', flowchart_content: '', changes: 'x'.repeat(201) }, 'changes'],
      [
        { prd_content: '# x', flowchart_content: 'graph TD\n  A[Open --> B', changes: 'x' },
        'flowchart_content',
      ],
      [
        {
          prd_content: '# x',
          flowchart_content: '',
          changes: 'ok',
          thinking_lens_status: { discovery: 'yes' },
        },
        'thinking_lens_status.discovery',
      ],
    ] as const) {
      const res = await owner.api.post(`${base()}/versions`).send(body).expect(400);
      expect(fieldNames(res.body)).toContain(field);
    }
    const list = await owner.api.get(`${base()}/versions`).expect(200);
    expect(list.body.versions).toEqual([]);
  });

  it('diffs the PRD between two versions (unified diff)', async () => {
    await saveVersion(owner.api, projectId, {
      prd_content: '# PRD\n\n## Discovery\nFreelancers.\n',
    }).expect(201);
    await saveVersion(owner.api, projectId, {
      prd_content: '# PRD\n\n## Discovery\nFreelancers and agencies.\n\n## Metrics\nGMV.\n',
      changes: 'Metrics',
    }).expect(201);
    const res = await owner.api.get(`${base()}/versions/v1.0/diff/v1.1`).expect(200);
    expect(res.body).toMatchObject({
      from: 'v1.0',
      to: 'v1.1',
      additions: 4,
      deletions: 1,
      too_different: false,
    });
    const diff = res.body.diff as string;
    expect(diff).toContain('--- v1.0/prd.md');
    expect(diff).toContain('+++ v1.1/prd.md');
    expect(diff).toContain('\n-Freelancers.\n');
    expect(diff).toContain('\n+Freelancers and agencies.\n');
    expect(diff).toContain('\n+## Metrics\n');

    const backwards = await owner.api.get(`${base()}/versions/v1.1/diff/v1.0`).expect(200);
    expect(backwards.body).toMatchObject({ additions: 1, deletions: 4 });
    const same = await owner.api.get(`${base()}/versions/v1.1/diff/v1.1`).expect(200);
    expect(same.body).toMatchObject({ additions: 0, deletions: 0 });

    const missing = await owner.api.get(`${base()}/versions/v1.0/diff/v1.5`).expect(404);
    expect(missing.body.error).toBe('Version v1.5 not found');
    const malformed = await owner.api.get(`${base()}/versions/latest/diff/v1.0`).expect(404);
    expect(malformed.body.error).toBe('Version not found');
  });

  it('gives concurrent saves distinct labels, loses none, and ends on the newest', async () => {
    const saves = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        saveVersion(owner.api, projectId, { prd_content: `# Draft ${n}`, changes: `Save ${n}` }),
      ),
    );
    expect(saves.map((res) => res.status)).toEqual(Array(12).fill(201));
    const labels = saves.map((res) => res.body.version as string);
    expect(new Set(labels).size).toBe(12);
    expect([...labels].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))).toEqual(
      Array.from({ length: 12 }, (_, n) => `v1.${n}`),
    );

    const list = await owner.api.get(`${base()}/versions`).expect(200);
    expect(pluck(list.body.versions, 'version')).toEqual(
      Array.from({ length: 12 }, (_, n) => `v1.${11 - n}`),
    );
    const newest = saves.find((res) => res.body.version === 'v1.11')!;
    const project = (await owner.api.get(base()).expect(200)).body.project;
    expect(project.current_version).toBe('v1.11');
    expect(project.prd_content).toBe(`# Draft ${saves.indexOf(newest)}`);
    expect(await currentCopy('prd.md')).toBe(project.prd_content);
    const listed = await owner.api.get('/api/v1/projects').expect(200);
    expect(listed.body.projects[0]).toMatchObject({ id: projectId, current_version: 'v1.11' });
  });

  it('keeps a rename made while saves are running (the project document has one writer at a time)', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, n) =>
        saveVersion(owner.api, projectId, { changes: `Save ${n}` }),
      ),
      owner.api.patch(base()).send({ project_name: 'Renamed mid-flight' }),
    ]);
    expect(results.map((res) => res.status)).toEqual([201, 201, 201, 201, 201, 201, 200]);
    const project = (await owner.api.get(base()).expect(200)).body.project;
    expect(project).toMatchObject({ project_name: 'Renamed mid-flight', current_version: 'v1.5' });
  });

  it('takes the next free number when the counter lags behind the versions', async () => {
    await saveVersion(owner.api, projectId, { changes: 'A' }).expect(201);
    await saveVersion(owner.api, projectId, { changes: 'B' }).expect(201);
    // What a lost `$inc` on a store without atomic updates would leave behind.
    const projects = testApp.app.get<Connection>(getConnectionToken()).collection('projects');
    await projects.updateOne(
      { _id: new Types.ObjectId(projectId) },
      { $set: { next_version_seq: 0 } },
    );
    const saved = await saveVersion(owner.api, projectId, { changes: 'C' }).expect(201);
    expect(saved.body.version).toBe('v1.2');
    const list = await owner.api.get(`${base()}/versions`).expect(200);
    expect(pluck(list.body.versions, 'changes')).toEqual(['C', 'B', 'A']);
  });
});

describe('Versions when storage fails', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, STORAGE_LOCAL_DIR: '/dev/null/objects' });
  });
  afterAll(() => testApp.close());

  it('leaves no half-written version, visible or current', async () => {
    const owner = await aSignedInUser(testApp.http);
    const { id } = await aProject(owner.api);
    const failed = await saveVersion(owner.api, id);
    expect(failed.status).toBe(500);
    const versions = await owner.api.get(`/api/v1/projects/${id}/versions`).expect(200);
    expect(versions.body.versions).toEqual([]);
    const project = (await owner.api.get(`/api/v1/projects/${id}`).expect(200)).body.project;
    expect(project).toMatchObject({
      current_version: null,
      prd_content: null,
      version_history: [],
    });
    await owner.api.post(`/api/v1/projects/${id}/rollback`).send({ version: 'v1.0' }).expect(404);
  });
});
