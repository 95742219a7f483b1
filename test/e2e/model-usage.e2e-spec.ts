import { DRAFTED_SECTIONS } from '@/agents/prd/prd-sections';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser, uniqueSuffix } from '@test/support/factories';
import { ONE_OPEN_ANSWER, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';

const NO_MODEL = { model_used: null, tokens_used: null, cost_usd: null };

/** Answers a fresh project's clarifications and waits for its generation. */
async function generated(owner: SignedInUser, idea: string, before: () => void = () => {}) {
  const project = await aProject(owner.api, { initial_idea: idea });
  before();
  const accepted = await owner.api
    .post(`/api/v1/projects/${project.id}/clarifications`)
    .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
    .expect(202);
  const status = await waitForTask(owner.api, project.id, accepted.body.task_id as string);
  expect(status.status).toBe('completed');
  return { id: project.id, result: status.result! };
}

describe('model_used, tokens and cost on versions, task results and projects (offline)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('the offline drafter says "offline"; a person\'s save says nothing; rollback brings it back', async () => {
    const project = await generated(owner, `A rota planner for volunteer choirs ${uniqueSuffix()}`);
    const usage = {
      model_used: 'offline',
      tokens_used: project.result.tokens_used,
      cost_usd: 0,
    };
    expect(usage.tokens_used).toEqual(expect.any(Number));
    expect(usage.tokens_used).toBeGreaterThan(0);
    expect(project.result).toMatchObject(usage);

    const detail = await owner.api.get(`/api/v1/projects/${project.id}`).expect(200);
    expect(detail.body.project).toMatchObject(usage);
    expect(detail.body.project.version_history).toEqual([
      expect.objectContaining({ version: 'v1.0', ...usage }),
    ]);

    const saved = await saveVersion(owner.api, project.id, { changes: 'Edited by hand' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 'v1.1', ...NO_MODEL });
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions).toEqual([
      expect.objectContaining({ version: 'v1.1', ...NO_MODEL }),
      expect.objectContaining({ version: 'v1.0', ...usage }),
    ]);
    const row = async () => {
      const list = await owner.api.get('/api/v1/projects?limit=100').expect(200);
      return (list.body.projects as { id: string }[]).find((entry) => entry.id === project.id);
    };
    expect(await row()).toMatchObject(NO_MODEL);

    await owner.api
      .post(`/api/v1/projects/${project.id}/rollback`)
      .send({ version: 'v1.0' })
      .expect(200);
    expect(await row()).toMatchObject(usage);

    const think = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({ mode: 'think', message: 'Which lens is weakest?' })
      .expect(202);
    const answered = await waitForTask(owner.api, project.id, think.body.task_id as string);
    expect(answered.result).toMatchObject({
      mode: 'think',
      model_used: 'offline',
      tokens_used: expect.any(Number),
      cost_usd: 0,
    });
  });

  it('a project with no version yet has none', async () => {
    const project = await aProject(owner.api);
    const detail = await owner.api.get(`/api/v1/projects/${project.id}`).expect(200);
    expect(detail.body.project).toMatchObject(NO_MODEL);
  });
});

describe('model_used, tokens and cost with a real model API (OpenAI stub)', () => {
  let bed: LlmTestBed;
  let owner: SignedInUser;

  beforeAll(async () => {
    bed = await createLlmTestBed(PROJECT_TEST_ENV);
    owner = await aSignedInUser(bed.testApp.http);
  });
  afterAll(() => bed.close());

  it("names the model and counts the provider's tokens and their price", async () => {
    const project = await generated(
      owner,
      `A booking tool for mobile bike mechanics ${uniqueSuffix()}`,
      () => {
        // POST /projects asked the stub for its questions; count the generation's calls only.
        bed.openai.reset();
        bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
        bed.openai.enqueue({ text: 'flowchart TD\n  A["Mechanic"] --> B["Booking"]\n' });
      },
    );
    // Every stub answer reports 12 prompt and 8 completion tokens; gpt-4o costs $2.50 / $10 per
    // million. The review's critique (asked after the run, recorded in the review with its own
    // model) is not the writing task's usage.
    const critiques = bed.openai.requests.filter((request) =>
      JSON.stringify(request.body).includes('Critique this PRD.'),
    );
    expect(critiques.length).toBeGreaterThan(0);
    const calls = bed.openai.requests.length - critiques.length;
    expect(calls).toBeGreaterThan(DRAFTED_SECTIONS.length);
    expect(project.result).toMatchObject({ model_used: 'gpt-4o', tokens_used: 20 * calls });
    expect(project.result.cost_usd).toBeCloseTo(calls * (12 * 2.5 + 8 * 10) * 1e-6, 10);
    const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
    expect(versions.body.versions[0]).toMatchObject({
      model_used: 'gpt-4o',
      tokens_used: 20 * calls,
      cost_usd: project.result.cost_usd,
    });
  });
});
