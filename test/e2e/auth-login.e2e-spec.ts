import { getConnectionToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection, Types } from 'mongoose';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aPhoneNumber, aUser, registerUser } from '@test/support/factories';

const LOGIN = '/api/v1/auth/login';
/** The module object the app's `import * as argon2` reads through, so a spy on it is seen. */
const argon2 = jest.requireActual<typeof import('argon2')>('argon2');
/** Algorithm, version and cost of an encoded argon2 hash: `argon2id$v=19$m=…,t=…,p=…`. */
const costOf = (hash: string): string => hash.split('$').slice(1, 4).join('$');

describe('POST /api/v1/auth/login', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
  });
  afterAll(() => testApp.close());

  it("answers the contract's body with a 30-minute access token", async () => {
    const user = await registerUser(testApp.http);
    const res = await testApp.http
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
      refresh_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'bearer',
      expires_in: 1800,
      user: { id: user.id, email: user.email, full_name: user.full_name },
      user_id: user.id,
    });
    const header = decodePart(res.body.access_token, 0);
    const claims = decodePart(res.body.access_token, 1);
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(claims).toMatchObject({ sub: user.id, typ: 'access', jti: expect.any(String) });
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
  });

  it('signs in with a phone number', async () => {
    const user = await registerUser(testApp.http, { phone_number: aPhoneNumber() });
    await testApp.http
      .post(LOGIN)
      .send({ phone_number: user.phone_number, password: user.password })
      .expect(200);
  });

  it('gives a wrong password and an unknown account the same 401', async () => {
    const user = await registerUser(testApp.http);
    const wrong = await testApp.http
      .post(LOGIN)
      .send({ email: user.email, password: 'Wrong-Passw0rd' })
      .expect(401);
    const unknown = await testApp.http
      .post(LOGIN)
      .send({ email: aUser().email, password: 'Wrong-Passw0rd' })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, request_id: undefined });
    expect(strip(wrong.body)).toEqual({ error: 'Invalid credentials', code: 'UNAUTHORIZED' });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('spends as long on an unknown account as on a wrong password', async () => {
    const user = await registerUser(testApp.http);
    const stored = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection<{ password_hash: string }>('users')
      .findOne({ _id: new Types.ObjectId(user.id) });
    // Evidence, not a stopwatch (timings compared on a loaded machine flake): a failed login
    // costs one argon2id verification, so the unknown account must run exactly one too, against
    // a decoy hash made with the same parameters. Without the decoy it would run none.
    const verify = jest.spyOn(argon2, 'verify');
    try {
      for (const email of [user.email!, aUser().email!]) {
        await testApp.http.post(LOGIN).send({ email, password: 'Wrong-Passw0rd' }).expect(401);
      }
      expect(verify.mock.calls.map(([, password]) => password)).toEqual([
        'Wrong-Passw0rd',
        'Wrong-Passw0rd',
      ]);
      const [[wrongHash], [decoyHash]] = verify.mock.calls;
      expect(wrongHash).toBe(stored?.password_hash);
      expect(decoyHash).not.toBe(wrongHash);
      expect(costOf(decoyHash)).toBe(costOf(wrongHash));
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses operator objects and wrong types with 400', async () => {
    const user = await registerUser(testApp.http);
    const bodies: Record<string, unknown>[] = [
      { email: { $gt: '' }, password: user.password },
      { email: user.email, password: { $ne: 'x' } },
      { phone_number: { $exists: true }, password: 'x' },
      { email: user.email, password: 12345678 },
      { email: [user.email], password: user.password },
      { email: user.email, phone_number: user.phone_number ?? aPhoneNumber(), password: 'x' },
      { password: user.password },
      {},
    ];
    for (const body of bodies) {
      const res = await testApp.http.post(LOGIN).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('Login lockout (5 failures lock for 15 minutes)', () => {
  let testApp: TestApp;
  let otherInstance: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
    // A second API instance on the same database, Redis prefix and signing key.
    otherInstance = await createTestApp({
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      MONGODB_URI: testApp.config.mongo.uri!,
      REDIS_KEY_PREFIX: testApp.config.redis.keyPrefix,
      JWT_SECRET_KEY: testApp.config.auth.jwtSecret,
    });
    redis = testApp.app.get(Redis);
  });
  afterAll(async () => {
    await otherInstance.close();
    await testApp.close();
  });

  const attempt = (app: TestApp, email: string, password: string) =>
    app.http.post(LOGIN).send({ email, password });

  it('locks after five failures, even for the right password, with retry_after and Retry-After', async () => {
    const user = await registerUser(testApp.http);
    for (let i = 0; i < 5; i++) await attempt(testApp, user.email!, 'Wrong-Passw0rd').expect(401);
    const locked = await attempt(testApp, user.email!, user.password).expect(429);
    expect(locked.body).toEqual({
      error: 'Too many failed login attempts. Try again in 15 minute(s).',
      code: 'ACCOUNT_LOCKED',
      request_id: locked.headers['x-request-id'],
      retry_after: expect.any(Number),
    });
    expect(locked.body.retry_after).toBeGreaterThan(14 * 60);
    expect(locked.body.retry_after).toBeLessThanOrEqual(15 * 60);
    expect(Number(locked.headers['retry-after'])).toBe(locked.body.retry_after);
  });

  it('locks an unknown email the same way, so a lock reveals nothing', async () => {
    const known = await registerUser(testApp.http);
    const unknownEmail = aUser().email!;
    for (let i = 0; i < 5; i++) {
      await attempt(testApp, known.email!, 'Wrong-Passw0rd').expect(401);
      await attempt(testApp, unknownEmail, 'Wrong-Passw0rd').expect(401);
    }
    const a = await attempt(testApp, known.email!, 'Wrong-Passw0rd').expect(429);
    const b = await attempt(testApp, unknownEmail, 'Wrong-Passw0rd').expect(429);
    expect({ ...a.body, request_id: 0 }).toEqual({ ...b.body, request_id: 0 });
  });

  it('counts failures across API instances and locks on both', async () => {
    const user = await registerUser(testApp.http);
    for (let i = 0; i < 5; i++) {
      const app = i % 2 ? otherInstance : testApp;
      await attempt(app, user.email!.toUpperCase(), 'Wrong-Passw0rd').expect(401);
    }
    await attempt(otherInstance, user.email!, user.password).expect(429);
    await attempt(testApp, user.email!, user.password).expect(429);
  });

  it('locks phone numbers too', async () => {
    const user = await registerUser(testApp.http, { phone_number: aPhoneNumber() });
    const byPhone = (password: string) =>
      testApp.http.post(LOGIN).send({ phone_number: user.phone_number, password });
    for (let i = 0; i < 5; i++) await byPhone('Wrong-Passw0rd').expect(401);
    await byPhone(user.password).expect(429);
    // The email is a separate identifier and is not locked.
    await attempt(testApp, user.email!, user.password).expect(200);
  });

  it('resets the count after a successful login', async () => {
    const user = await registerUser(testApp.http);
    for (let i = 0; i < 4; i++) await attempt(testApp, user.email!, 'Wrong-Passw0rd').expect(401);
    await attempt(testApp, user.email!, user.password).expect(200);
    for (let i = 0; i < 4; i++) await attempt(testApp, user.email!, 'Wrong-Passw0rd').expect(401);
    await attempt(testApp, user.email!, user.password).expect(200);
  });

  it('lifts the lock when it expires (a Redis TTL of 15 minutes)', async () => {
    const user = await registerUser(testApp.http);
    const before = new Set(await lockKeys());
    for (let i = 0; i < 5; i++) await attempt(testApp, user.email!, 'Wrong-Passw0rd').expect(401);
    const [lock] = (await lockKeys()).filter((key) => !before.has(key));
    expect(lock).toBeDefined();
    expect(await redis.ttl(lock)).toBeGreaterThan(14 * 60);
    await attempt(testApp, user.email!, user.password).expect(429);

    // Fast-forward: let the lock run out now instead of in 15 minutes.
    await redis.pexpire(lock, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await attempt(testApp, user.email!, user.password).expect(200);
  });

  /** Lock keys without the client's prefix (ioredis adds it back on every command). */
  async function lockKeys(): Promise<string[]> {
    const prefix = testApp.config.redis.keyPrefix;
    const keys = await redis.keys(`${prefix}login_lock:*`);
    return keys.map((key) => key.slice(prefix.length));
  }
});

function decodePart(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
