import { createTestApp, TestApp } from '@test/support/create-test-app';

describe('HTTP basics (real app, real services)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      CORS_ORIGINS: '["http://localhost:3000"]',
      JSON_BODY_LIMIT: '2048',
    });
  });
  afterAll(() => testApp.close());

  it('answers an unknown route with the error body and a request id', async () => {
    const res = await testApp.http.get('/api/v1/does-not-exist').expect(404);
    expect(res.body).toEqual({
      error: 'Route not found',
      code: 'NOT_FOUND',
      request_id: res.headers['x-request-id'],
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with a 400 VALIDATION_ERROR, never a stack trace', async () => {
    const res = await testApp.http
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"idea": ')
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR', error: 'Malformed JSON body' });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers a body over the JSON limit with 413', async () => {
    const res = await testApp.http
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(4096) }))
      .expect(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', error: 'Request body too large' });
  });

  it('echoes a plain X-Request-ID and replaces a hostile one', async () => {
    const kept = await testApp.http.get('/health').set('X-Request-ID', 'trace-123.abc').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-123.abc');

    const replaced = await testApp.http
      .get('/api/v1/nope')
      .set('X-Request-ID', 'bad id with spaces <script>')
      .expect(404);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body.request_id).toBe(replaced.headers['x-request-id']);
  });

  it("sends the contract's security headers and no X-Powered-By", async () => {
    const res = await testApp.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-xss-protection']).toBe('1; mode=block');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows configured CORS origins only', async () => {
    const allowed = await testApp.http
      .options('/api/v1/projects')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');

    const denied = await testApp.http
      .options('/api/v1/projects')
      .set('Origin', 'http://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a cross-origin GET with CORS headers, and a same-origin one with Vary: Origin only', async () => {
    const cross = await testApp.http
      .get('/health')
      .set('Origin', 'http://localhost:3000')
      .expect(200);
    expect(cross.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(cross.headers['access-control-allow-credentials']).toBe('true');
    expect(cross.headers['access-control-expose-headers']).toContain('X-Request-ID');
    expect(cross.headers.vary).toContain('Origin');
    expect(cross.headers['x-request-id']).toBeDefined();

    const plain = await testApp.http.get('/health').expect(200);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    expect(plain.headers.vary).toContain('Origin');
    expect(plain.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps idle connections open longer than a load balancer does', () => {
    const server = testApp.app.getHttpServer();
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
