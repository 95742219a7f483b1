import Redis from 'ioredis';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, as, SignedInUser } from '@test/support/factories';

const ME = '/api/v1/users/me';
const REFRESH = '/api/v1/auth/refresh';

/** The `jti` and `fam` of a token (no verification: the API does that). */
function claimsOf(token: string): { jti: string; fam: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    jti: string;
    fam: string;
  };
}

describe('Refresh reuse window: two tabs refreshing at once stay signed in', () => {
  let testApp: TestApp;
  let redis: Redis;
  const refresh = (token: string) => testApp.http.post(REFRESH).send({ refresh_token: token });
  /** The reuse window has passed for this spent token (its rotation record expired). */
  const windowPassed = (spentRefreshToken: string) => {
    const { jti, fam } = claimsOf(spentRefreshToken);
    return redis.del(`${testApp.config.redis.keyPrefix}token_rotation:${fam}:${jti}`);
  };

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
    redis = new Redis(testApp.config.redis.url!);
  });
  afterAll(async () => {
    redis.disconnect();
    await testApp.close();
  });

  it('is 20 seconds by default', () => {
    expect(testApp.config.auth.refreshReuseWindowSeconds).toBe(20);
  });

  it('inside the window: concurrent refreshes with one token all get the same new pair, and the sign-in lives on', async () => {
    const user: SignedInUser = await aSignedInUser(testApp.http);
    const results = await Promise.all([1, 2, 3].map(() => refresh(user.refreshToken)));
    expect(results.map((res) => res.status)).toEqual([200, 200, 200]);
    const pairs = results.map((res): [string, string] => [
      res.body.access_token as string,
      res.body.refresh_token as string,
    ]);
    expect(pairs[1]).toEqual(pairs[0]);
    expect(pairs[2]).toEqual(pairs[0]);
    const [accessToken, refreshToken] = pairs[0];
    expect(refreshToken).not.toBe(user.refreshToken);

    await as(testApp.http, accessToken).get(ME).expect(200);
    // Presented again a moment later (the slower tab): still the same pair.
    const late = await refresh(user.refreshToken).expect(200);
    expect(late.body.refresh_token).toBe(refreshToken);
    // The new token rotates on as usual; the family was never ended.
    const next = await refresh(refreshToken).expect(200);
    await as(testApp.http, next.body.access_token).get(ME).expect(200);
    await user.api.get(ME).expect(200);
  });

  it('outside the window: the spent token coming back ends the family, as before', async () => {
    const user = await aSignedInUser(testApp.http);
    const rotated = (await refresh(user.refreshToken).expect(200)).body;
    await windowPassed(user.refreshToken);

    const reuse = await refresh(user.refreshToken).expect(401);
    expect(reuse.body).toMatchObject({
      error: 'Refresh token reuse detected: the session was ended',
      code: 'UNAUTHORIZED',
    });
    await refresh(rotated.refresh_token).expect(401);
    await as(testApp.http, rotated.access_token).get(ME).expect(401);
  });

  it('outside the window, concurrently: of two refreshes with a spent token neither wins, and the family ends', async () => {
    const user = await aSignedInUser(testApp.http);
    const rotated = (await refresh(user.refreshToken).expect(200)).body;
    await windowPassed(user.refreshToken);
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect(results.map((res) => res.status)).toEqual([401, 401]);
    await as(testApp.http, rotated.access_token).get(ME).expect(401);
  });

  it('a window does not revive an ended family: after logout the spent token is refused', async () => {
    const user = await aSignedInUser(testApp.http);
    const rotated = (await refresh(user.refreshToken).expect(200)).body;
    await as(testApp.http, rotated.access_token).post('/api/v1/auth/logout').expect(200);
    const res = await refresh(user.refreshToken).expect(401);
    expect(res.body.error).toBe('Invalid or expired refresh token');
  });

  it('with the window off (0), the second of two concurrent refreshes is a reuse', async () => {
    const strict = await createTestApp({
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      REFRESH_REUSE_WINDOW_SECONDS: '0',
    });
    try {
      const user = await aSignedInUser(strict.http);
      const results = await Promise.all(
        [1, 2].map(() => strict.http.post(REFRESH).send({ refresh_token: user.refreshToken })),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
      const winner = results.find((res) => res.status === 200)!;
      await as(strict.http, winner.body.access_token).get(ME).expect(401);
    } finally {
      await strict.close();
    }
  });
});
