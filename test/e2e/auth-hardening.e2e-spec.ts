import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, aUser, registerUser, signIn } from '@test/support/factories';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
/** Generous per-IP limits: these tests are about the per-account lockout, not the rate limit. */
const ENV = { RATE_LIMIT_AUTH_PER_MINUTE: '10000' };

const expiryOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number })
    .exp;
const fieldsOf = (body: { fields?: { field: string }[] }): string[] =>
  (body.fields ?? []).map((problem) => problem.field);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Auth hardening (OWASP ASVS 5.0)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(ENV);
  });
  afterAll(() => testApp.close());

  it('lets no more than the limit of a parallel burst of wrong logins reach verification', async () => {
    const user = await registerUser(testApp.http);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        testApp.http.post(LOGIN).send({ email: user.email, password: 'Wrong-Passw0rd' }),
      ),
    );
    const statuses = burst.map((res) => res.status);
    // Each 401 is a password that was checked; every other attempt was refused before that.
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    for (const res of burst.filter((each) => each.status === 429)) {
      expect(res.body).toMatchObject({ code: 'ACCOUNT_LOCKED', retry_after: expect.any(Number) });
    }
    const right = await testApp.http
      .post(LOGIN)
      .send({ email: user.email, password: user.password });
    expect(right.status).toBe(429);
  });

  it('counts wrong current passwords on change-password towards the lockout', async () => {
    const user = await aSignedInUser(testApp.http);
    const change = (current: string) =>
      user.api
        .post('/api/v1/auth/change-password')
        .send({ current_password: current, new_password: 'An0ther-Good-One' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await change('Wrong-Passw0rd').expect(400);
      expect(fieldsOf(wrong.body)).toEqual(['current_password']);
    }
    const locked = await change(user.password).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    await testApp.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(429);
  });

  it('sends Cache-Control: no-store with every response that carries tokens', async () => {
    const user = await registerUser(testApp.http);
    const login = await testApp.http
      .post(LOGIN)
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.headers.pragma).toBe('no-cache');
    const refreshed = await testApp.http
      .post(REFRESH)
      .send({ refresh_token: login.body.refresh_token })
      .expect(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
  });

  it('refuses the most common passwords in any letter case, saying why, and keeps the complexity rule', async () => {
    for (const password of ['Password1', 'pASSWORD1', 'Qwerty123', 'Welcome1']) {
      const res = await testApp.http
        .post('/api/v1/auth/register')
        .send(aUser({ password }))
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['password']);
      expect(res.body.error).toContain('password is one of the most commonly used passwords');
    }
    const weak = await testApp.http
      .post('/api/v1/auth/register')
      .send(aUser({ password: 'alllowercase1' }))
      .expect(400);
    expect(weak.body.error).toContain('an upper-case letter');

    const user = await aSignedInUser(testApp.http);
    const res = await user.api
      .post('/api/v1/auth/change-password')
      .send({ current_password: user.password, new_password: 'Passw0rd' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['new_password']);
  });
});

describe('Absolute session lifetime', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // 0.00015 days is 12.96 s: the whole lifetime of a session, refreshes included. The three
    // refreshes below take about 3.5 s, so a loaded machine has 9 s to spare before it ends.
    testApp = await createTestApp({ ...ENV, REFRESH_TOKEN_EXPIRE_DAYS: '0.00015' });
  });
  afterAll(() => testApp.close());

  it('never extends a token family past its login, however often it is refreshed', async () => {
    const user = await signIn(testApp.http, await registerUser(testApp.http));
    const ends = expiryOf(user.refreshToken);
    let token = user.refreshToken;
    for (let refresh = 0; refresh < 3; refresh += 1) {
      // Past a whole second, so a token re-issued with a full lifetime would expire later.
      await sleep(1_100);
      const res = await testApp.http.post(REFRESH).send({ refresh_token: token }).expect(200);
      token = res.body.refresh_token as string;
      expect(expiryOf(token)).toBeLessThanOrEqual(ends);
      expect(expiryOf(res.body.access_token as string)).toBeLessThanOrEqual(ends);
      expect(res.body.expires_in).toBeLessThanOrEqual(13);
    }
    await sleep(Math.max(0, ends * 1000 - Date.now()) + 500);
    const late = await testApp.http.post(REFRESH).send({ refresh_token: token }).expect(401);
    expect(late.body.code).toBe('UNAUTHORIZED');
  });
});
