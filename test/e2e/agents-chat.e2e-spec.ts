import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ChatAgentService } from '@/agents/chat/chat-agent.service';
import type { LlmMessage } from '@/llm/llm.types';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';

describe('Chat agent (the service behind the chat routes), offline provider', () => {
  let testApp: TestApp;
  let chat: ChatAgentService;
  let user: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    chat = testApp.app.get(ChatAgentService);
    user = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('asks for what is missing, and suggests create_project once user, problem and feature are known', async () => {
    const first = await chat.reply({
      userId: user.id,
      history: [],
      message: 'I want to build an app for dog walkers.',
    });
    expect(first).toMatchObject({ suggested_actions: [], model_used: 'offline', summary: null });
    expect(first.idea.user).toBe('dog walkers');
    expect(first.content).toContain('What problem does this solve for dog walkers');

    const history: LlmMessage[] = [
      { role: 'user', content: 'I want to build an app for dog walkers.' },
      { role: 'assistant', content: first.content },
      { role: 'user', content: 'They lose track of which owners paid for which walk.' },
    ];
    const second = await chat.reply({
      userId: user.id,
      history,
      message: 'It lets them book walks and get paid in the app.',
    });
    expect(second.idea).toEqual({
      user: 'dog walkers',
      problem: 'They lose track of which owners paid for which walk.',
      core_feature: 'It lets them book walks and get paid in the app.',
    });
    expect(second.suggested_actions).toEqual([
      {
        type: 'create_project',
        label: 'Convert to PRD Project',
        description: 'Ready to create a full PRD?',
        initial_idea: expect.stringContaining('book walks'),
      },
    ]);
  });

  it('streams the reply as it is written: the pieces are the saved content, without the idea reading', async () => {
    const pieces: string[] = [];
    const reply = await chat.reply({
      userId: user.id,
      history: [],
      message: 'I want to build an app for dog walkers.',
      onDelta: (text) => pieces.push(text),
    });
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(reply.content);
    expect(reply.content).not.toContain('<idea>');
    expect(reply).toMatchObject({ model_used: 'offline', context_length: expect.any(Number) });
    expect(reply.tokens_used).toBeGreaterThan(reply.context_length);
  });

  it('reads a message longer than the whole budget as its summary instead of refusing it', async () => {
    const long = Array.from(
      { length: 800 },
      (_, i) => `Point ${i}: escrow for freelance designers settles in two days.`,
    ).join(' ');
    const reply = await chat.reply({ userId: user.id, history: [], message: long });
    expect(reply.content).toMatch(/\S/);
    expect(reply.context_length).toBeLessThan(6_000);
  });

  it('names a chat from its first message and distils the idea a project starts from', async () => {
    await expect(
      chat.title({ userId: user.id, message: 'I want to build an app for dog walkers.' }),
    ).resolves.toBe('App for dog walkers');
    const idea = await chat.distilIdea({
      userId: user.id,
      history: [
        { role: 'user', content: 'I want to build an app for dog walkers.' },
        { role: 'assistant', content: 'What problem does it solve?' },
        {
          role: 'user',
          content: 'They lose track of payments.\nI want to build an app for dog walkers.',
        },
      ],
    });
    expect(idea).toBe('I want to build an app for dog walkers. They lose track of payments.');
  });

  it('keeps a rolling summary when the history outgrows the budget', async () => {
    const history: LlmMessage[] = Array.from({ length: 30 }, (_, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `Message ${index}: the escrow payments for freelance designers must settle within two days of approval.`,
    }));
    const reply = await chat.reply({
      userId: user.id,
      history,
      message: 'What next?',
      budgetTokens: 300,
    });
    expect(reply.summarised_turns).toBeGreaterThan(0);
    expect(reply.summary).toMatch(/escrow/);
  });

  it('summarises and reflects on a chat (seed 001), each run logged', async () => {
    const history: LlmMessage[] = [
      { role: 'user', content: 'A marketplace for freelance designers and small agencies.' },
      { role: 'assistant', content: 'Who pays, and when?' },
      {
        role: 'user',
        content: 'We decided clients fund escrow before work starts. How do we handle disputes?',
      },
    ];
    const { summary, model_used } = await chat.summarize({
      userId: user.id,
      chatId: 'chat-1',
      history,
    });
    expect(model_used).toBe('offline');
    expect(summary).toMatch(/escrow/);
    const { reflections } = await chat.reflect({ userId: user.id, chatId: 'chat-1', history });
    expect(reflections).toEqual(
      expect.arrayContaining([
        'Decided: We decided clients fund escrow before work starts.',
        'Still open: How do we handle disputes?',
        expect.stringMatching(/^Not discussed yet: .*metrics/),
      ]),
    );
    const logs = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_logs')
      .find({ session_id: 'chat-1', node: null })
      .toArray();
    expect(logs.map((log) => log.agent_type as unknown).sort()).toEqual([
      'chat_reflection_agent',
      'chat_summary_agent',
    ]);
  });
});
