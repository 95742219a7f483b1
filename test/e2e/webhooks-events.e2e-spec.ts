import { DRAFTED_SECTIONS } from '@/agents/prd/prd-sections';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser, uniqueSuffix } from '@test/support/factories';
import { aGeneratedProject, waitForTask, ONE_OPEN_ANSWER } from '@test/support/factories/agents';
import { aConcreteChat } from '@test/support/factories/chats';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aWebhookTo, deliveriesOf, WEBHOOK_TEST_ENV } from '@test/support/factories/webhooks';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { nodeVerifiersFromReadme } from '@test/support/readme-verifiers';
import { ReceivedWebhook, WebhookReceiver } from '@test/support/webhook-receiver';

const OPERATOR_SECRET = 'operator-secret-0123456789';
const { verifyPrdForgeWebhook } = nodeVerifiersFromReadme();
const signedWith = (request: ReceivedWebhook, secret: string): boolean =>
  verifyPrdForgeWebhook(request.rawBody, request.headers['x-prdforge-signature'] as string, secret);

describe('Webhook events fired by the real flows (offline provider)', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;
  let operator: WebhookReceiver;
  let owner: SignedInUser;

  beforeAll(async () => {
    operator = await new WebhookReceiver().start();
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      ...WEBHOOK_TEST_ENV,
      // Long enough that a held request is still open when the test releases it.
      WEBHOOK_TIMEOUT_MS: '30000',
      // Two attempts at once in all, one per endpoint.
      WEBHOOK_CONCURRENCY: '2',
      WEBHOOK_ENDPOINT_CONCURRENCY: '1',
      WEBHOOK_OPERATOR_URLS: operator.url('/operator'),
      WEBHOOK_OPERATOR_SECRET: OPERATOR_SECRET,
    });
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => receiver.close());
  afterAll(async () => {
    await testApp.close();
    await operator.close();
  });

  it('sends project.created, and version.created for a generation, an agent iterate, a manual save and a rollback', async () => {
    const hook = await aWebhookTo(owner.api, receiver.url(), [
      'project.created',
      'version.created',
    ]);
    const project = await aGeneratedProject(owner.api);
    const iterate = (mode: 'agent' | 'think') =>
      owner.api
        .post(`/api/v1/projects/${project.id}/iterate`)
        .send({ mode, message: 'Add refunds to the payment flow', session_id: project.sessionId })
        .expect(202);
    const agent = await iterate('agent');
    expect((await waitForTask(owner.api, project.id, agent.body.task_id)).status).toBe('completed');
    const think = await iterate('think');
    expect((await waitForTask(owner.api, project.id, think.body.task_id)).status).toBe('completed');
    await saveVersion(owner.api, project.id, { changes: 'Manual edit' }).expect(201);
    await owner.api
      .post(`/api/v1/projects/${project.id}/rollback`)
      .send({ version: 'v1.0' })
      .expect(200);

    const requests = await receiver.waitFor(5);
    const seen = requests.map(({ body }) => [
      body.event,
      body.data.source ?? null,
      body.data.version ?? null,
      body.data.current_version ?? null,
    ]);
    // Arrival order is not guaranteed.
    expect(seen).toHaveLength(5);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['project.created', null, null, null],
        ['version.created', 'generation', 'v1.0', 'v1.0'],
        ['version.created', 'iteration', 'v1.1', 'v1.1'],
        ['version.created', 'manual', 'v1.2', 'v1.2'],
        ['version.created', 'rollback', 'v1.0', 'v1.0'],
      ]),
    );
    for (const request of requests) {
      expect(request.body.data).toMatchObject({
        project_id: project.id,
        links: { project: `/api/v1/projects/${project.id}` },
      });
      expect(signedWith(request, hook.secret)).toBe(true);
    }
    const versionCreated = requests.find((request) => request.body.data.source === 'manual')!;
    expect(versionCreated.body.data).toEqual({
      project_id: project.id,
      version: 'v1.2',
      current_version: 'v1.2',
      source: 'manual',
      links: {
        project: `/api/v1/projects/${project.id}`,
        versions: `/api/v1/projects/${project.id}/versions`,
      },
    });
    // Ids and links only: no PRD text travels.
    expect(
      requests.some((request) => request.rawBody.toString().includes(project.prd.slice(0, 40))),
    ).toBe(false);
  });

  it('sends chat.converted once however often, and at once, a chat is converted', async () => {
    const hook = await aWebhookTo(owner.api, receiver.url(), ['chat.converted']);
    const chatId = await aConcreteChat(owner.api);
    const convert = () =>
      owner.api.post(`/api/v1/chats/${chatId}/convert-to-project`).send({}).expect(201);
    const [first, second] = await Promise.all([convert(), convert()]);
    await convert();
    expect(second.body.project_id).toBe(first.body.project_id);

    const [request] = await receiver.waitFor(1);
    expect(request.body.data).toEqual({
      chat_id: chatId,
      project_id: first.body.project_id,
      links: {
        chat: `/api/v1/chats/${chatId}`,
        project: `/api/v1/projects/${first.body.project_id}`,
      },
    });
    expect(signedWith(request, hook.secret)).toBe(true);
    // The delivery log is the record of what was published: one event for three conversions.
    expect(await deliveriesOf(owner.api, hook.id)).toHaveLength(1);
  });

  it('sends only the events an endpoint subscribed to, and nothing to another account', async () => {
    const hook = await aWebhookTo(owner.api, receiver.url(), ['version.created']);
    const other = await aSignedInUser(testApp.http);
    const mine = await aProject(owner.api);
    await aProject(other.api);
    await saveVersion(owner.api, mine.id).expect(201);

    const [request] = await receiver.waitFor(1);
    expect(request.body).toMatchObject({
      event: 'version.created',
      data: { project_id: mine.id, source: 'manual' },
    });
    // Events are recorded before the request that fires them answers: one delivery, no more.
    expect(await deliveriesOf(owner.api, hook.id)).toHaveLength(1);
  });

  it('answers the request that fired an event while the receiver still holds the delivery open', async () => {
    receiver.reply('hang');
    await aWebhookTo(owner.api, receiver.url(), ['project.created', 'version.created']);
    const project = await aProject(owner.api);
    const held = await receiver.nextHeld();

    // Both answer although the first delivery has not been answered (and cannot be until the
    // test releases it): nothing on the request path waits for a receiver.
    const second = await aProject(owner.api);
    await saveVersion(owner.api, second.id).expect(201);
    expect(project.id).not.toBe(second.id);
    held.release(200);
    const requests = await receiver.waitFor(3);
    expect(requests.map((request) => request.body.event).sort()).toEqual([
      'project.created',
      'project.created',
      'version.created',
    ]);
  });

  it('gives a hanging receiver one attempt at a time, so other endpoints keep getting theirs', async () => {
    const stuck = await new WebhookReceiver().start();
    try {
      stuck.always('hang');
      const other = await aSignedInUser(testApp.http);
      await aWebhookTo(other.api, stuck.url(), ['project.created']);
      await aWebhookTo(owner.api, receiver.url(), ['project.created']);
      for (let i = 0; i < 3; i++) await aProject(other.api);
      const held = await stuck.nextHeld();

      // The stuck endpoint has its one attempt in flight and its other two wait their turn,
      // so the second worker slot is free for this account's delivery.
      const mine = await aProject(owner.api);
      const [request] = await receiver.waitFor(1);
      expect(request.body.data.project_id).toBe(mine.id);
      expect(stuck.received).toHaveLength(1);
      stuck.always(200);
      held.release(200);
      await stuck.waitFor(3);
    } finally {
      await stuck.close();
    }
  });

  it("sends user.created to the operator's URLs, signed with the operator's secret", async () => {
    const user = await aSignedInUser(testApp.http, { email: `op-${uniqueSuffix()}@example.com` });
    let request: ReceivedWebhook | undefined;
    for (let count = 1; !request; count++) {
      const received = await operator.waitFor(count);
      request = received.find((entry) => entry.body.data.user_id === user.id);
    }
    expect(request.path).toBe('/operator');
    expect(request.headers['x-prdforge-event']).toBe('user.created');
    expect(request.body).toEqual({
      event: 'user.created',
      timestamp: expect.any(String),
      data: {
        user_id: user.id,
        created_at: expect.any(String),
        links: { user: `/api/v1/users/${user.id}` },
      },
      delivery_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // No personal data: the email is not in the body.
    expect(request.rawBody.toString()).not.toContain(user.email!);
    expect(signedWith(request, OPERATOR_SECRET)).toBe(true);
    // Accounts cannot subscribe to it.
    await owner.api
      .post('/api/v1/webhooks')
      .send({ url: receiver.url(), events: ['user.created'] })
      .expect(400);
  });
});

