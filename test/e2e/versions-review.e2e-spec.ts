import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { splitPrd } from '@/agents/prd/prd-document';
import { checkFlowchart } from '@/domain/flowchart/flowchart-parser';
import { Storage } from '@/storage/storage';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aWeakenedVersion } from '@test/support/factories/weak-prd';

const CHECKS = [
  'sections',
  'requirements_named',
  'acceptance_testable',
  'acceptance_specific',
  'metrics_measurable',
  'no_duplicates',
  'journeys_flowchart',
  'assumptions_listed',
  'gaps_open',
  'lens_evidence',
  'answers_used',
];

interface ReviewBody {
  version: string;
  score: number;
  checklist: { id: string; points: number; max_points: number }[];
  findings: { id: string; severity: string; section: string; message: string }[];
  critique: unknown;
  critique_status: string;
  critique_error: string | null;
  reviewed_at: string;
}

describe('Version reviews: every saved version is reviewed and its review served', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  const reviewOf = async (projectId: string, version: string): Promise<ReviewBody> =>
    (await owner.api.get(`/api/v1/projects/${projectId}/versions/${version}/review`).expect(200))
      .body as ReviewBody;

  /** metadata.json of a version, as stored next to its prd.md. */
  async function metadataOf(projectId: string, version: string): Promise<Record<string, unknown>> {
    const record = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('project_versions')
      .findOne({ version, project_id: new Types.ObjectId(projectId) });
    const raw = await testApp.app.get(Storage).get(record!.metadata_key as string);
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }

  it('reviews a generated version: the checklist, its score and findings, kept in metadata.json', async () => {
    const project = await aGeneratedProject(owner.api);
    const review = await reviewOf(project.id, 'v1.0');
    expect(review).toEqual({
      version: 'v1.0',
      score: expect.any(Number),
      checklist: expect.any(Array),
      findings: expect.any(Array),
      critique: null,
      critique_status: 'not_configured',
      critique_error: null,
      reviewed_at: expect.any(String),
    });
    expect(review.checklist.map((item) => item.id)).toEqual(CHECKS);
    expect(review.score).toBe(
      Math.round(review.checklist.reduce((sum, item) => sum + item.points, 0)),
    );
    expect(review.score).toBeGreaterThanOrEqual(90);
    // "current" is the current version's review.
    expect(await reviewOf(project.id, 'current')).toEqual(review);

    const metadata = await metadataOf(project.id, 'v1.0');
    expect({ ...(metadata.review as object), version: 'v1.0' }).toEqual(review);
    // The answers the PRD was written from travel with it, for the review of later versions.
    const answers = metadata.clarification_answers as { answer: string }[];
    expect(answers.length).toBeGreaterThanOrEqual(5);
    expect(answers.filter((answer) => answer.answer !== '').length).toBeGreaterThan(0);
  });

  it('reviews a manual save against the answers of the version it replaces', async () => {
    const project = await aGeneratedProject(owner.api);
    const generated = await reviewOf(project.id, 'v1.0');
    // The same PRD saved by hand: the same answers back it, so the same review.
    await saveVersion(owner.api, project.id, {
      prd_content: project.prd,
      flowchart_content: project.flowchart,
      changes: 'Saved as is',
    }).expect(201);
    const same = await reviewOf(project.id, 'v1.1');
    expect(same.version).toBe('v1.1');
    expect({ ...same, version: 'v1.0', reviewed_at: '' }).toEqual({
      ...generated,
      reviewed_at: '',
    });
    expect((await metadataOf(project.id, 'v1.1')).clarification_answers).toEqual(
      (await metadataOf(project.id, 'v1.0')).clarification_answers,
    );

    // A weak PRD: one requirement without acceptance criteria, a metric without a
    // counter-metric, a journey missing from the flowchart.
    const weak = aWeakenedVersion(project);
    await saveVersion(owner.api, project.id, {
      prd_content: weak.prd,
      flowchart_content: weak.flowchart,
      changes: 'Trimmed',
    }).expect(201);
    const trimmed = await reviewOf(project.id, 'current');
    expect(trimmed.version).toBe('v1.2');
    expect(trimmed.score).toBeLessThan(generated.score);
    expect(trimmed.findings.map((finding) => finding.id)).toEqual(
      expect.arrayContaining([
        'acceptance_testable:FR-1',
        'metrics_measurable:SM-1',
        expect.stringMatching(/^journeys_flowchart:UJ-\d+$/),
      ]),
    );
    expect(trimmed.findings.find((f) => f.id === 'acceptance_testable:FR-1')).toEqual({
      id: 'acceptance_testable:FR-1',
      severity: 'error',
      section: 'Functional Requirements',
      message: 'FR-1 has no testable acceptance criterion (Given … when … then …).',
    });
  });

  it('makes no version on rollback: the version made current keeps its own review', async () => {
    const project = await aGeneratedProject(owner.api);
    const generated = await reviewOf(project.id, 'v1.0');
    await saveVersion(owner.api, project.id, {
      prd_content: '# Notes\n\nNothing yet.\n',
      flowchart_content: project.flowchart,
      changes: 'Scratch',
    }).expect(201);
    expect((await reviewOf(project.id, 'current')).version).toBe('v1.1');
    await owner.api
      .post(`/api/v1/projects/${project.id}/rollback`)
      .send({ version: 'v1.0' })
      .expect(200);
    expect(await reviewOf(project.id, 'current')).toEqual(generated);
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions).toHaveLength(2);
  });

  it('answers 404 for a stranger, an unknown or malformed version, and a project with none yet', async () => {
    const project = await aGeneratedProject(owner.api);
    const base = `/api/v1/projects/${project.id}/versions`;
    const stranger = await aSignedInUser(testApp.http);
    for (const version of ['v1.0', 'current']) {
      const res = await stranger.api.get(`${base}/${version}/review`).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', error: 'Project not found' });
    }
    const unknown = await owner.api.get(`${base}/v1.9/review`).expect(404);
    expect(unknown.body.error).toBe('Version v1.9 not found');
    const malformed = await owner.api.get(`${base}/latest%3Cscript%3E/review`).expect(404);
    expect(malformed.body.error).toBe('Version not found');
    const empty = await aProject(owner.api);
    const none = await owner.api
      .get(`/api/v1/projects/${empty.id}/versions/current/review`)
      .expect(404);
    expect(none.body.error).toBe('The project has no version yet');
  });

  it('reviews an agent-mode iteration, carrying the answers forward', async () => {
    const project = await aGeneratedProject(owner.api);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({ mode: 'agent', message: 'Add a risk about SMS costs', session_id: project.sessionId })
      .expect(202);
    const done = await waitForTask(owner.api, project.id, accepted.body.task_id as string);
    expect(done.status).toBe('completed');
    const review = await reviewOf(project.id, 'v1.1');
    expect(review.checklist.map((item) => item.id)).toEqual(CHECKS);
    expect((await metadataOf(project.id, 'v1.1')).clarification_answers).toEqual(
      (await metadataOf(project.id, 'v1.0')).clarification_answers,
    );
  });
});

