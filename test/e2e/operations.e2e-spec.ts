import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@/bootstrap/swagger';
import { createTestApp, TestApp } from '@test/support/create-test-app';

describe('Operations: health, metrics, docs', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('GET /health is a cheap liveness probe', async () => {
    const res = await testApp.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/detailed reports every dependency up, with system figures', async () => {
    const res = await testApp.http.get('/health/detailed').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.document_store).toMatchObject({
      status: 'up',
      engine: expect.any(String),
    });
    expect(res.body.checks.redis).toMatchObject({ status: 'up' });
    expect(res.body.checks.storage).toMatchObject({ status: 'up', driver: 'local' });
    expect(res.body.checks.queue).toMatchObject({
      status: 'up',
      depth: { agents: { waiting: 0 }, webhooks: { waiting: 0, delayed: 0 } },
    });
    // The queues are consumed in this process, which says so in Redis.
    expect(res.body.checks.workers).toMatchObject({
      status: 'up',
      alive: 1,
      last_heartbeat_seconds_ago: expect.any(Number),
      in_process: true,
    });
    expect(res.body.ready).toBe(true);
    expect(res.body.system.memory.rss_mb).toBeGreaterThan(0);
    expect(res.body.system.cpu.cores).toBeGreaterThan(0);
    expect(res.body.system.disk.total_mb).toBeGreaterThan(0);
  });

  it('GET /metrics exposes the HTTP latency histogram by route template and status', async () => {
    await testApp.http.get('/health').expect(200);
    await testApp.http.get('/api/v1/missing/123').expect(404);
    const res = await testApp.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{.*method="GET",route="\/health",status_code="200"/,
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\}/,
    );
    expect(res.text).not.toContain('/api/v1/missing/123');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('serves Swagger UI at /docs and the document at /docs-json', async () => {
    const ui = await testApp.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const json = await testApp.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.paths['/health']).toBeDefined();
  });

  it('keeps the committed openapi.json in step with the code (UPDATE_OPENAPI=1 rewrites it)', () => {
    const file = join(__dirname, '..', '..', 'openapi.json');
    const generated = `${JSON.stringify(buildOpenApiDocument(testApp.app), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, generated);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });
});

describe('Detailed health with a broken dependency', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // A file where the storage directory should be: every write fails.
    testApp = await createTestApp({ STORAGE_LOCAL_DIR: '/dev/null/objects' });
  });
  afterAll(() => testApp.close());

  it('answers 503 and names the failing check', async () => {
    const res = await testApp.http.get('/health/detailed').expect(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.checks.storage.status).toBe('down');
    expect(res.body.checks.storage.error).toEqual(expect.any(String));
    expect(res.body.checks.redis.status).toBe('up');
  });
});

describe('Operations behind OPS_TOKEN', () => {
  let testApp: TestApp;
  const token = 'ops-token-for-tests-0123456789';

  beforeAll(async () => {
    testApp = await createTestApp({ OPS_TOKEN: token });
  });
  afterAll(() => testApp.close());

  it('keeps liveness open but asks for the token on detailed health and metrics', async () => {
    await testApp.http.get('/health').expect(200);
    const denied = await testApp.http.get('/metrics').expect(401);
    expect(denied.body.code).toBe('UNAUTHORIZED');
    await testApp.http.get('/health/detailed').set('Authorization', 'Bearer wrong').expect(401);
    await testApp.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    await testApp.http.get('/health/detailed').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
