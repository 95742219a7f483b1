import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo } from '@test/support/factories/agents';
import {
  aChat,
  aConcreteChat,
  chatOf,
  CONCRETE_IDEA,
  postMessage,
} from '@test/support/factories/chats';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';

const CHATS = '/api/v1/chats';
const convert = (user: SignedInUser, chatId: string, body: Record<string, unknown> = {}) =>
  user.api.post(`${CHATS}/${chatId}/convert-to-project`).send(body);

describe('Converting a chat into a project', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  afterAll(() => testApp.close());

  it('distils the idea, runs clarify, links both ways and answers 201 with the questions', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aConcreteChat(user.api);
    const res = await convert(user, chatId, { include_chat_history: true }).expect(201);
    expect(res.body).toEqual({
      project_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      message: 'Chat converted to project successfully',
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clarification_questions: expect.any(Array),
      source_chat_id: chatId,
    });
    const questions = res.body.clarification_questions as Record<string, unknown>[];
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(questions.length).toBeLessThanOrEqual(10);
    for (const question of questions) {
      expect(question).toEqual({
        lens: expect.any(String),
        question: expect.any(String),
        context: expect.any(String),
        options: expect.any(Array),
        recommended: expect.any(String),
        recommended_reason: expect.any(String),
      });
      expect(question.options).toContain(question.recommended);
    }

    expect(await chatOf(user.api, chatId)).toMatchObject({
      has_project: true,
      project_id: res.body.project_id,
    });
    const project = await user.api.get(`/api/v1/projects/${res.body.project_id}`).expect(200);
    expect(project.body.project).toMatchObject({
      project_name: 'App for dog walkers',
      source_chat_id: chatId,
      created_from_chat: true,
      status: 'active',
    });
    for (const said of CONCRETE_IDEA) expect(project.body.project.initial_idea).toContain(said);
    // The session is a real clarification round: its answers start the generation.
    await user.api
      .post(`/api/v1/projects/${res.body.project_id}/clarifications`)
      .send({
        session_id: res.body.session_id,
        answers: answersTo(questions, (_question, i) => (i === 0 ? 'City dog walkers' : '')),
      })
      .expect(202);
  });

  it('answers with the same project when converted twice, and after more messages', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aConcreteChat(user.api);
    const first = await convert(user, chatId, { project_name: 'Walkies PRD' }).expect(201);
    await postMessage(user.api, chatId, 'Also: owners want live GPS tracking.').expect(201);
    const second = await convert(user, chatId, { project_name: 'Another name' }).expect(201);
    // The held answer keeps every field of the questions, choices included.
    expect(second.body).toEqual(first.body);
    expect(second.body.clarification_questions[0].options.length).toBeGreaterThanOrEqual(2);
    const projects = await user.api.get('/api/v1/projects').expect(200);
    expect(projects.body.total).toBe(1);
    expect(projects.body.projects[0]).toMatchObject({
      id: first.body.project_id,
      project_name: 'Walkies PRD',
    });
  });

  it('converts once when asked concurrently (several tabs): one project, the same answer', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aConcreteChat(user.api);
    const answers = await Promise.all(Array.from({ length: 6 }, () => convert(user, chatId)));
    expect(answers.map((res) => res.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((res) => res.body.project_id as string)).size).toBe(1);
    expect(new Set(answers.map((res) => res.body.session_id as string)).size).toBe(1);
    const projects = await user.api.get('/api/v1/projects').expect(200);
    expect(projects.body.total).toBe(1);
  });

  it('refuses a chat with nothing to convert yet (409) and leaves no claim behind', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aChat(user.api);
    const empty = await convert(user, chatId).expect(409);
    expect(empty.body).toMatchObject({
      code: 'CONFLICT',
      error: 'The chat has no messages to convert yet',
    });
    const bad = await convert(user, chatId, { include_chat_history: 'yes' }).expect(400);
    expect(bad.body.fields).toEqual([
      { field: 'include_chat_history', message: expect.any(String) },
    ]);
    for (const content of CONCRETE_IDEA) await postMessage(user.api, chatId, content).expect(201);
    await convert(user, chatId).expect(201);
  });
});

describe('Chat summaries and reflections (stored with the chat)', () => {
  let testApp: TestApp;
  let user: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    user = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('summarises the conversation and lists the summaries with the chat, newest first', async () => {
    const chatId = await aChat(user.api);
    await postMessage(
      user.api,
      chatId,
      'A marketplace for freelance designers. We decided clients fund escrow before work starts.',
    ).expect(201);
    const first = await user.api.post(`${CHATS}/${chatId}/summary`).expect(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      summary: expect.stringMatching(/escrow/),
      model_used: 'offline',
      message_count: 2,
      created_at: expect.any(String),
    });
    await postMessage(user.api, chatId, 'Disputes go to a mediator within a week.').expect(201);
    const second = await user.api.post(`${CHATS}/${chatId}/summary`).expect(201);
    expect(second.body.message_count).toBe(4);
    const chat = await chatOf(user.api, chatId);
    expect(chat.summaries).toEqual([second.body, first.body]);
  });

  it('reflects on the conversation: decisions, open questions, lenses not discussed', async () => {
    const chatId = await aChat(user.api);
    await postMessage(
      user.api,
      chatId,
      'We decided clients fund escrow before work starts. How do we handle disputes?',
    ).expect(201);
    const res = await user.api.post(`${CHATS}/${chatId}/reflections`).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      reflections: expect.arrayContaining([
        'Decided: We decided clients fund escrow before work starts.',
        'Still open: How do we handle disputes?',
      ]),
      model_used: 'offline',
      message_count: 2,
      created_at: expect.any(String),
    });
    expect((await chatOf(user.api, chatId)).reflections).toEqual([res.body]);
  });

  it('refuses an empty chat (409)', async () => {
    const chatId = await aChat(user.api);
    const summary = await user.api.post(`${CHATS}/${chatId}/summary`).expect(409);
    expect(summary.body.error).toBe('The chat has no messages to summarise yet');
    const reflections = await user.api.post(`${CHATS}/${chatId}/reflections`).expect(409);
    expect(reflections.body.error).toBe('The chat has no messages to reflect on yet');
  });
});
