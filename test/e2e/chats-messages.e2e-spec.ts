import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { Chat } from '@/chats/chat.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { as, aSignedInUser, SignedInUser } from '@test/support/factories';
import {
  aChat,
  aConcreteChat,
  chatOf,
  CONCRETE_IDEA,
  MessagePage,
  messagesOf,
  postMessage,
} from '@test/support/factories/chats';
import { fieldNames, PROJECT_TEST_ENV } from '@test/support/factories/projects';

const CHATS = '/api/v1/chats';
const seqsOf = (page: MessagePage) => page.messages.map((message) => message.seq as number);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Chat messages: posting, the stored exchange, paging, consistency', () => {
  let testApp: TestApp;
  /** A second API instance of the same deployment (database, Redis prefix, secrets). */
  let replica: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    const deployment = {
      ...PROJECT_TEST_ENV,
      JWT_SECRET_KEY: randomBytes(32).toString('hex'),
      STORAGE_URL_SECRET: randomBytes(32).toString('hex'),
    };
    testApp = await createTestApp(deployment);
    replica = await createTestApp({
      ...deployment,
      MONGODB_URI: testApp.config.mongo.uri ?? '',
      REDIS_KEY_PREFIX: testApp.config.redis.keyPrefix,
      DATA_DIR: testApp.config.dataDir,
    });
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(async () => {
    await Promise.all([testApp.close(), replica.close()]);
  });

  it("answers 201 with the contract's body and keeps both messages, the text byte for byte", async () => {
    const chatId = await aChat(owner.api);
    const content = 'Line one\n\n  <b>not bold</b> & a < b > c\r\n\ttabbed 🐕‍🦺 中文 "quoted"';
    const res = await postMessage(owner.api, chatId, content).expect(201);
    expect(res.body).toEqual({
      message_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      ai_response: {
        message_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        content: expect.stringMatching(/\S/),
        suggested_actions: [],
        metadata: {
          tokens_used: expect.any(Number),
          response_time_ms: expect.any(Number),
          model_used: 'offline',
          context_length: expect.any(Number),
        },
      },
      attachments: [],
    });
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages).toEqual([
      {
        id: res.body.message_id,
        message_type: 'user',
        content,
        timestamp: expect.any(String),
        seq: 1,
        status: 'complete',
        attachments: [],
      },
      {
        id: res.body.ai_response.message_id,
        message_type: 'assistant',
        content: res.body.ai_response.content,
        timestamp: expect.any(String),
        seq: 2,
        status: 'complete',
        attachments: [],
        metadata: res.body.ai_response.metadata,
        suggested_actions: [],
        reply_to: res.body.message_id,
      },
    ]);
    expect(res.body.ai_response.metadata.tokens_used).toBeGreaterThan(0);
    // JSON works too when there are no files.
    const json = await owner.api
      .post(`${CHATS}/${chatId}/messages`)
      .send({ content: '<script>alert(1)</script>\n😀' })
      .expect(201);
    const again = await messagesOf(owner.api, chatId, { after: page.next_after! });
    expect(again.messages[0]).toMatchObject({
      id: json.body.message_id,
      content: '<script>alert(1)</script>\n😀',
    });
  });

  it('suggests create_project once the idea has a user, a problem and a core feature', async () => {
    const chatId = await aChat(owner.api);
    let last;
    for (const content of CONCRETE_IDEA) {
      last = await postMessage(owner.api, chatId, content).expect(201);
    }
    expect(last?.body.ai_response.suggested_actions).toEqual([
      {
        type: 'create_project',
        label: 'Convert to PRD Project',
        description: 'Ready to create a full PRD?',
        initial_idea: expect.stringContaining('book walks'),
      },
    ]);
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages.at(-1)?.suggested_actions).toEqual(
      last?.body.ai_response.suggested_actions,
    );
  });

  it('refuses blank, control characters and over 64 KB, naming content; nothing is saved', async () => {
    const chatId = await aChat(owner.api);
    for (const content of ['', '  \n ', 'bell\u0007', 'x'.repeat(64 * 1024 + 1)]) {
      const res = await owner.api.post(`${CHATS}/${chatId}/messages`).send({ content });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_ERROR']);
      expect(new Set(fieldNames(res.body))).toEqual(new Set(['content']));
    }
    const multipart = await postMessage(owner.api, chatId, 'x'.repeat(64 * 1024 + 1)).expect(400);
    expect(fieldNames(multipart.body)).toEqual(['content']);
    const missing = await owner.api.post(`${CHATS}/${chatId}/messages`).send({}).expect(400);
    expect(fieldNames(missing.body)).toContain('content');
    expect(await chatOf(owner.api, chatId)).toMatchObject({ message_count: 0 });
  });

  it('answers a message longer than the model can read (its summary is read), never refusing it', async () => {
    const chatId = await aChat(owner.api);
    const long = Array.from(
      { length: 700 },
      (_, i) => `Point ${i}: dog walkers need escrow that settles in two days.`,
    ).join(' ');
    expect(Buffer.byteLength(long)).toBeLessThan(64 * 1024);
    const res = await postMessage(owner.api, chatId, long).expect(201);
    expect(res.body.ai_response.metadata.context_length).toBeLessThan(6_000);
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages[0].content).toBe(long);
  });

  it('keeps the rolling summary with the chat once the history outgrows the context', async () => {
    const chatId = await aChat(owner.api);
    const paragraph = Array.from(
      { length: 80 },
      (_, i) => `Fact ${i}: escrow for freelance designers settles within two days.`,
    ).join(' ');
    for (let i = 0; i < 8; i++) await postMessage(owner.api, chatId, paragraph).expect(201);
    const last = await postMessage(owner.api, chatId, 'What should we decide next?').expect(201);
    // The model read a summary plus the newest turns, not all eighteen messages.
    expect(last.body.ai_response.metadata.context_length).toBeLessThan(6_000);
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages).toHaveLength(18);
    const stored = await testApp.app
      .get<Model<Chat>>(getModelToken(Chat.name))
      .findById(new Types.ObjectId(chatId))
      .lean()
      .exec();
    expect(stored?.context.summary).toMatch(/escrow/);
    expect(stored?.context.through_seq).toBeGreaterThan(1);
    expect(stored?.context.through_seq).toBeLessThan(17);
  });

  describe('paging under concurrent inserts', () => {
    let chatId: string;

    beforeAll(async () => {
      chatId = await aChat(owner.api);
      for (let i = 1; i <= 6; i++) await postMessage(owner.api, chatId, `Message ${i}`).expect(201);
    });

    it('backwards with before: every message once, in order, while new ones arrive', async () => {
      const arriving = Array.from({ length: 4 }, (_, i) =>
        postMessage(owner.api, chatId, `Late ${i}`).expect(201),
      );
      const first = await messagesOf(owner.api, chatId, { limit: 5 });
      const newest = seqsOf(first).at(-1)!;
      const seen = [...seqsOf(first)];
      let page = first;
      while (page.has_more) {
        page = await messagesOf(owner.api, chatId, { limit: 5, before: page.next_before! });
        seen.unshift(...seqsOf(page));
      }
      await Promise.all(arriving);
      expect(page.next_before).toBeNull();
      expect(seen).toEqual(range(1, newest));
      // A message id works as the cursor as well.
      const byId = await messagesOf(owner.api, chatId, {
        limit: 3,
        before: first.messages[0].id as string,
      });
      expect(seqsOf(byId)).toEqual(range(seqsOf(first)[0] - 3, seqsOf(first)[0] - 1));
    });

    it('forwards with after: no gap and no duplicate while new ones arrive', async () => {
      const start = await messagesOf(owner.api, chatId, { limit: 1 });
      const from = seqsOf(start)[0];
      const arriving = Array.from({ length: 5 }, (_, i) =>
        postMessage(owner.api, chatId, `Later ${i}`).expect(201),
      );
      const seen: number[] = [];
      let cursor = start.next_after!;
      for (let round = 0; round < 200; round++) {
        const page = await messagesOf(owner.api, chatId, { limit: 3, after: cursor });
        seen.push(...seqsOf(page));
        cursor = page.next_after ?? cursor;
        if (!page.has_more && seen.length >= 10) break;
      }
      await Promise.all(arriving);
      const rest = await messagesOf(owner.api, chatId, { limit: 100, after: cursor });
      seen.push(...seqsOf(rest));
      expect(seen).toEqual(range(from + 1, from + 10));
      expect(rest.has_more).toBe(false);
    });
  });

  it('keeps message_count, last_message_at and the order exact under 20 parallel posts on two instances', async () => {
    const chatId = await aChat(owner.api, 'Busy');
    const onReplica = as(replica.http, owner.accessToken);
    const posts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postMessage(i % 2 ? onReplica : owner.api, chatId, `Tab ${i} says hello`),
      ),
    );
    expect(posts.map((res) => res.status)).toEqual(Array(20).fill(201));
    const page = await messagesOf(owner.api, chatId, { limit: 100 });
    expect(seqsOf(page)).toEqual(range(1, 40));
    const times = page.messages.map((message) => Date.parse(message.timestamp as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(40);
    // Every post's two messages, each reply pointing at its own question.
    const byId = new Map(page.messages.map((message) => [message.id, message]));
    for (const res of posts) {
      const asked = byId.get(res.body.message_id);
      const answer = byId.get(res.body.ai_response.message_id);
      expect(asked?.message_type).toBe('user');
      expect(answer?.reply_to).toBe(res.body.message_id);
      expect(answer?.seq as number).toBeGreaterThan(asked?.seq as number);
    }
    expect(await chatOf(owner.api, chatId)).toMatchObject({
      message_count: 40,
      last_message_at: page.messages[39].timestamp,
    });
  });
});

