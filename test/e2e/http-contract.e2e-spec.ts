import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';

describe('HTTP contract: methods, encodings, integer queries, docs headers', () => {
  let testApp: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    user = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp?.close());

  it('answers a known path asked with an undeclared method with 405 and Allow', async () => {
    const res = await testApp.http.put('/api/v1/auth/login').send({}).expect(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);

    const project = await user.api.delete('/api/v1/projects').expect(405);
    expect(project.headers.allow).toBe('GET, HEAD, POST');
  });

  it('keeps 404 for a path no route has', async () => {
    const res = await testApp.http.put('/api/v1/no-such-thing').expect(404);
    expect(res.headers.allow).toBeUndefined();
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', error: 'Route not found' });
  });

  it('refuses a body that is neither JSON nor multipart with 415 before acting on it', async () => {
    const form = await user.api
      .patch('/api/v1/users/me')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('full_name=Changed')
      .expect(415);
    expect(form.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const text = await testApp.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(text.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const me = await user.api.get('/api/v1/users/me').expect(200);
    expect(me.body.full_name).toBe(user.full_name);
  });

  it('still takes a bodiless POST (Content-Length: 0)', async () => {
    const other = await aSignedInUser(testApp.http);
    await other.api.post('/api/v1/auth/logout').set('Content-Length', '0').expect(200);
  });

  it('answers a bodiless POST with an Idempotency-Key with a 400, not a 500', async () => {
    const res = await user.api
      .post('/api/v1/projects')
      .set('Idempotency-Key', 'a-bodiless-post')
      .expect(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ field: 'initial_idea' }));
  });

  it.each(['0x10', '', ' 1', '1e1', '2.5'])(
    'refuses limit=%j instead of reading it as a number',
    async (limit) => {
      const res = await user.api
        .get(`/api/v1/projects?limit=${encodeURIComponent(limit)}`)
        .expect(400);
      expect(res.body.fields).toContainEqual({
        field: 'limit',
        message: 'limit must be an integer number',
      });
    },
  );

  it('reads limit=3 and offset=0 as integers', async () => {
    const res = await user.api.get('/api/v1/projects?limit=3&offset=0').expect(200);
    expect(res.body.limit).toBe(3);
  });

  it('drops upgrade-insecure-requests on the docs only, so Swagger UI loads over plain HTTP', async () => {
    const docs = await testApp.http.get('/docs').expect(200);
    const docsPolicy = docs.headers['content-security-policy'];
    expect(docsPolicy).toContain("default-src 'self'");
    expect(docsPolicy).not.toContain('upgrade-insecure-requests');
    const asset = await testApp.http.get('/docs/swagger-ui-bundle.js').expect(200);
    expect(asset.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');

    const api = await testApp.http.get('/health').expect(200);
    expect(api.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(api.headers['x-frame-options']).toBe('DENY');
    // A path that merely starts with "docs" is not the docs.
    const other = await testApp.http.get('/docsx').expect(404);
    expect(other.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
