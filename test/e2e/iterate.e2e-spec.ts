import { checkFlowchart } from '@/domain/flowchart/flowchart-parser';
import { splitPrd } from '@/agents/prd/prd-document';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import { aProject, fieldNames, PROJECT_TEST_ENV } from '@test/support/factories/projects';

describe('Iterate: agent mode patches sections into a new version, think mode never writes', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  async function iterate(projectId: string, sessionId: string, mode: string, message: string) {
    const accepted = await owner.api
      .post(`/api/v1/projects/${projectId}/iterate`)
      .send({ mode, message, session_id: sessionId })
      .expect(202);
    expect(accepted.body).toEqual({
      message: 'Processing iteration request',
      task_id: expect.any(String),
      session_id: sessionId,
      session_expires_at: expect.any(String),
    });
    return waitForTask(owner.api, projectId, accepted.body.task_id as string);
  }

  it('agent mode rewrites only the sections the request touches, as v1.1 with one-line changes', async () => {
    const project = await aGeneratedProject(owner.api);
    const done = await iterate(
      project.id,
      project.sessionId,
      'agent',
      'Add payment processing requirements with refunds',
    );
    expect(done.status).toBe('completed');
    const result = done.result as Record<string, string>;
    expect(result.version).toBe('v1.1');
    expect(result.changes).toBe('Add payment processing requirements with refunds');

    const before = splitPrd(project.prd).bodies;
    const after = splitPrd(result.prd_content).bodies;
    expect(after.functional_requirements).toContain(before.functional_requirements);
    expect(after.functional_requirements).toMatch(
      /### FR-\d+ \(P1\): Add payment processing requirements with refunds \(requested in iteration\)/,
    );
    for (const id of Object.keys(before).filter((id) => id !== 'functional_requirements')) {
      expect([id, after[id]]).toEqual([id, before[id]]);
    }
    // Journeys did not change, so neither did the flowchart.
    expect(result.flowchart_content).toBe(project.flowchart);

    const detail = await owner.api.get(`/api/v1/projects/${project.id}`).expect(200);
    expect(detail.body.project.current_version).toBe('v1.1');
    expect(detail.body.project.version_history[0]).toMatchObject({
      version: 'v1.1',
      changes: result.changes,
    });
  });

  it('redraws the flowchart when the journeys change, and it parses', async () => {
    const project = await aGeneratedProject(owner.api);
    const done = await iterate(
      project.id,
      project.sessionId,
      'agent',
      'Add a guest checkout journey',
    );
    const result = done.result as Record<string, string>;
    expect(splitPrd(result.prd_content).bodies.user_journeys).toMatch(
      /### UJ-\d+: Add a guest checkout journey/,
    );
    expect(result.flowchart_content).not.toBe(project.flowchart);
    expect(result.flowchart_content).toContain('Add a guest checkout journey');
    expect(checkFlowchart(result.flowchart_content).ok).toBe(true);
  });

  it('think mode answers from the PRD and saves nothing', async () => {
    const project = await aGeneratedProject(owner.api);
    const done = await iterate(
      project.id,
      project.sessionId,
      'think',
      'What are the main risks here?',
    );
    expect(done.status).toBe('completed');
    expect(done.result).toEqual({
      mode: 'think',
      answer: expect.stringContaining('Nothing was changed'),
      based_on_version: 'v1.0',
      model_used: 'offline',
      tokens_used: expect.any(Number),
      cost_usd: 0,
    });
    expect((done.result as { answer: string }).answer).toMatch(/> .*(risk|Risk)/);
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions).toHaveLength(1);
  });

  it("refuses: no PRD yet (409), bad fields (400), a foreign project (404); another project's session is not used", async () => {
    const fresh = await aProject(owner.api);
    const conflict = await owner.api
      .post(`/api/v1/projects/${fresh.id}/iterate`)
      .send({ mode: 'agent', message: 'Add payments', session_id: fresh.sessionId })
      .expect(409);
    expect(conflict.body.code).toBe('CONFLICT');

    const bad = await owner.api
      .post(`/api/v1/projects/${fresh.id}/iterate`)
      .send({ mode: 'dream', message: '', session_id: fresh.sessionId })
      .expect(400);
    expect(fieldNames(bad.body).sort()).toEqual(['message', 'mode']);

    const generated = await aGeneratedProject(owner.api);
    const elsewhere = await owner.api
      .post(`/api/v1/projects/${generated.id}/iterate`)
      .send({ mode: 'think', message: 'Why?', session_id: fresh.sessionId })
      .expect(202);
    // The session named belongs to another project: the task runs in this project's own.
    expect(elsewhere.body.session_id).toBe(generated.sessionId);
    const stranger = await aSignedInUser(testApp.http);
    await stranger.api
      .post(`/api/v1/projects/${generated.id}/iterate`)
      .send({ mode: 'think', message: 'Why?', session_id: generated.sessionId })
      .expect(404);
  });
});
