import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WebhookEndpoint } from '@/webhooks/webhook-endpoint.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { waitForDeliveries } from '@test/support/factories/webhooks';
import { WebhookReceiver } from '@test/support/webhook-receiver';

/** A public address literal: registration needs no DNS, and no test event is sent to it. */
const PUBLIC_URL = 'https://93.184.215.14/hooks/prd-forge';
const MAX = 3;

describe('Webhooks API: endpoints, secrets, quota, ownership, URL safety', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let stranger: SignedInUser;
  const create = (user: SignedInUser, body: Record<string, unknown>) =>
    user.api.post('/api/v1/webhooks').send(body);
  const aWebhook = async (user: SignedInUser, body: Record<string, unknown> = {}) =>
    (await create(user, { url: PUBLIC_URL, events: ['chat.converted'], ...body }).expect(201))
      .body as { id: string; secret: string } & Record<string, unknown>;

  beforeAll(async () => {
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      WEBHOOK_MAX_ENDPOINTS_PER_USER: String(MAX),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'false',
    });
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
    stranger = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('registers an endpoint and shows its secret in that answer only', async () => {
    const description = 'Relay <b>é</b> 🚀\nsecond line';
    const res = await create(owner, {
      url: PUBLIC_URL,
      events: ['project.created', 'version.created'],
      description,
    }).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: PUBLIC_URL,
      description,
      events: ['project.created', 'version.created'],
      active: true,
      disabled_reason: null,
      disabled_at: null,
      secret_rotated_at: null,
      previous_secret_expires_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });

    const { secret, ...shown } = res.body as Record<string, unknown>;
    const read = await owner.api.get(`/api/v1/webhooks/${shown.id as string}`).expect(200);
    expect(read.body).toEqual(shown);
    const list = await owner.api.get('/api/v1/webhooks').expect(200);
    expect(list.body).toEqual({ webhooks: [shown] });
    expect(JSON.stringify([read.body, list.body])).not.toContain(secret as string);
  });

  it('stores the secret encrypted, not as it was shown', async () => {
    const { id, secret } = await aWebhook(owner);
    const stored = await testApp.app
      .get<Model<WebhookEndpoint>>(getModelToken(WebhookEndpoint.name))
      .findById(id)
      .lean()
      .exec();
    expect(stored?.secret).toMatch(/^v1\./);
    expect(stored?.secret).not.toContain(secret.slice('whsec_'.length));
  });

  it('refuses events outside the closed set, duplicates, none, and operator events', async () => {
    const cases: [unknown, RegExp][] = [
      [['project.deleted'], /each value in events must be one of the following values/],
      [['project.created', 'project.created'], /events's elements must be unique/],
      [[], /events should not be empty/],
      [['user.created'], /each value in events must be one of the following values/],
      ['project.created', /events must be an array/],
    ];
    for (const [events, message] of cases) {
      const res = await create(owner, { url: PUBLIC_URL, events }).expect(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(res.body.fields).toEqual(
        expect.arrayContaining([{ field: 'events', message: expect.stringMatching(message) }]),
      );
    }
    const unknown = await create(owner, { url: PUBLIC_URL, events: ['project.created'], x: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'x', message: 'x should not exist' }]);
    const control = await create(owner, {
      url: PUBLIC_URL,
      events: ['project.created'],
      description: 'bell \u0007',
    }).expect(400);
    expect(control.body.fields).toEqual([
      {
        field: 'description',
        message: expect.stringContaining('must not contain the control character U+0007'),
      },
    ]);
    const noUrl = await create(owner, { events: ['project.created'] }).expect(400);
    expect((noUrl.body.fields as { field: string }[]).map((problem) => problem.field)).toContain(
      'url',
    );
    expect((await owner.api.get('/api/v1/webhooks').expect(200)).body.webhooks).toEqual([]);
  });

  it('updates the fields sent, and refuses an empty change or a null', async () => {
    const { id } = await aWebhook(owner, { description: 'first' });
    const res = await owner.api
      .patch(`/api/v1/webhooks/${id}`)
      .send({ events: ['version.created', 'generation.failed'], description: null, active: false })
      .expect(200);
    expect(res.body).toMatchObject({
      url: PUBLIC_URL,
      events: ['version.created', 'generation.failed'],
      description: null,
      active: false,
      disabled_reason: null,
    });
    const empty = await owner.api.patch(`/api/v1/webhooks/${id}`).send({}).expect(400);
    expect(empty.body.error).toBe('Validation failed: send url, events, description or active');
    const nullUrl = await owner.api.patch(`/api/v1/webhooks/${id}`).send({ url: null }).expect(400);
    expect(nullUrl.body.fields[0].field).toBe('url');
    await owner.api.patch(`/api/v1/webhooks/${id}`).send({ active: true }).expect(200);
  });

  it('rotates the secret: a new one, shown once, the old one kept for the grace period', async () => {
    const { id, secret } = await aWebhook(owner);
    const before = Date.now();
    const res = await owner.api.post(`/api/v1/webhooks/${id}/rotate-secret`).expect(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(secret);
    const expires = Date.parse(res.body.previous_secret_expires_at as string);
    expect(expires).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    const read = await owner.api.get(`/api/v1/webhooks/${id}`).expect(200);
    expect(read.body.secret).toBeUndefined();
    expect(read.body.secret_rotated_at).toBe(res.body.secret_rotated_at);
  });

  it('deletes an endpoint with its log', async () => {
    const { id } = await aWebhook(owner);
    const res = await owner.api.delete(`/api/v1/webhooks/${id}`).expect(200);
    expect(res.body).toEqual({ message: 'Webhook deleted successfully' });
    await owner.api.get(`/api/v1/webhooks/${id}`).expect(404);
    await owner.api.get(`/api/v1/webhooks/${id}/deliveries`).expect(404);
    await owner.api.delete(`/api/v1/webhooks/${id}`).expect(404);
  });

  it("answers 404 for someone else's webhook on every route, and for malformed ids", async () => {
    const { id } = await aWebhook(owner);
    const missing = new Types.ObjectId().toHexString();
    for (const target of [id, missing, 'not-an-id']) {
      const base = `/api/v1/webhooks/${target}`;
      const responses = await Promise.all([
        stranger.api.get(base),
        stranger.api.patch(base).send({ active: false }),
        stranger.api.delete(base),
        stranger.api.post(`${base}/rotate-secret`),
        stranger.api.get(`${base}/deliveries`),
        stranger.api.post(`/api/v1/webhooks/deliveries/${target}/redeliver`),
      ]);
      for (const res of responses) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    }
    expect((await stranger.api.get('/api/v1/webhooks').expect(200)).body.webhooks).toEqual([]);
    // Untouched by all of that.
    const read = await owner.api.get(`/api/v1/webhooks/${id}`).expect(200);
    expect(read.body).toMatchObject({ active: true, secret_rotated_at: null });
  });

  it('caps the endpoints per account, even when the creations race', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        create(owner, { url: PUBLIC_URL, events: ['project.created'] }),
      ),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(MAX);
    expect(statuses.filter((status) => status === 409)).toHaveLength(20 - MAX);
    const refused = results.find((res) => res.status === 409)!;
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      error: `An account can have at most ${MAX} webhooks; delete one first`,
      limit: MAX,
    });
    const list = await owner.api.get('/api/v1/webhooks').expect(200);
    expect(list.body.webhooks).toHaveLength(MAX);
    // Someone else's quota is their own.
    await aWebhook(stranger);
  });

  describe('URL safety (private addresses not allowed)', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
    });
    afterAll(() => receiver.close());

    it('refuses loopback, private, link-local, CGNAT, metadata and unique-local targets', async () => {
      const refused = [
        receiver.url(),
        receiver.url('/hook', 'localhost'),
        'http://10.0.0.1/hook',
        'http://172.20.1.1/hook',
        'http://192.168.0.10/hook',
        'http://169.254.169.254/latest/meta-data/',
        'http://100.64.0.1/hook',
        'http://[::1]/hook',
        'http://[fd00:ec2::254]/latest/meta-data/',
        'http://[::ffff:127.0.0.1]/hook',
        'http://2130706433/hook',
      ];
      for (const url of refused) {
        const res = await create(owner, { url, events: ['project.created'] });
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.fields).toEqual([
          {
            field: 'url',
            message: expect.stringMatching(/^url resolves to .*non-public address$/),
          },
        ]);
      }
      const { id } = await aWebhook(owner);
      const patched = await owner.api
        .patch(`/api/v1/webhooks/${id}`)
        .send({ url: 'http://169.254.169.254/latest/meta-data/' })
        .expect(400);
      expect(patched.body.fields[0].field).toBe('url');
      expect((await owner.api.get(`/api/v1/webhooks/${id}`)).body.url).toBe(PUBLIC_URL);
      expect(receiver.received).toEqual([]);
    });

    it('refuses other schemes, credentials and hosts that do not resolve', async () => {
      const cases: [string, string][] = [
        ['ftp://93.184.215.14/hook', 'url must use http or https'],
        ['hooks.example.com/x', 'url must be an absolute http(s) URL'],
        [
          'https://user:secret@93.184.215.14/hook',
          'url must not contain credentials; use the signature instead',
        ],
        [
          'https://no-such-host.invalid/hook',
          'url host no-such-host.invalid could not be resolved',
        ],
      ];
      for (const [url, message] of cases) {
        const res = await create(owner, { url, events: ['project.created'] }).expect(400);
        expect(res.body.fields).toEqual([{ field: 'url', message }]);
      }
    });

    it('checks again when sending: a name now resolving to loopback is not connected to', async () => {
      const { id } = await aWebhook(owner, { events: ['project.created'] });
      // What a DNS change after registration amounts to: the same endpoint, now pointing here.
      await testApp.app
        .get<Model<WebhookEndpoint>>(getModelToken(WebhookEndpoint.name))
        .updateOne(
          { _id: new Types.ObjectId(id) },
          { $set: { url: receiver.url('/hook', 'localhost') } },
        )
        .exec();
      await aProject(owner.api);

      const [delivery] = await waitForDeliveries(owner.api, id, ([first]) =>
        Boolean(first?.attempt),
      );
      expect(delivery).toMatchObject({
        event: 'project.created',
        status: 'retrying',
        attempt: 1,
        status_code: null,
        error: expect.stringMatching(/^url resolves to (127\.0\.0\.1|::1), a loopback/),
      });
      expect(receiver.received).toEqual([]);
    });
  });
});
