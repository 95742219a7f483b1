import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, aUser } from '@test/support/factories';

const LOGIN = '/api/v1/auth/login';

describe('Rate limits on auth endpoints (5 a minute per IP by default)', () => {
  let testApp: TestApp;
  let otherInstance: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
    otherInstance = await createTestApp({
      MONGODB_URI: testApp.config.mongo.uri!,
      REDIS_KEY_PREFIX: testApp.config.redis.keyPrefix,
      JWT_SECRET_KEY: testApp.config.auth.jwtSecret,
    });
  });
  afterAll(async () => {
    await otherInstance.close();
    await testApp.close();
  });

  const login = (app: TestApp) =>
    app.http.post(LOGIN).send({ email: aUser().email, password: 'Wrong-Passw0rd' });

  it('counts down in X-RateLimit-* headers, across instances, then answers 429', async () => {
    // The minute starts with the first request (somewhere between sending it and its answer) and
    // every answer of that window names the same end (to the second: each rounds its own now).
    const sentAt = Math.floor(Date.now() / 1000);
    let windowEnd: number | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await login(i % 2 ? otherInstance : testApp).expect(401);
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
      const reset = Number(res.headers['x-ratelimit-reset']);
      if (windowEnd === undefined) {
        const answeredAt = Math.ceil(Date.now() / 1000);
        expect(reset).toBeGreaterThanOrEqual(sentAt + 59);
        expect(reset).toBeLessThanOrEqual(answeredAt + 61);
        windowEnd = reset;
      }
      expect(Math.abs(reset - windowEnd)).toBeLessThanOrEqual(1);
    }
    const limited = await login(testApp).expect(429);
    expect(limited.body).toEqual({
      error: 'Too many requests. Please try again later.',
      code: 'RATE_LIMIT_EXCEEDED',
      request_id: limited.headers['x-request-id'],
      retry_after: expect.any(Number),
    });
    expect(limited.body.retry_after).toBeGreaterThan(0);
    expect(limited.body.retry_after).toBeLessThanOrEqual(60);
    expect(limited.headers['retry-after']).toBe(String(limited.body.retry_after));
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    await login(otherInstance).expect(429);
  });

  it('limits each endpoint on its own, and leaves unlimited routes without the headers', async () => {
    // Login is exhausted by the test above; registration still has its own five.
    const res = await testApp.http.post('/api/v1/auth/register').send(aUser()).expect(201);
    expect(res.headers['x-ratelimit-remaining']).toBe('4');

    const health = await testApp.http.get('/health').expect(200);
    expect(health.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('Rate limits come from config', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '2' });
  });
  afterAll(() => testApp.close());

  it('applies RATE_LIMIT_AUTH_PER_MINUTE, and not to authenticated reads', async () => {
    const register = () => testApp.http.post('/api/v1/auth/register').send(aUser());
    await register().expect(201);
    const user = await aSignedInUser(testApp.http);
    const blocked = await register().expect(429);
    expect(blocked.headers['x-ratelimit-limit']).toBe('2');
    for (let i = 0; i < 5; i++) {
      const me = await user.api.get('/api/v1/users/me').expect(200);
      expect(me.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});
