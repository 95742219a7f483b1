import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, as, signIn, SignedInUser } from '@test/support/factories';

const ME = '/api/v1/users/me';
const REFRESH = '/api/v1/auth/refresh';

describe('Token lifecycle: refresh rotation, logout, change-password', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // Strict rotation (no reuse window): a spent token presented again is always a reuse. The
    // window is tested in auth-refresh-window.e2e-spec.ts.
    testApp = await createTestApp({
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      REFRESH_REUSE_WINDOW_SECONDS: '0',
    });
  });
  afterAll(() => testApp.close());

  const refresh = (token: string) => testApp.http.post(REFRESH).send({ refresh_token: token });

  it('rotates: a refresh returns a new access token and a new refresh token', async () => {
    const user = await aSignedInUser(testApp.http);
    const res = await refresh(user.refreshToken).expect(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 1800,
      refresh_token: expect.any(String),
    });
    expect(res.body.refresh_token).not.toBe(user.refreshToken);
    expect(res.body.access_token).not.toBe(user.accessToken);
    await as(testApp.http, res.body.access_token).get(ME).expect(200);
    await refresh(res.body.refresh_token).expect(200);
  });

  it('ends the whole family when a rotated refresh token is used again', async () => {
    const user = await aSignedInUser(testApp.http);
    const rotated = (await refresh(user.refreshToken).expect(200)).body;

    const reuse = await refresh(user.refreshToken).expect(401);
    expect(reuse.body).toMatchObject({
      error: 'Refresh token reuse detected: the session was ended',
      code: 'UNAUTHORIZED',
    });
    // The legitimate holder's newer tokens die with it.
    await refresh(rotated.refresh_token).expect(401);
    await as(testApp.http, rotated.access_token).get(ME).expect(401);
    await user.api.get(ME).expect(401);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await aSignedInUser(testApp.http);
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
  });

  it('keeps other sessions alive when one family is revoked', async () => {
    const user = await aSignedInUser(testApp.http);
    const laptop = await signIn(testApp.http, user);
    await refresh(user.refreshToken).expect(200);
    await refresh(user.refreshToken).expect(401);
    await laptop.api.get(ME).expect(200);
    await refresh(laptop.refreshToken).expect(200);
  });

  it('refuses an access token as a refresh token, and garbage', async () => {
    const user = await aSignedInUser(testApp.http);
    await refresh(user.accessToken).expect(401);
    await refresh(forge(testApp, { sub: user.id, typ: 'refresh' }, 'x'.repeat(40))).expect(401);
    const notJwt = await refresh('not-a-jwt').expect(400);
    expect(notJwt.body.code).toBe('VALIDATION_ERROR');
    await testApp.http
      .post(REFRESH)
      .send({ refresh_token: { $ne: null } })
      .expect(400);
  });

  it('logout denylists the access token and ends its refresh token', async () => {
    const user = await aSignedInUser(testApp.http);
    const res = await user.api.post('/api/v1/auth/logout').expect(200);
    expect(res.body).toEqual({ message: 'Successfully logged out' });
    const after = await user.api.get(ME).expect(401);
    expect(after.body).toMatchObject({ error: 'Token has been revoked', code: 'UNAUTHORIZED' });
    await refresh(user.refreshToken).expect(401);
    await user.api.post('/api/v1/auth/logout').expect(401);

    const redis = testApp.app.get((await import('ioredis')).default);
    const jti = decodeClaims(user.accessToken).jti as string;
    const ttl = await redis.ttl(`jwt_blacklist:${jti}`);
    expect(ttl).toBeGreaterThan(1700);
    expect(ttl).toBeLessThanOrEqual(1800);
  });

  it('logout ends only that session', async () => {
    const user = await aSignedInUser(testApp.http);
    const phone = await signIn(testApp.http, user);
    await user.api.post('/api/v1/auth/logout').expect(200);
    await phone.api.get(ME).expect(200);
  });

  describe('change-password', () => {
    const CHANGE = '/api/v1/auth/change-password';

    it("refuses a wrong current password with the contract's 400", async () => {
      const user = await aSignedInUser(testApp.http);
      const res = await user.api
        .post(CHANGE)
        .send({ current_password: 'Wrong-Passw0rd', new_password: 'N3wSecur3Pass!' })
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'Current password is incorrect',
        code: 'VALIDATION_ERROR',
      });
    });

    it('applies the password policy to the new password, naming the field', async () => {
      const user = await aSignedInUser(testApp.http);
      const res = await user.api
        .post(CHANGE)
        .send({ current_password: user.password, new_password: 'weakpass' })
        .expect(400);
      expect(res.body.fields).toEqual(
        expect.arrayContaining([
          { field: 'new_password', message: 'new_password must contain an upper-case letter' },
          { field: 'new_password', message: 'new_password must contain a digit' },
        ]),
      );
    });

    it('changes the password, keeps this session and ends every other one', async () => {
      const user = await aSignedInUser(testApp.http);
      const other = await signIn(testApp.http, user);
      const res = await user.api
        .post(CHANGE)
        .send({ current_password: user.password, new_password: 'N3wSecur3Pass!' })
        .expect(200);
      expect(res.body).toEqual({ message: 'Password updated successfully' });

      await user.api.get(ME).expect(200);
      await refresh(user.refreshToken).expect(200);
      await other.api.get(ME).expect(401);
      await refresh(other.refreshToken).expect(401);

      await testApp.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      await signIn(testApp.http, { ...user, password: 'N3wSecur3Pass!' });
    });

    it('needs an access token', async () => {
      await testApp.http
        .post(CHANGE)
        .send({ current_password: 'x', new_password: 'N3wSecur3Pass!' })
        .expect(401);
    });
  });

  describe('rejected access tokens', () => {
    let user: SignedInUser;

    beforeAll(async () => {
      user = await aSignedInUser(testApp.http);
    });

    const expectUnauthorized = async (authorization: string | undefined, error: string) => {
      const req = testApp.http.get(ME);
      if (authorization !== undefined) void req.set('Authorization', authorization);
      const res = await req.expect(401);
      expect(res.body).toEqual({ error, code: 'UNAUTHORIZED', request_id: expect.any(String) });
    };

    it('no token, a wrong scheme, or a malformed token', async () => {
      await expectUnauthorized(undefined, 'Authentication required');
      await expectUnauthorized(`Basic ${user.accessToken}`, 'Authentication required');
      await expectUnauthorized('Bearer', 'Authentication required');
      await expectUnauthorized('Bearer not.a.jwt', 'Invalid token');
      await expectUnauthorized('Bearer a b', 'Authentication required');
    });

    it('a tampered payload or signature', async () => {
      const [header, payload, signature] = user.accessToken.split('.');
      const claims = { ...decodeClaims(user.accessToken), sub: '64f5a1b2c3d4e5f6789012ac' };
      const tamperedPayload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      await expectUnauthorized(`Bearer ${header}.${tamperedPayload}.${signature}`, 'Invalid token');
      const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
      await expectUnauthorized(`Bearer ${header}.${payload}.${flipped}`, 'Invalid token');
    });

    it('alg "none" (unsigned)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = user.accessToken.split('.')[1];
      await expectUnauthorized(`Bearer ${header}.${payload}.`, 'Invalid token');
    });

    it('signed with another key, or with another algorithm', async () => {
      const claims = decodeClaims(user.accessToken);
      await expectUnauthorized(
        `Bearer ${forge(testApp, { ...claims, exp: undefined }, 'another-secret-of-at-least-32-chars!!')}`,
        'Invalid token',
      );
      const hs512 = new JwtService({ secret: testApp.config.auth.jwtSecret }).sign(
        { sub: user.id, fam: claims.fam, typ: 'access' },
        { algorithm: 'HS512', jwtid: randomUUID(), expiresIn: 600 },
      );
      await expectUnauthorized(`Bearer ${hs512}`, 'Invalid token');
    });

    it('expired', async () => {
      const claims = decodeClaims(user.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const expired = forge(testApp, { ...claims, iat: now - 3600, exp: now - 1800 });
      await expectUnauthorized(`Bearer ${expired}`, 'Token expired');
    });

    it('a refresh token used as an access token', async () => {
      await expectUnauthorized(`Bearer ${user.refreshToken}`, 'Invalid token');
    });

    it('a correctly signed token for a family that never existed', async () => {
      const token = forge(testApp, { sub: user.id, fam: randomUUID(), typ: 'access' });
      await expectUnauthorized(`Bearer ${token}`, 'Token has been revoked');
    });
  });
});

/** Signs claims with the app's key (or another): tokens the server did not issue. */
function forge(
  testApp: TestApp,
  claims: Record<string, unknown>,
  secret = testApp.config.auth.jwtSecret,
): string {
  const { exp, ...rest } = claims;
  const signer = new JwtService({ secret });
  const body = { jti: randomUUID(), ...rest };
  return exp === undefined
    ? signer.sign(body, { algorithm: 'HS256', expiresIn: 600 })
    : signer.sign({ ...body, exp }, { algorithm: 'HS256' });
}

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