describe('Iterate: "fix the review findings" addresses the current version\'s review', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  const reviewOf = async (projectId: string, version: string): Promise<ReviewBody> =>
    (await owner.api.get(`/api/v1/projects/${projectId}/versions/${version}/review`).expect(200))
      .body as ReviewBody;

  async function iterate(projectId: string, sessionId: string, message: string) {
    const accepted = await owner.api
      .post(`/api/v1/projects/${projectId}/iterate`)
      .send({ mode: 'agent', message, session_id: sessionId })
      .expect(202);
    return waitForTask(owner.api, projectId, accepted.body.task_id as string);
  }

  it('fixes a weak manual save: criteria, counter-metric and the journey back in the flowchart', async () => {
    const project = await aGeneratedProject(owner.api);
    const weak = aWeakenedVersion(project);
    await saveVersion(owner.api, project.id, {
      prd_content: weak.prd,
      flowchart_content: weak.flowchart,
      changes: 'Trimmed',
    }).expect(201);
    const before = await reviewOf(project.id, 'v1.1');
    const fixable = [
      'acceptance_testable:FR-1',
      'metrics_measurable:SM-1',
      expect.stringMatching(/^journeys_flowchart:UJ-\d+$/),
    ];
    expect(before.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(fixable));

    const done = await iterate(project.id, project.sessionId, 'Please fix the review findings');
    expect(done.status).toBe('completed');
    const result = done.result as Record<string, string>;
    expect(result.version).toBe('v1.2');
    expect(result.changes).toMatch(/^Fixed the review findings of v1\.1 in /);

    const after = await reviewOf(project.id, 'current');
    expect(after.version).toBe('v1.2');
    expect(after.score).toBeGreaterThan(before.score);
    const ids = after.findings.map((finding) => finding.id);
    expect(ids.filter((id) => /^(acceptance_testable|metrics_measurable):/.test(id))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('journeys_flowchart:'))).toEqual([]);

    // Only the sections the findings name changed.
    const was = splitPrd(weak.prd).bodies;
    const now = splitPrd(result.prd_content).bodies;
    expect(now.functional_requirements).not.toBe(was.functional_requirements);
    expect(now.success_metrics).not.toBe(was.success_metrics);
    for (const id of ['problem_statement', 'user_journeys', 'risks']) {
      expect([id, now[id]]).toEqual([id, was[id]]);
    }
    expect(checkFlowchart(result.flowchart_content).ok).toBe(true);
  });

  it('reviews a version saved before reviews existed, then fixes what it finds', async () => {
    const project = await aGeneratedProject(owner.api);
    const weak = aWeakenedVersion(project);
    await saveVersion(owner.api, project.id, {
      prd_content: weak.prd,
      flowchart_content: weak.flowchart,
      changes: 'Trimmed',
    }).expect(201);
    // metadata.json as it was before reviews: no review.
    const record = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('project_versions')
      .findOne({ version: 'v1.1', project_id: new Types.ObjectId(project.id) });
    const storage = testApp.app.get(Storage);
    const key = record!.metadata_key as string;
    const metadata = JSON.parse((await storage.get(key)).toString('utf8')) as Record<
      string,
      unknown
    >;
    delete metadata.review;
    await storage.put(key, JSON.stringify(metadata), 'application/json');
    await owner.api.get(`/api/v1/projects/${project.id}/versions/v1.1/review`).expect(404);

    const done = await iterate(project.id, project.sessionId, 'fix the review findings');
    expect(done.status).toBe('completed');
    const bodies = splitPrd((done.result as Record<string, string>).prd_content).bodies;
    expect(bodies.functional_requirements).not.toBe(
      splitPrd(weak.prd).bodies.functional_requirements,
    );
    const ids = (await reviewOf(project.id, 'v1.2')).findings.map((finding) => finding.id);
    expect(ids).not.toContain('acceptance_testable:FR-1');
  });

  it('understands variants of the request', async () => {
    const project = await aGeneratedProject(owner.api);
    const weak = aWeakenedVersion(project);
    await saveVersion(owner.api, project.id, {
      prd_content: weak.prd,
      flowchart_content: weak.flowchart,
      changes: 'Trimmed',
    }).expect(201);
    const done = await iterate(
      project.id,
      project.sessionId,
      'Address the findings from the review.',
    );
    expect(done.status).toBe('completed');
    expect((done.result as Record<string, string>).changes).toMatch(/^Fixed the review findings/);
  });

  it('refuses when the review has nothing it can fix, and saves no version', async () => {
    const project = await aGeneratedProject(owner.api);
    // The offline drafter's version: what the checklist still finds (if anything) is not
    // something it can fix without a model, such as a passage shared by two sections.
    const review = await reviewOf(project.id, 'v1.0');
    const fixable =
      /^(sections|acceptance_testable|acceptance_specific|metrics_measurable|journeys_flowchart|gaps_open):/;
    expect(review.findings.filter((finding) => fixable.test(finding.id))).toEqual([]);
    const done = await iterate(project.id, project.sessionId, 'fix the review findings');
    expect(done.status).toBe('error');
    expect(done.error?.error_code).toBe('CONFLICT');
    expect(done.error?.message).toMatch(/review findings of v1\.0/);
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions).toHaveLength(1);
  });
});
