import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, fieldNames, PROJECT_TEST_ENV } from '@test/support/factories/projects';

const DEEP_ARRAY = '['.repeat(50_000) + ']'.repeat(50_000);
const DEEP_OBJECT = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);

describe('Malformed JSON bodies are a 4xx naming the problem, never a 500', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let projectId: string;
  let sessionId: string;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
    ({ id: projectId, sessionId } = await aProject(owner.api));
  });
  afterAll(() => testApp.close());

  const post = (url: string, body: string) =>
    owner.api.post(url).set('Content-Type', 'application/json').send(body);
  const endpoints = () => [
    '/api/v1/auth/register',
    '/api/v1/auth/login',
    '/api/v1/projects',
    `/api/v1/projects/${projectId}/clarifications`,
    `/api/v1/projects/${projectId}/iterate`,
    `/api/v1/projects/${projectId}/versions`,
    '/api/v1/ai/markdown-edit',
  ];

  // The value found 17 levels down (the body itself is level 1) is the one named.
  it('refuses 50,000 nested brackets or objects, at the top or inside a field, on every endpoint', async () => {
    const bodies: [string, string][] = [
      [DEEP_ARRAY, 'body'],
      [DEEP_OBJECT, 'a' + '.a'.repeat(15)],
      [`{"initial_idea":${DEEP_ARRAY}}`, 'initial_idea' + '[0]'.repeat(15)],
      [`{"answers":[${DEEP_OBJECT}]}`, 'answers[0]' + '.a'.repeat(14)],
    ];
    for (const url of endpoints()) {
      for (const [body, field] of bodies) {
        const res = await post(url, body);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.code).toBe('VALIDATION_ERROR');
        expect(fieldNames(res.body)).toEqual([field]);
        expect(res.body.error).toMatch(/nested deeper than 16 levels|must be an object/);
      }
    }
  });

  it('refuses huge arrays and objects before copying them, naming the field', async () => {
    const items = Array(300_000).fill('1').join(',');
    const res = await post(
      `/api/v1/projects/${projectId}/clarifications`,
      `{"answers":[${items}]}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'answers', message: 'answers must contain no more than 1000 items' },
    ]);
    const keys = Array.from({ length: 20_000 }, (_, index) => `"k${index}":1`).join(',');
    const wide = await post('/api/v1/projects', `{${keys}}`);
    expect(wide.status).toBe(400);
    expect(fieldNames(wide.body)).toEqual(['body']);
  });

  it('reports wrong types at any depth by field, and at most 50 problems', async () => {
    const url = `/api/v1/projects/${projectId}/clarifications`;
    const wrong = await post(
      url,
      JSON.stringify({
        session_id: sessionId,
        answers: [{ lens: 'discovery', question: { a: [1, { b: 2 }] }, answer: [[['x']]] }],
      }),
    );
    expect(wrong.status).toBe(400);
    expect(new Set(fieldNames(wrong.body))).toEqual(
      new Set(['answers.0.question', 'answers.0.answer']),
    );
    for (const answers of [[null, 1, 'x', true], { 0: { lens: 'discovery' } }, 'none']) {
      const res = await post(url, JSON.stringify({ session_id: sessionId, answers }));
      expect(res.status).toBe(400);
      expect(fieldNames(res.body).every((field) => field.startsWith('answers'))).toBe(true);
    }
    const many = await post(
      url,
      JSON.stringify({ session_id: sessionId, answers: Array(1_000).fill({ lens: 1 }) }),
    );
    expect(many.status).toBe(400);
    expect(many.body.fields.length).toBeLessThanOrEqual(50);

    const lens = await post(
      `/api/v1/projects/${projectId}/versions`,
      JSON.stringify({
        prd_content: '# P',
        flowchart_content: 'graph TD',
        changes: 'c',
        thinking_lens_status: [[true]],
      }),
    );
    expect(lens.status).toBe(400);
    expect(fieldNames(lens.body)[0]).toMatch(/^thinking_lens_status/);
    const turns = await post(
      '/api/v1/ai/markdown-edit',
      JSON.stringify({ chat_history: [null, [1]], current_markdown: 'a', original_markdown: 'a' }),
    );
    expect(turns.status).toBe(400);
    expect(fieldNames(turns.body)[0]).toMatch(/^chat_history/);
  });

  it('refuses a top-level array or scalar, and prototype keys', async () => {
    for (const body of ['[1,2,3]', '[]']) {
      const res = await post('/api/v1/projects', body);
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([
        { field: 'body', message: 'the JSON body must be an object' },
      ]);
    }
    expect((await post('/api/v1/projects', '"just a string"')).status).toBe(400);
    const url = `/api/v1/projects/${projectId}/clarifications`;
    for (const [body, field] of [
      [`{"__proto__":{"admin":true},"answers":[],"session_id":"${sessionId}"}`, '__proto__'],
      [
        `{"answers":[{"constructor":{"prototype":{}}}],"session_id":"${sessionId}"}`,
        'answers[0].constructor',
      ],
    ]) {
      const res = await post(url, body);
      expect(res.status).toBe(400);
      expect(fieldNames(res.body)).toEqual([field]);
    }
  });
});
