import { splitPrd } from '@/agents/prd/prd-document';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import { Storage } from '@/storage/storage';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';

// gtm and risks are left unanswered, so generate leaves both lenses uncovered.
const DETAILED: Record<string, string> = {
  discovery: 'Freelance designers and the small agencies that hire them for short projects',
  user_journey: 'The client posts a brief, shortlists three designers and funds escrow',
  metrics: 'Number of projects paid through escrow each week',
};
const GENERATED: ThinkingLensStatus = {
  discovery: true,
  user_journey: true,
  metrics: true,
  gtm: false,
  risks: false,
};
const GTM_REQUEST = 'Add a go-to-market plan: launch via Product Hunt, $12/month per seat';

describe('Iterate: agent mode recomputes thinking_lens_status for the lenses it writes', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  async function agentIterate(projectId: string, sessionId: string, message: string) {
    const accepted = await owner.api
      .post(`/api/v1/projects/${projectId}/iterate`)
      .send({ mode: 'agent', message, session_id: sessionId })
      .expect(202);
    const done = await waitForTask(owner.api, projectId, accepted.body.task_id as string);
    expect(done.status).toBe('completed');
    return done.result as { prd_content: string; version: string; thinking_lens_status: unknown };
  }

  async function projectLenses(projectId: string): Promise<unknown> {
    const detail = await owner.api.get(`/api/v1/projects/${projectId}`).expect(200);
    return detail.body.project.thinking_lens_status;
  }

  /** The newest version's metadata.json, found through its signed PRD download URL. */
  async function newestVersionMetadata(projectId: string): Promise<Record<string, unknown>> {
    const list = await owner.api.get(`/api/v1/projects/${projectId}/versions`).expect(200);
    const token = new URL(list.body.versions[0].prd_url as string, 'http://x').pathname
      .split('/')
      .pop()!;
    const prdKey = Buffer.from(token, 'base64url').toString('utf8');
    const stored = await testApp.app.get(Storage).get(prdKey.replace('prd.md', 'metadata.json'));
    return JSON.parse(stored.toString('utf8')) as Record<string, unknown>;
  }

  it('a concrete go-to-market request covers gtm; an unrelated one flips nothing', async () => {
    const project = await aGeneratedProject(owner.api, (question) => DETAILED[question.lens] ?? '');
    expect(await projectLenses(project.id)).toEqual(GENERATED);

    const gtm = await agentIterate(project.id, project.sessionId, GTM_REQUEST);
    expect(gtm.version).toBe('v1.1');
    expect(splitPrd(gtm.prd_content).bodies.go_to_market).toMatch(
      /^- Add a go-to-market plan: launch via Product Hunt, \$12\/month per seat/m,
    );
    const covered = { ...GENERATED, gtm: true };
    expect(gtm.thinking_lens_status).toEqual(covered);
    expect(await projectLenses(project.id)).toEqual(covered);
    expect(await newestVersionMetadata(project.id)).toMatchObject({
      version: 'v1.1',
      thinking_lens_status: covered,
    });

    // Only Non-Goals (no lens) is rewritten: every lens keeps its status, risks included.
    const unrelated = await agentIterate(
      project.id,
      project.sessionId,
      'Exclude native desktop apps',
    );
    expect(unrelated.version).toBe('v1.2');
    expect(unrelated.thinking_lens_status).toEqual(covered);
    expect(await projectLenses(project.id)).toEqual(covered);
    expect(await newestVersionMetadata(project.id)).toMatchObject({
      version: 'v1.2',
      thinking_lens_status: covered,
    });
  });
});
