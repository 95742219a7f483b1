import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { fieldNames, PROJECT_TEST_ENV } from '@test/support/factories/projects';

const ORIGINAL = [
  '# Pace PRD',
  '',
  '## Success Metrics',
  '',
  '- Weekly active runners',
  '',
  '## Risks',
  '',
  '- Injuries from overtraining',
  '',
].join('\n');

describe('POST /api/v1/ai/markdown-edit (offline provider)', () => {
  let testApp: TestApp;
  let user: SignedInUser;
  const edit = (body: Record<string, unknown>) =>
    user.api.post('/api/v1/ai/markdown-edit').send({ original_markdown: ORIGINAL, ...body });

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    user = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('applies the last user turn and answers the edited file with a unified diff', async () => {
    const res = await edit({
      current_markdown: ORIGINAL,
      chat_history: [
        { role: 'user', content: 'The metrics section reads like a dashboard.' },
        { role: 'assistant', content: 'Calling it KPIs would be clearer.' },
        { role: 'user', content: 'Rename "Success Metrics" to "KPIs"' },
      ],
    }).expect(200);
    expect(res.body).toEqual({
      edited_markdown: ORIGINAL.replace('Success Metrics', 'KPIs'),
      diff: expect.stringContaining('-## Success Metrics\n+## KPIs'),
      too_different: false,
      changed: true,
      model_used: 'offline',
    });
    expect(res.body.diff).toMatch(/^=+\n--- current\.md\n\+\+\+ edited\.md/m);
  });

  it('adds a section filled from what the chat said, and restores a section from the original', async () => {
    const added = await edit({
      current_markdown: ORIGINAL,
      chat_history: [
        { role: 'user', content: 'Pricing: a free plan and 8 euros a month for coaching.' },
        { role: 'user', content: 'Add a section on pricing' },
      ],
    }).expect(200);
    expect(added.body.edited_markdown).toContain(
      '## Pricing\n\n- Pricing: a free plan and 8 euros a month for coaching.',
    );

    const damaged = ORIGINAL.replace('- Injuries from overtraining', '- (deleted by mistake)');
    const restored = await edit({
      current_markdown: damaged,
      chat_history: [{ role: 'user', content: 'Restore the risks section' }],
    }).expect(200);
    expect(restored.body.edited_markdown).toBe(ORIGINAL);

    const removed = await edit({
      current_markdown: ORIGINAL,
      chat_history: [{ role: 'user', content: 'Remove the risks section' }],
    }).expect(200);
    expect(removed.body.edited_markdown).not.toContain('Risks');
    expect(removed.body.edited_markdown).toContain('## Success Metrics');
  });

  it('logs the run in agent_logs without a project', async () => {
    await edit({
      current_markdown: ORIGINAL,
      chat_history: [{ role: 'user', content: 'Add a section on launch' }],
    }).expect(200);
    const log = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_logs')
      .findOne({ agent_type: 'markdown_edit_agent', node: null });
    expect(log).toMatchObject({ status: 'success', project_id: null, model_used: 'offline' });
  });

  it('names the field on bad input, and needs a signed-in user', async () => {
    const noTurns = await edit({ current_markdown: ORIGINAL, chat_history: [] }).expect(400);
    expect(fieldNames(noTurns.body)).toEqual(['chat_history']);
    const noUser = await edit({
      current_markdown: ORIGINAL,
      chat_history: [{ role: 'assistant', content: 'Hello' }],
    }).expect(400);
    expect(fieldNames(noUser.body)).toEqual(['chat_history']);
    const badRole = await edit({
      current_markdown: 42,
      chat_history: [{ role: 'robot', content: 'x' }],
    }).expect(400);
    expect([...new Set(fieldNames(badRole.body))].sort()).toEqual([
      'chat_history.0.role',
      'current_markdown',
    ]);
    await testApp.http.post('/api/v1/ai/markdown-edit').send({}).expect(401);
  });
});

describe('POST /api/v1/ai/markdown-edit: rate limit (ai group)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, RATE_LIMIT_AI_PER_HOUR: '2' });
  });
  afterAll(() => testApp.close());

  it('answers 429 with Retry-After beyond the per-user limit', async () => {
    const user = await aSignedInUser(testApp.http);
    const body = {
      current_markdown: ORIGINAL,
      original_markdown: ORIGINAL,
      chat_history: [{ role: 'user', content: 'Add a section on launch' }],
    };
    for (let i = 0; i < 2; i++)
      await user.api.post('/api/v1/ai/markdown-edit').send(body).expect(200);
    const limited = await user.api.post('/api/v1/ai/markdown-edit').send(body).expect(429);
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