describe('generation.failed when an agent task fails for good (OpenAI stub)', () => {
  let bed: LlmTestBed;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    bed = await createLlmTestBed({ ...PROJECT_TEST_ENV, ...WEBHOOK_TEST_ENV });
  });
  afterAll(async () => {
    await bed.close();
    await receiver.close();
  });

  it('sends generation.failed with the task and its error code, once', async () => {
    const owner = await aSignedInUser(bed.testApp.http);
    const hook = await aWebhookTo(owner.api, receiver.url(), [
      'generation.failed',
      'version.created',
    ]);
    const project = await aProject(owner.api, {
      initial_idea: `A booking tool for dog groomers number ${uniqueSuffix()}`,
    });
    bed.openai.reset();
    bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
    // A flowchart that stays broken however often it is repaired: the task cannot succeed.
    bed.openai.enqueue(
      {
        text: 'flowchart TD\n  Start([Client arrives]) --> Brief[Post a brief (draft)]\n  Brief -->',
      },
      { times: 10 },
    );
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    const taskId = accepted.body.task_id as string;
    expect((await waitForTask(owner.api, project.id, taskId)).status).toBe('error');

    const [request] = await receiver.waitFor(1);
    expect(request.body).toMatchObject({
      event: 'generation.failed',
      data: {
        project_id: project.id,
        task_id: taskId,
        task: 'generate',
        error_code: 'FLOWCHART_INVALID',
        links: {
          project: `/api/v1/projects/${project.id}`,
          status: `/api/v1/projects/${project.id}/generation-status/${taskId}`,
        },
      },
    });
    expect(signedWith(request, hook.secret)).toBe(true);
    // No version was written, and the failure is reported once.
    const project2 = await aProject(owner.api);
    await saveVersion(owner.api, project2.id).expect(201);
    const requests = await receiver.waitFor(2);
    expect(requests.map((entry) => entry.body.event)).toEqual([
      'generation.failed',
      'version.created',
    ]);
  });
});
