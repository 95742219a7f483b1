import type { Server } from 'socket.io';
import { LiveRooms } from '@/realtime/live-rooms';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat, messagesOf, postMessage } from '@test/support/factories/chats';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  ChatSocket,
  connectToChat,
  HeardEvent,
  listeningUrl,
  record,
  RefusedConnection,
} from '@test/support/realtime-client';

const isComplete = (event: HeardEvent) => event.event === 'ai_response_complete';
const typingOff = (event: HeardEvent) =>
  event.event === 'typing_indicator' && event.data.is_typing === false;

/** The reply as the room streamed it: every content_delta, in order. */
const streamed = (heard: readonly HeardEvent[]) =>
  heard
    .filter((event) => event.event === 'ai_response_streaming')
    .map((event) => event.data.content_delta as string)
    .join('');

describe('Live chat on /ws/chats/{chat_id} (offline provider)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedInUser;
  const sockets: ChatSocket[] = [];

  const connect = async (chatId: string, auth: Record<string, string | number> = {}) => {
    const socket = await connectToChat(baseUrl, chatId, {
      auth: { token: owner.accessToken, ...auth },
    });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => testApp.close());

  it('refuses no token, a bad token and a missing chat; admits the owner by auth or ?token=', async () => {
    const chatId = await aChat(owner.api);
    const refusal = (options: Parameters<typeof connectToChat>[2], id = chatId) =>
      connectToChat(baseUrl, id, options).then(
        () => undefined,
        (error: RefusedConnection) => error.data,
      );
    await expect(refusal({})).resolves.toEqual({
      message: 'Authentication required',
      error_code: 'UNAUTHORIZED',
    });
    await expect(refusal({ query: { token: 'nope' } })).resolves.toEqual({
      message: 'Invalid token',
      error_code: 'UNAUTHORIZED',
    });
    await expect(refusal({ auth: { token: owner.accessToken } }, 'a'.repeat(24))).resolves.toEqual({
      message: 'Chat not found',
      error_code: 'NOT_FOUND',
    });
    const viaQuery = await connectToChat(baseUrl, chatId, { query: { token: owner.accessToken } });
    sockets.push(viaQuery);
    expect(viaQuery.connected).toBe(true);
  });

  it('streams a reply in order: message_sent, typing_indicator, ai_response_streaming, ai_response_complete', async () => {
    const chatId = await aChat(owner.api);
    const room = record(await connect(chatId));
    const content = 'I want to build an app for dog walkers.\n<3 🐕';
    const res = await postMessage(owner.api, chatId, content).expect(201);
    const heard = await room.until(typingOff);

    const names = heard.map((event) => event.event);
    const pieces = names.filter((name) => name === 'ai_response_streaming').length;
    expect(pieces).toBeGreaterThan(3);
    expect(names).toEqual([
      'message_sent',
      'typing_indicator',
      ...Array<string>(pieces).fill('ai_response_streaming'),
      'ai_response_complete',
      'typing_indicator',
    ]);
    const taskId = res.body.message_id as string;
    // Every event of the exchange names it: the user's message is its task.
    expect(heard.every((event) => event.data.task_id === taskId)).toBe(true);
    expect(heard[0].data).toEqual({
      task_id: taskId,
      message_id: res.body.message_id,
      content,
      timestamp: expect.any(String),
      attachments: [],
    });
    expect(heard[1].data).toEqual({ task_id: taskId, is_typing: true, estimated_time: 5 });
    const streaming = heard.filter((event) => event.event === 'ai_response_streaming');
    expect(streaming.slice(0, -1).every((event) => event.data.is_complete === false)).toBe(true);
    expect(streaming.at(-1)?.data).toEqual({
      task_id: taskId,
      content_delta: '',
      is_complete: true,
    });
    expect(streamed(heard)).toBe(res.body.ai_response.content);
    expect(heard.find(isComplete)?.data).toEqual({
      task_id: taskId,
      message_id: res.body.ai_response.message_id,
      content: res.body.ai_response.content,
      suggested_actions: [],
    });
    expect(heard.at(-1)?.data).toEqual({ task_id: taskId, is_typing: false, estimated_time: 0 });
    // Numbered one after the other.
    const seqs = room.seqs();
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));

    // The next reply's estimate is how long this one took.
    const again = record(await connect(chatId));
    const second = await postMessage(owner.api, chatId, 'They lose track of payments.').expect(201);
    const next = await again.until(typingOff);
    const saved = await messagesOf(owner.api, chatId);
    const took = saved.messages[1].metadata as { response_time_ms: number };
    expect(next[1].data).toEqual({
      task_id: second.body.message_id,
      is_typing: true,
      estimated_time: Math.max(1, Math.ceil(took.response_time_ms / 1000)),
    });
  });

  it('replays what a reconnecting client missed, then goes live, each event once', async () => {
    const chatId = await aChat(owner.api);
    const first = await connect(chatId);
    const firstRoom = record(first);
    await postMessage(owner.api, chatId, 'I want to build an app for dog walkers.').expect(201);
    await firstRoom.until(typingOff);
    const lastSeen = firstRoom.seqs().at(-1)!;
    first.close();

    const missed = await postMessage(owner.api, chatId, 'They lose track of payments.').expect(201);
    const back = record(await connect(chatId, { last_seq: lastSeen }));
    const replayed = await back.until(typingOff);
    expect(replayed[0]).toMatchObject({
      event: 'message_sent',
      seq: lastSeen + 1,
      data: { message_id: missed.body.message_id },
    });
    expect(streamed(replayed)).toBe(missed.body.ai_response.content);
    expect(replayed.find(isComplete)?.data.message_id).toBe(missed.body.ai_response.message_id);

    // Then live, continuing the same sequence without a gap or a repeat.
    const live = await postMessage(owner.api, chatId, 'It lets them book walks.').expect(201);
    const all = await back.until(
      (event) => isComplete(event) && event.data.message_id === live.body.ai_response.message_id,
    );
    const seqs = back.seqs();
    expect(seqs).toEqual(seqs.map((_, i) => lastSeen + 1 + i));
    expect(all.filter(isComplete)).toHaveLength(2);
  });

  it('drops a room namespace when its last socket leaves and builds it again, checks included', async () => {
    const chatId = await aChat(owner.api);
    const name = `/ws/chats/${chatId}`;
    const rooms: unknown = testApp.app.get(LiveRooms);
    const { server } = rooms as { server: Server };
    const socket = await connect(chatId);
    expect(server._nsps.has(name)).toBe(true);
    socket.close();
    // The server drops it once it has seen the close: wait for that, not a fixed time.
    await eventually('the namespace to be dropped', () =>
      server._nsps.has(name) ? undefined : true,
    );

    const stranger = await aSignedInUser(testApp.http);
    await expect(
      connectToChat(baseUrl, chatId, { auth: { token: stranger.accessToken } }).then(
        () => 'admitted',
        (error: RefusedConnection) => error.data?.error_code,
      ),
    ).resolves.toBe('NOT_FOUND');
    const room = record(await connect(chatId));
    await postMessage(owner.api, chatId, 'Still there?').expect(201);
    const heard = await room.until(typingOff);
    expect(heard.map((event) => event.event)).toEqual(
      expect.arrayContaining(['message_sent', 'ai_response_complete']),
    );
  });

  it('ends the room when the chat is deleted: error NOT_FOUND, then a server disconnect', async () => {
    const chatId = await aChat(owner.api);
    const socket = await connect(chatId);
    const heard: unknown[] = [];
    socket.on('error', (data) => heard.push(['error', data]));
    const ended = new Promise<void>((resolve) =>
      socket.once('disconnect', (reason) => {
        heard.push(['disconnect', reason]);
        resolve();
      }),
    );
    await owner.api.delete(`/api/v1/chats/${chatId}`).expect(200);
    await ended;
    expect(heard).toEqual([
      ['error', { message: 'Chat not found', error_code: 'NOT_FOUND' }],
      ['disconnect', 'io server disconnect'],
    ]);
  });
});
