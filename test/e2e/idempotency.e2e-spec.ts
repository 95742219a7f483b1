import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import { aConcreteChat, aChat, chatOf, messagesOf } from '@test/support/factories/chats';
import { aProject, fieldNames, PROJECT_TEST_ENV } from '@test/support/factories/projects';

describe('Work-starting POSTs are idempotent: double-clicks, retries and Idempotency-Key', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  const versionsOf = async (projectId: string) =>
    (await owner.api.get(`/api/v1/projects/${projectId}/versions`).expect(200)).body.versions as {
      version: string;
    }[];

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('refuses clarifications with no answers, naming answers, and queues nothing', async () => {
    const project = await aProject(owner.api);
    const res = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers: [] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(fieldNames(res.body)).toEqual(['answers']);
    expect(await versionsOf(project.id)).toEqual([]);
  });

  it('a double-click (two identical clarifications at once, no key) starts one task and writes one version', async () => {
    const project = await aProject(owner.api);
    const body = {
      session_id: project.sessionId,
      answers: answersTo(project.body.clarification_questions, () => 'Dog walkers in cities'),
    };
    const post = () =>
      owner.api.post(`/api/v1/projects/${project.id}/clarifications`).send(body).expect(202);
    const [first, second] = await Promise.all([post(), post()]);
    expect(second.body.task_id).toBe(first.body.task_id);
    // A third, while the task is still queued or running, or done: never a second version.
    const done = await waitForTask(owner.api, project.id, first.body.task_id as string);
    expect(done.status).toBe('completed');
    expect((await versionsOf(project.id)).map((entry) => entry.version)).toEqual(['v1.0']);

    // Once the task has finished, the same answers are a new request: regenerate on purpose.
    const again = await post();
    expect(again.body.task_id).not.toBe(first.body.task_id);
    await waitForTask(owner.api, project.id, again.body.task_id as string);
    expect((await versionsOf(project.id)).map((entry) => entry.version)).toEqual(['v1.1', 'v1.0']);
  });

  it('Idempotency-Key: the same request answers the same response (one task, one version); another request with it is a 422', async () => {
    const project = await aProject(owner.api);
    const key = randomUUID();
    const body = {
      session_id: project.sessionId,
      answers: answersTo(project.body.clarification_questions, () => 'Bakeries'),
    };
    const post = (sent: unknown) =>
      owner.api
        .post(`/api/v1/projects/${project.id}/clarifications`)
        .set('Idempotency-Key', key)
        .send(sent as object);
    const [first, second] = await Promise.all([post(body), post(body)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body).toEqual(first.body);
    const replayed = [first, second].map((res) => res.headers['idempotent-replayed']);
    expect(replayed.sort()).toEqual(['true', undefined]);
    await waitForTask(owner.api, project.id, first.body.task_id as string);

    // Later, even after the task finished: still the first response, still one version.
    const later = await post(body).expect(202);
    expect(later.body).toEqual(first.body);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(await versionsOf(project.id)).toHaveLength(1);

    const changed = await post({ ...body, answers: body.answers.slice(1) }).expect(422);
    expect(changed.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      error: 'This Idempotency-Key was already used for a different request; use a new key',
    });
    // The same key on another route is another request too.
    const elsewhere = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .set('Idempotency-Key', key)
      .send({ mode: 'think', message: 'Why?' })
      .expect(422);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Keys are the user's own: another user's identical key is unrelated.
    const stranger = await aSignedInUser(testApp.http);
    const theirs = await aProject(stranger.api);
    await stranger.api
      .post(`/api/v1/projects/${theirs.id}/clarifications`)
      .set('Idempotency-Key', key)
      .send({ session_id: theirs.sessionId, answers: body.answers })
      .expect(202);
  });

  it('a failed request frees its key; a malformed key is a 400 naming the header', async () => {
    const project = await aProject(owner.api);
    const key = randomUUID();
    const iterate = () =>
      owner.api
        .post(`/api/v1/projects/${project.id}/iterate`)
        .set('Idempotency-Key', key)
        .send({ mode: 'think', message: 'What is the riskiest assumption?' });
    // No PRD yet: 409, and nothing is recorded under the key.
    await iterate().expect(409);
    const answers = answersTo(project.body.clarification_questions, () => 'Bakeries');
    const generated = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    await waitForTask(owner.api, project.id, generated.body.task_id as string);
    const retried = await iterate().expect(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect((await iterate().expect(202)).body).toEqual(retried.body);

    const bad = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .set('Idempotency-Key', 'two words')
      .send({ mode: 'think', message: 'Why?' })
      .expect(400);
    expect(fieldNames(bad.body)).toEqual(['Idempotency-Key']);
  });

  it('chat messages: the same message sent twice at once with one key is saved and answered once', async () => {
    const chatId = await aChat(owner.api);
    const key = randomUUID();
    const send = () =>
      owner.api
        .post(`/api/v1/chats/${chatId}/messages`)
        .set('Idempotency-Key', key)
        .field('content', 'I want to build an app for dog walkers.');
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages).toHaveLength(2);
    expect(await chatOf(owner.api, chatId)).toMatchObject({ message_count: 2 });
  });

  it('convert-to-project replays its response for the same key', async () => {
    const chatId = await aConcreteChat(owner.api);
    const key = randomUUID();
    const convert = () =>
      owner.api
        .post(`/api/v1/chats/${chatId}/convert-to-project`)
        .set('Idempotency-Key', key)
        .send({});
    const first = await convert().expect(201);
    const second = await convert().expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });
});
