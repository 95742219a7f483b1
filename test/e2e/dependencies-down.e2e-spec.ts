import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { ensureFerretDb, startFerretDb } from '@/infra/local-services/ferretdb';
import { ManagedProcess } from '@/infra/local-services/managed-process';
import { pickPort } from '@/infra/local-services/ports';
import { ensureRedisServer, startRedis } from '@/infra/local-services/redis';

/**
 * How long a dependency stays frozen at most: the request and the health check below each end on
 * a timeout of 2 s (Redis command, health check) or 4 s (document store), and the test thaws it as
 * soon as they have answered. The margin is for a loaded machine, and costs nothing otherwise.
 */
const FROZEN_MS = 20_000;

/**
 * Our own Redis and FerretDB for this file (the suite's shared ones must never be frozen),
 * persistent so that a restart keeps sessions and documents, restartable on the same port.
 */
class ThrowawayService {
  private process!: ManagedProcess;

  constructor(private readonly launch: () => Promise<ManagedProcess>) {}

  async start(): Promise<void> {
    this.process = await this.launch();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  /** Runs `during` with the process stopped by SIGSTOP, resumed after FROZEN_MS at the latest. */
  async frozen<T>(during: (stillFrozen: () => boolean) => Promise<T>): Promise<T> {
    const pid = this.process.pid!;
    process.kill(pid, 'SIGSTOP');
    let frozen = true;
    const thaw = () => {
      if (!frozen) return;
      frozen = false;
      process.kill(pid, 'SIGCONT');
    };
    const timer = setTimeout(thaw, FROZEN_MS);
    try {
      return await during(() => frozen);
    } finally {
      clearTimeout(timer);
      thaw();
    }
  }
}

describe('A dependency that hangs or goes away fails requests fast with 503, and recovers', () => {
  let dataDir: string;
  let redis: ThrowawayService;
  let store: ThrowawayService;
  let testApp: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-deps-'));
    const [redisPort, storePort] = [await pickPort(0), await pickPort(0)];
    const redisBinary = await ensureRedisServer(() => undefined);
    const storeBinary = await ensureFerretDb(() => undefined);
    redis = new ThrowawayService(() => startRedis(redisBinary, redisPort, dataDir, true));
    store = new ThrowawayService(() => startFerretDb(storeBinary, storePort, dataDir));
    await redis.start();
    await store.start();
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      MONGODB_URI: `mongodb://127.0.0.1:${storePort}/deps`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      // Short enough to fail fast while frozen, long enough for a slow answer on a loaded machine.
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      MONGODB_TIMEOUT_MS: '4000',
      RUN_WORKERS_IN_API: 'false',
    });
    user = await aSignedInUser(testApp.http);
  }, 120_000);
  afterAll(async () => {
    await testApp?.close();
    await redis?.stop();
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const me = () => user.api.get('/api/v1/users/me');
  const projects = () => user.api.get('/api/v1/projects');
  const detailedHealth = () => testApp.http.get('/health/detailed');
  const expectUnavailable = (res: { status: number; body: Record<string, unknown> }) => {
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: 'Service temporarily unavailable; try again shortly',
      code: 'SERVICE_UNAVAILABLE',
      request_id: expect.any(String),
    });
  };
  const recovered = (request: () => ReturnType<typeof me>) =>
    eventually('recovery', async () => ((await request()).status === 200 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });

  it('answers 503 while Redis is frozen, says Redis is down, and recovers when it thaws', async () => {
    await me().expect(200);
    await redis.frozen(async (stillFrozen) => {
      const res = await me();
      expect(stillFrozen()).toBe(true);
      expectUnavailable(res);
      expect(res.headers['retry-after']).toBe('5');
      const health = await detailedHealth();
      expect(stillFrozen()).toBe(true);
      expect(health.status).toBe(503);
      expect(health.body.checks.redis).toEqual({
        status: 'down',
        latency_ms: expect.any(Number),
        error: 'timed out',
      });
      expect(health.body.checks.document_store.status).toBe('up');
    });
    await recovered(me);
  }, 60_000);

  it('answers 503 while Redis is stopped, and recovers when it is started again', async () => {
    await redis.stop();
    expectUnavailable(await me());
    const health = await detailedHealth().expect(503);
    expect(health.body.checks.redis).toMatchObject({ status: 'down' });
    expect(JSON.stringify(health.body)).not.toMatch(
      /ECONNREFUSED|127\.0\.0\.1|Connection is closed/,
    );
    await redis.start();
    await recovered(me);
  }, 60_000);

  it('answers 503 while the document store is frozen, says it is down, and recovers when it thaws', async () => {
    await projects().expect(200);
    await store.frozen(async (stillFrozen) => {
      const res = await projects();
      expect(stillFrozen()).toBe(true);
      expectUnavailable(res);
      const health = await detailedHealth();
      expect(stillFrozen()).toBe(true);
      expect(health.status).toBe(503);
      expect(health.body.checks.document_store).toEqual({
        status: 'down',
        latency_ms: expect.any(Number),
        error: expect.stringMatching(/^(timed out|unavailable)$/),
      });
      expect(health.body.checks.redis.status).toBe('up');
    });
    await recovered(projects);
  }, 60_000);

  it('answers 503 while the document store is stopped, and recovers when it is started again', async () => {
    await store.stop();
    expectUnavailable(await projects());
    const health = await detailedHealth().expect(503);
    expect(health.body.checks.document_store).toMatchObject({ status: 'down' });
    expect(JSON.stringify(health.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Mongo/);
    await store.start();
    await recovered(projects);
  }, 60_000);
});
