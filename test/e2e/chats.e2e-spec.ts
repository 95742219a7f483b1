import Redis from 'ioredis';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat, chatOf, messagesOf, postMessage } from '@test/support/factories/chats';
import { fieldNames, idsOf, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { connectToChat, listeningUrl, RefusedConnection } from '@test/support/realtime-client';

const CHATS = '/api/v1/chats';

describe('Chats: create, list, read, rename, archive, soft delete, ownership', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it("creates a named chat (the contract's body) and reads it back with its counts", async () => {
    const res = await owner.api.post(CHATS).send({ chat_name: 'My New Product Chat' }).expect(201);
    expect(res.body).toEqual({
      chat_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      chat_name: 'My New Product Chat',
      created_at: expect.any(String),
      name_source: 'user',
    });
    expect(await chatOf(owner.api, res.body.chat_id)).toEqual({
      id: res.body.chat_id,
      chat_name: 'My New Product Chat',
      name_source: 'user',
      status: 'active',
      created_at: res.body.created_at,
      updated_at: expect.any(String),
      last_message_at: null,
      message_count: 0,
      has_project: false,
      project_id: null,
      summaries: [],
      reflections: [],
    });
  });

  it('names an unnamed chat with a placeholder, then with a short AI title after the first message', async () => {
    const res = await owner.api.post(CHATS).send({}).expect(201);
    expect(res.body).toMatchObject({ chat_name: 'New chat', name_source: 'placeholder' });
    await postMessage(
      owner.api,
      res.body.chat_id,
      'I want to build an app for dog walkers.',
    ).expect(201);
    expect(await chatOf(owner.api, res.body.chat_id)).toMatchObject({
      chat_name: 'App for dog walkers',
      name_source: 'ai',
      message_count: 2,
    });
  });

  it('keeps a name the user chose: the AI never titles a named (or renamed) chat', async () => {
    const named = await aChat(owner.api, 'Walkies');
    await postMessage(owner.api, named, 'I want to build an app for dog walkers.').expect(201);
    expect(await chatOf(owner.api, named)).toMatchObject({ chat_name: 'Walkies' });

    const renamed = await aChat(owner.api);
    await owner.api.put(`${CHATS}/${renamed}`).send({ chat_name: 'Mine <3 🐕' }).expect(200);
    await postMessage(owner.api, renamed, 'I want to build an app for dog walkers.').expect(201);
    expect(await chatOf(owner.api, renamed)).toMatchObject({
      chat_name: 'Mine <3 🐕',
      name_source: 'user',
    });
  });

  it('lists by status, newest first, paged with limit, offset and total', async () => {
    const user = await aSignedInUser(testApp.http);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await aChat(user.api, `Chat ${i}`));
    await user.api.put(`${CHATS}/${ids[1]}`).send({ status: 'archived' }).expect(200);

    const first = await user.api.get(CHATS).query({ limit: 2 }).expect(200);
    expect(first.body).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(idsOf(first.body.chats)).toEqual([ids[4], ids[3]]);
    const second = await user.api.get(CHATS).query({ limit: 2, offset: 2 }).expect(200);
    expect(idsOf(second.body.chats)).toEqual([ids[2], ids[0]]);
    expect(second.body.chats[0]).toEqual({
      id: ids[2],
      chat_name: 'Chat 2',
      name_source: 'user',
      status: 'active',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      last_message_at: null,
      message_count: 0,
      has_project: false,
      project_id: null,
    });

    const archived = await user.api.get(CHATS).query({ status: 'archived' }).expect(200);
    expect(archived.body).toMatchObject({ total: 1 });
    expect(idsOf(archived.body.chats)).toEqual([ids[1]]);
    await user.api.put(`${CHATS}/${ids[1]}`).send({ status: 'active' }).expect(200);
    expect((await user.api.get(CHATS).expect(200)).body.total).toBe(5);
  });

  it("renames (the contract's message) and refuses what it would have to rewrite, naming the field", async () => {
    const chatId = await aChat(owner.api);
    const res = await owner.api
      .put(`${CHATS}/${chatId}`)
      .send({ chat_name: 'Updated Chat Name' })
      .expect(200);
    expect(res.body).toMatchObject({
      message: 'Chat updated successfully',
      chat: { id: chatId, chat_name: 'Updated Chat Name', name_source: 'user' },
    });

    for (const chat_name of ['two\nlines', '   ', '', 'x'.repeat(101), null]) {
      const refused = await owner.api.put(`${CHATS}/${chatId}`).send({ chat_name }).expect(400);
      expect(new Set(fieldNames(refused.body))).toEqual(new Set(['chat_name']));
    }
    const nothing = await owner.api.put(`${CHATS}/${chatId}`).send({}).expect(400);
    expect(fieldNames(nothing.body)).toEqual(['chat_name']);
    const deleting = await owner.api
      .put(`${CHATS}/${chatId}`)
      .send({ status: 'deleted' })
      .expect(400);
    expect(fieldNames(deleting.body)).toEqual(['status']);
    const bad = await owner.api.post(CHATS).send({ chat_name: 'tab\there' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(fieldNames(bad.body)).toEqual(['chat_name']);
    const page = await owner.api.get(CHATS).query({ limit: 101, status: 'gone' }).expect(400);
    expect(fieldNames(page.body).sort()).toEqual(['limit', 'status']);
  });

  it('refuses new messages on an archived chat until it is restored', async () => {
    const chatId = await aChat(owner.api);
    await owner.api.put(`${CHATS}/${chatId}`).send({ status: 'archived' }).expect(200);
    const refused = await postMessage(owner.api, chatId, 'Hello there').expect(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', status: 'archived' });
    await owner.api.get(`${CHATS}/${chatId}/messages`).expect(200);
    await owner.api.put(`${CHATS}/${chatId}`).send({ status: 'active' }).expect(200);
    await postMessage(owner.api, chatId, 'Hello there').expect(201);
  });

  describe('soft delete and ownership: a 404 on every route and in the room', () => {
    let baseUrl: string;

    beforeAll(async () => {
      baseUrl = await listeningUrl(testApp);
    });

    const everyRoute = (chatId: string, user: SignedInUser) => [
      user.api.get(`${CHATS}/${chatId}`),
      user.api.put(`${CHATS}/${chatId}`).send({ chat_name: 'Mine now' }),
      user.api.get(`${CHATS}/${chatId}/messages`),
      postMessage(user.api, chatId, 'Hello'),
      user.api.post(`${CHATS}/${chatId}/convert-to-project`).send({}),
      user.api.post(`${CHATS}/${chatId}/summary`),
      user.api.post(`${CHATS}/${chatId}/reflections`),
      user.api.delete(`${CHATS}/${chatId}`),
    ];
    const roomRefusal = (chatId: string, user: SignedInUser) =>
      connectToChat(baseUrl, chatId, { auth: { token: user.accessToken } }).then(
        (socket) => {
          socket.close();
          throw new Error('the room admitted the caller');
        },
        (error: RefusedConnection) => error.data,
      );

    it("answers someone else's chat exactly like a missing one", async () => {
      const chatId = await aChat(owner.api, 'Private');
      await postMessage(owner.api, chatId, 'I want to build an app for dog walkers.').expect(201);
      const stranger = await aSignedInUser(testApp.http);
      for (const id of [chatId, 'f'.repeat(24), 'not-an-id']) {
        for (const res of await Promise.all(everyRoute(id, stranger))) {
          expect([res.status, res.body]).toEqual([
            404,
            { error: 'Chat not found', code: 'NOT_FOUND', request_id: expect.any(String) },
          ]);
        }
      }
      await expect(roomRefusal(chatId, stranger)).resolves.toEqual({
        message: 'Chat not found',
        error_code: 'NOT_FOUND',
      });
      // Nothing was changed, sent or converted on the owner's chat.
      expect(await chatOf(owner.api, chatId)).toMatchObject({
        chat_name: 'Private',
        message_count: 2,
        has_project: false,
      });
      const listed = await stranger.api.get(CHATS).expect(200);
      expect(listed.body.total).toBe(0);
    });

    it("answers a stranger without waiting for or taking the chat's lock", async () => {
      const chatId = await aChat(owner.api, 'Busy');
      const redis = testApp.app.get(Redis);
      const lockKey = `lock:chat:${chatId}`;
      // The owner's write is in progress: the chat's lock is held.
      await redis.set(lockKey, 'owner-write-in-progress', 'PX', 60_000);
      const stranger = await aSignedInUser(testApp.http);
      const answers = await Promise.all(everyRoute(chatId, stranger));
      // Before the owner check moved ahead of the lock, the writes queued behind it: 503.
      expect(answers.map((res) => res.status)).toEqual(answers.map(() => 404));
      expect(await redis.get(lockKey)).toBe('owner-write-in-progress');
      await redis.del(lockKey);
    }, 60_000);

    it("deletes softly: the contract's message, hidden from the default list, a 404 afterwards", async () => {
      const user = await aSignedInUser(testApp.http);
      const chatId = await aChat(user.api, 'Short-lived');
      await postMessage(user.api, chatId, 'I want to build an app for dog walkers.').expect(201);
      const res = await user.api.delete(`${CHATS}/${chatId}`).expect(200);
      expect(res.body).toEqual({ message: 'Chat deleted successfully' });

      expect((await user.api.get(CHATS).expect(200)).body.total).toBe(0);
      const trash = await user.api.get(CHATS).query({ status: 'deleted' }).expect(200);
      expect(idsOf(trash.body.chats)).toEqual([chatId]);
      for (const answer of await Promise.all(everyRoute(chatId, user))) {
        expect([answer.status, answer.body.code]).toEqual([404, 'NOT_FOUND']);
      }
      await expect(roomRefusal(chatId, user)).resolves.toEqual({
        message: 'Chat not found',
        error_code: 'NOT_FOUND',
      });
    });
  });

  it('pages messages: bad cursors are a 400 naming the field', async () => {
    const chatId = await aChat(owner.api);
    for (const [query, field] of [
      [{ before: 'yesterday' }, 'before'],
      [{ after: '2024-13-45T99:00:00Z' }, 'after'],
      [{ before: 'a'.repeat(24) }, 'before'],
      [{ before: '2024-01-01T00:00:00Z', after: '2024-01-01T00:00:00Z' }, 'after'],
      [{ limit: 0 }, 'limit'],
    ] as const) {
      const res = await owner.api.get(`${CHATS}/${chatId}/messages`).query(query).expect(400);
      expect(fieldNames(res.body)).toEqual([field]);
    }
    expect(await messagesOf(owner.api, chatId)).toEqual({
      messages: [],
      has_more: false,
      next_before: null,
      next_after: null,
    });
  });
});
