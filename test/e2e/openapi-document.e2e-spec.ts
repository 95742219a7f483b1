import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@test/support/create-test-app';

/** The committed document (the operations spec keeps it equal to what the code generates). */
const document = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'),
) as OpenApi;

interface OpenApi {
  info: { title: string; description: string };
  externalDocs: { url: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Operation {
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}
interface Response {
  headers?: Record<string, unknown>;
  content?: Record<
    string,
    { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }
  >;
}
type Schema = Record<string, unknown> & {
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};

const schemas = document.components.schemas;
const resolve = (schema: Schema): Schema =>
  schema.$ref ? schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
const op = (path: string, method: string): Operation => document.paths[`/api/v1${path}`][method];

describe('openapi.json states what the server enforces', () => {
  it('types every limit and offset as a bounded integer', () => {
    const pages = Object.values(document.paths)
      .flatMap((item) => Object.values(item))
      .flatMap((operation) => operation.parameters ?? [])
      .filter((parameter) => ['limit', 'offset'].includes(parameter.name));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const parameter of pages) {
      expect(parameter.schema).toMatchObject({ type: 'integer', minimum: expect.any(Number) });
      expect(parameter.schema.maximum).toEqual(expect.any(Number));
    }
  });

  it('says email or phone number: exactly one to sign in, at least one to register', () => {
    expect(schemas.LoginDto.oneOf).toEqual([
      { required: ['email'] },
      { required: ['phone_number'] },
    ]);
    expect(schemas.RegisterDto.anyOf).toEqual([
      { required: ['email'] },
      { required: ['phone_number'] },
    ]);
    const password = schemas.RegisterDto.properties!.password;
    expect(password).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(password.description).toMatch(/common passwords/);
    expect(new RegExp(password.pattern as string).test('Corr3ctHorse')).toBe(true);
    expect(new RegExp(password.pattern as string).test('corr3cthorse')).toBe(false);
  });

  it('closes every request body to unknown fields and refuses an empty PATCH or PUT', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          const body = resolve(media.schema);
          expect([path, method, body.additionalProperties]).toEqual([path, method, false]);
          if (method === 'patch' || method === 'put') {
            expect([path, method, body.minProperties]).toEqual([path, method, 1]);
          }
        }
      }
    }
  });

  it('lists files only in the multipart variant of a body that takes them', () => {
    const content = op('/projects', 'post').requestBody!.content;
    expect(resolve(content['multipart/form-data'].schema).properties!.files).toBeDefined();
    expect(resolve(content['application/json'].schema).properties!.files).toBeUndefined();
    expect(resolve(content['application/json'].schema).required).toEqual(['initial_idea']);
  });

  it('documents the error body with fields, and the answers of every operation', () => {
    expect(schemas.ErrorResponse.properties!.fields).toMatchObject({ type: 'array' });
    const refresh = op('/auth/refresh', 'post').responses;
    expect(Object.keys(refresh)).toEqual(
      expect.arrayContaining(['400', '401', '413', '415', '503']),
    );
    const download = op('/files/{token}', 'get').responses;
    expect(Object.keys(download['403'].content!)).toEqual(['application/json']);
    expect(op('/files/{token}', 'get').parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['token', 'expires', 'filename', 'signature']),
    );
    const badRequest = op('/projects', 'post').responses['400'].content!['application/json'];
    expect(badRequest.example).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: [{ field: 'initial_idea' }],
    });
    const unavailable = op('/chats/{chat_id}/messages', 'post').responses['503'];
    expect(Object.keys(unavailable.content!['application/json'].examples!)).toEqual(
      expect.arrayContaining(['AI_UNAVAILABLE', 'SERVICE_UNAVAILABLE']),
    );
    expect(unavailable.headers).toHaveProperty('Retry-After');
    const limited = op('/auth/login', 'post').responses['429'];
    expect(limited.headers).toHaveProperty('Retry-After');
  });

  it('orders the tags by the journey, each described, under the product name', () => {
    expect(document.tags.map((tag) => tag.name)).toEqual([
      'auth',
      'users',
      'projects',
      'agents',
      'versions',
      'uploads',
      'chats',
      'webhooks',
      'files',
      'operations',
    ]);
    for (const tag of document.tags) expect(tag.description.length).toBeGreaterThan(20);
    expect(document.info.title).toBe('PRD Forge API');
    expect(document.externalDocs.url).toBe('/docs/readme#the-whole-journey-with-curl');
  });
});

describe('the README page the docs link to', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp?.close());

  it('serves the README with an anchor at the journey section', async () => {
    const res = await testApp.http.get('/docs/readme').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('id="the-whole-journey-with-curl"');
    expect(res.text).toContain('PRD Forge');
  });
});