describe('Chat limits: messages and conversions are AI operations, attachments uploads', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      RATE_LIMIT_AI_PER_HOUR: '4',
      RATE_LIMIT_UPLOADS_PER_HOUR: '1',
    });
  });
  afterAll(() => testApp.close());

  it('counts messages and conversions against one AI budget per user', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aConcreteChat(user.api);
    await user.api.post(`${CHATS}/${chatId}/convert-to-project`).send({}).expect(201);
    const limited = await postMessage(user.api, chatId, 'One more?').expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await user.api.post(`${CHATS}/${chatId}/summary`).expect(429);
    // Reading is not an AI operation; someone else has their own budget.
    await user.api.get(`${CHATS}/${chatId}/messages`).expect(200);
    const other = await aSignedInUser(testApp.http);
    await postMessage(other.api, await aChat(other.api), 'Hello').expect(201);
  });

  it('counts a message with files as an upload too', async () => {
    const user = await aSignedInUser(testApp.http);
    const chatId = await aChat(user.api);
    const file = { name: 'notes.md', content: Buffer.from('# Notes\n\nDog walkers.\n') };
    await postMessage(user.api, chatId, 'See my notes', [file]).expect(201);
    const limited = await postMessage(user.api, chatId, 'And again', [file]).expect(429);
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    await postMessage(user.api, chatId, 'Without files then').expect(201);
  });
});
