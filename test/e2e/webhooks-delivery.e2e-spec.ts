import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WebhookEndpoint } from '@/webhooks/webhook-endpoint.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import {
  aWebhookTo,
  deliveriesOf,
  settled,
  waitForDeliveries,
  WEBHOOK_TEST_ENV,
} from '@test/support/factories/webhooks';
import {
  hasPython,
  nodeVerifiersFromReadme,
  verifyWithReadmePython,
} from '@test/support/readme-verifiers';
import { eventually } from '@test/support/eventually';
import { scrape } from '@test/support/prometheus';
import { ReceivedWebhook, WebhookReceiver } from '@test/support/webhook-receiver';

const HOUR_MS = 3_600_000;
const TIMED_OUT = `No complete answer within ${WEBHOOK_TEST_ENV.WEBHOOK_TIMEOUT_MS} ms`;

describe('Webhook delivery to a real local receiver', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;
  let owner: SignedInUser;
  const { verifyPrdForgeWebhook, verifyBodySignature } = nodeVerifiersFromReadme();
  const header = (request: ReceivedWebhook): string =>
    request.headers['x-prdforge-signature'] as string;
  const endpoints = (): Model<WebhookEndpoint> =>
    testApp.app.get<Model<WebhookEndpoint>>(getModelToken(WebhookEndpoint.name));

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, ...WEBHOOK_TEST_ENV });
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => receiver.close());
  afterAll(() => testApp.close());

  it('signs each delivery so that the README’s Node and Python code verify it', async () => {
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    const project = await aProject(owner.api);
    const [request] = await receiver.waitFor(1);

    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'PRDForge-Webhooks/1.0',
      'x-prdforge-event': 'project.created',
      'x-prdforge-delivery': request.body.delivery_id,
      'x-prdforge-attempt': '1',
    });
    expect(header(request)).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(request.body).toEqual({
      event: 'project.created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: {
        project_id: project.id,
        session_id: project.sessionId,
        links: { project: `/api/v1/projects/${project.id}` },
      },
      delivery_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const raw = request.rawBody;
    expect(verifyPrdForgeWebhook(raw, header(request), hook.secret)).toBe(true);
    expect(verifyBodySignature(raw, hook.secret)).toBe(true);
    expect(verifyPrdForgeWebhook(raw, header(request), 'whsec_someone-else')).toBe(false);
    expect(verifyBodySignature(raw, 'whsec_someone-else')).toBe(false);
    const tampered = Buffer.from(raw.toString('utf8').replace(project.id, '0'.repeat(24)));
    expect(verifyPrdForgeWebhook(tampered, header(request), hook.secret)).toBe(false);
    expect(verifyBodySignature(tampered, hook.secret)).toBe(false);
    // Outside the replay window, however valid the signature.
    expect(verifyPrdForgeWebhook(raw, header(request), hook.secret, Date.now() + 301_000)).toBe(
      false,
    );

    if (hasPython) {
      const now = Date.now() / 1000;
      const check = { rawBody: raw, signatureHeader: header(request), secret: hook.secret };
      expect(
        verifyWithReadmePython([
          { ...check, now },
          { ...check, now, secret: 'whsec_someone-else' },
          { ...check, now, rawBody: tampered },
          { ...check, now: now + 301 },
        ]),
      ).toEqual([
        [true, true],
        [false, false],
        [false, false],
        [false, true],
      ]);
    }
  });

  it('retries after a 500 with the same delivery id, and logs every attempt', async () => {
    receiver.reply(500, 200);
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);
    const [first, second] = await receiver.waitFor(2);

    expect(second.body.delivery_id).toBe(first.body.delivery_id);
    expect(second.rawBody.equals(first.rawBody)).toBe(true);
    expect([first, second].map((request) => request.headers['x-prdforge-attempt'])).toEqual([
      '1',
      '2',
    ]);
    expect(verifyPrdForgeWebhook(second.rawBody, header(second), hook.secret)).toBe(true);

    const [delivery] = await waitForDeliveries(owner.api, hook.id, settled(1));
    expect(delivery).toMatchObject({
      id: first.body.delivery_id,
      webhook_id: hook.id,
      event: 'project.created',
      status: 'succeeded',
      attempt: 2,
      status_code: 200,
      error: null,
      next_retry_at: null,
      payload: {
        event: 'project.created',
        delivery_id: first.body.delivery_id,
        data: first.body.data,
      },
    });
    expect(delivery.payload).not.toHaveProperty('signature');
    expect(delivery.attempts).toEqual([
      {
        attempt: 1,
        round: 0,
        at: expect.any(String),
        status_code: 500,
        latency_ms: expect.any(Number),
        error: 'HTTP 500',
        response_excerpt: 'status 500',
      },
      {
        attempt: 2,
        round: 0,
        at: expect.any(String),
        status_code: 200,
        latency_ms: expect.any(Number),
        error: null,
        response_excerpt: 'status 200',
      },
    ]);
  });

  it('retries after a timeout', async () => {
    receiver.reply('hang', 200);
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);

    const [delivery] = await waitForDeliveries(owner.api, hook.id, settled(1));
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map(({ status_code, error }) => ({ status_code, error }))).toEqual([
      { status_code: null, error: TIMED_OUT },
      { status_code: 200, error: null },
    ]);
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after the last attempt; the owner can redeliver, nobody else can', async () => {
    receiver.always(500);
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);
    const [failed] = await waitForDeliveries(owner.api, hook.id, settled(1));
    expect(failed).toMatchObject({ status: 'failed', attempt: 3, next_retry_at: null });
    expect(failed.attempts.map((entry) => entry.status_code)).toEqual([500, 500, 500]);
    expect(receiver.received).toHaveLength(3);
    // Three failed attempts within the hour do not disable it.
    expect((await owner.api.get(`/api/v1/webhooks/${hook.id}`)).body.active).toBe(true);

    const stranger = await aSignedInUser(testApp.http);
    await stranger.api.post(`/api/v1/webhooks/deliveries/${failed.id}/redeliver`).expect(404);

    receiver.always(200);
    const res = await owner.api
      .post(`/api/v1/webhooks/deliveries/${failed.id}/redeliver`)
      .expect(202);
    expect(res.body).toMatchObject({
      message: 'Redelivery queued',
      delivery: { id: failed.id, status: 'pending', next_retry_at: null },
    });
    const [again] = (await receiver.waitFor(4)).slice(3);
    expect(again.body.delivery_id).toBe(failed.id);
    expect(again.headers['x-prdforge-attempt']).toBe('1');
    expect(verifyPrdForgeWebhook(again.rawBody, header(again), hook.secret)).toBe(true);

    const [done] = await waitForDeliveries(
      owner.api,
      hook.id,
      (list) => list[0]?.status === 'succeeded',
    );
    expect(
      done.attempts.map(({ round, attempt, status_code }) => [round, attempt, status_code]),
    ).toEqual([
      [0, 1, 500],
      [0, 2, 500],
      [0, 3, 500],
      [1, 1, 200],
    ]);
  });

  it('refuses a redelivery while an attempt is still due', async () => {
    // Every attempt hangs until it times out: the delivery stays due for all three.
    receiver.reply('hang', 'hang', 'hang');
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);
    const held = await receiver.nextHeld();
    const [delivery] = await deliveriesOf(owner.api, hook.id);

    const res = await owner.api
      .post(`/api/v1/webhooks/deliveries/${delivery.id}/redeliver`)
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'CONFLICT',
      error: 'The delivery is still being attempted; wait for it to end',
      status: expect.stringMatching(/^(pending|retrying)$/),
    });
    held.release(200);
    const [done] = await waitForDeliveries(owner.api, hook.id, settled(1));
    expect(done.attempts.length).toBeGreaterThan(0);
  });

  it('disables an endpoint that kept failing, says why, skips it, and can be enabled again', async () => {
    const disabledCount = async () =>
      (await scrape(testApp.http)).value('webhook_endpoints_disabled_total');
    const disabledBefore = await disabledCount();
    receiver.always(500);
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);
    await waitForDeliveries(owner.api, hook.id, settled(1));
    const failingSince = new Date(Date.now() - 73 * HOUR_MS);
    await endpoints()
      .updateOne({ _id: new Types.ObjectId(hook.id) }, { $set: { failing_since: failingSince } })
      .exec();

    await aProject(owner.api);
    const log = await waitForDeliveries(owner.api, hook.id, settled(2));
    expect(log[0]).toMatchObject({ status: 'failed', attempt: 1, error: 'HTTP 500' });
    const disabled = (await owner.api.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body;
    expect(disabled).toMatchObject({
      active: false,
      disabled_at: expect.any(String),
      disabled_reason:
        `Every delivery since ${failingSince.toISOString()} failed (last: HTTP 500); ` +
        'fix the receiver, then enable the webhook again with PATCH {"active": true}',
    });
    expect(await disabledCount()).toBe(disabledBefore + 1);

    // A disabled endpoint gets no new deliveries, and cannot be redelivered to.
    const received = receiver.received.length;
    await aProject(owner.api);
    expect(await deliveriesOf(owner.api, hook.id)).toHaveLength(2);
    await owner.api.post(`/api/v1/webhooks/deliveries/${log[0].id}/redeliver`).expect(409);

    receiver.always(200);
    const enabled = await owner.api
      .patch(`/api/v1/webhooks/${hook.id}`)
      .send({ active: true })
      .expect(200);
    expect(enabled.body).toMatchObject({ active: true, disabled_reason: null, disabled_at: null });
    await aProject(owner.api);
    const after = await waitForDeliveries(owner.api, hook.id, settled(3));
    expect(after[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(receiver.received).toHaveLength(received + 1);
  });

  it('logs queued attempts of a paused endpoint as not sent', async () => {
    receiver.reply('hang');
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    await aProject(owner.api);
    const held = await receiver.nextHeld();
    await owner.api.patch(`/api/v1/webhooks/${hook.id}`).send({ active: false }).expect(200);
    held.release(500);

    const [delivery] = await waitForDeliveries(owner.api, hook.id, settled(1));
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts.map(({ attempt, error }) => [attempt, error])).toEqual([
      // The release normally comes first; on a very slow machine the attempt may time out.
      [1, expect.stringMatching(new RegExp(`^(HTTP 500|${TIMED_OUT})$`))],
      [2, 'Not sent: the webhook is paused'],
    ]);
    expect(receiver.received).toHaveLength(1);
  });

  it('signs with both secrets during a rotation’s grace period, and with the new one after', async () => {
    const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
    const rotated = await owner.api.post(`/api/v1/webhooks/${hook.id}/rotate-secret`).expect(200);
    const [oldSecret, newSecret] = [hook.secret, rotated.body.secret as string];

    await aProject(owner.api);
    const [during] = await receiver.waitFor(1);
    expect(header(during)).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifyPrdForgeWebhook(during.rawBody, header(during), newSecret)).toBe(true);
    expect(verifyPrdForgeWebhook(during.rawBody, header(during), oldSecret)).toBe(true);
    // The body's member is made with the current secret only.
    expect(verifyBodySignature(during.rawBody, newSecret)).toBe(true);
    expect(verifyBodySignature(during.rawBody, oldSecret)).toBe(false);

    // The first delivery records its success on the endpoint: let it finish first, since the
    // embedded store's updates are not atomic and would lose the change below.
    await waitForDeliveries(owner.api, hook.id, settled(1));
    await endpoints()
      .updateOne(
        { _id: new Types.ObjectId(hook.id) },
        { $set: { previous_secret_expires_at: new Date(Date.now() - 1000) } },
      )
      .exec();
    const second = await aProject(owner.api);
    // By the project, not by arrival: on a loaded machine the first delivery may arrive twice
    // (an attempt that timed out on our side is retried, still with both secrets).
    const after = await eventually('the second project’s delivery', () =>
      receiver.received.find((request) => request.body.data.project_id === second.id),
    );
    expect(header(after)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyPrdForgeWebhook(after.rawBody, header(after), newSecret)).toBe(true);
    expect(verifyPrdForgeWebhook(after.rawBody, header(after), oldSecret)).toBe(false);
  });

  it('gives every event and endpoint its own delivery id (order not guaranteed)', async () => {
    const project = await aProject(owner.api);
    const [a, b] = [
      await aWebhookTo(owner.api, receiver.url('/a'), ['version.created']),
      await aWebhookTo(owner.api, receiver.url('/b'), ['version.created', 'project.created']),
    ];
    const saves = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        saveVersion(owner.api, project.id, { changes: `Edit ${index}` }),
      ),
    );
    expect(saves.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    const requests = await receiver.waitFor(10);

    const ids = requests.map((request) => request.body.delivery_id);
    expect(new Set(ids).size).toBe(10);
    expect(
      requests.every(
        (request) => request.headers['x-prdforge-delivery'] === request.body.delivery_id,
      ),
    ).toBe(true);
    const versionsAt = (path: string) =>
      requests
        .filter((request) => request.path === path)
        .map((request) => request.body.data.version as string)
        .sort();
    const labels = saves.map((res) => res.body.version as string).sort();
    expect(versionsAt('/a')).toEqual(labels);
    expect(versionsAt('/b')).toEqual(labels);
    for (const [hook, path] of [
      [a, '/a'],
      [b, '/b'],
    ] as const) {
      const signed = requests.filter((request) => request.path === path);
      expect(
        signed.every((request) =>
          verifyPrdForgeWebhook(request.rawBody, header(request), hook.secret),
        ),
      ).toBe(true);
    }
  });
});
