import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat, chatOf, messagesOf, postMessage } from '@test/support/factories/chats';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { aMarkdown } from '@test/support/fixtures/documents';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import {
  ChatSocket,
  connectToChat,
  HeardEvent,
  listeningUrl,
  record,
} from '@test/support/realtime-client';

const typingOff = (event: HeardEvent) =>
  event.event === 'typing_indicator' && event.data.is_typing === false;
const deltas = (heard: readonly HeardEvent[]) =>
  heard
    .filter((event) => event.event === 'ai_response_streaming')
    .map((event) => event.data.content_delta as string);
const LONG_ANSWER = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

/**
 * The chat reply from real SDKs' streaming APIs against the local OpenAI- and Anthropic-compatible
 * stubs: the room hears the provider's chunks as they come. Chats here are named, so the only
 * model call of a post is the streamed reply (no title).
 */
describe('Chat replies streamed from the providers (OpenAI and Anthropic stubs)', () => {
  let bed: LlmTestBed;
  let baseUrl: string;
  let owner: SignedInUser;
  const sockets: ChatSocket[] = [];

  const room = async (chatId: string, auth: Record<string, string | number> = {}) => {
    const socket = await connectToChat(baseUrl, chatId, {
      auth: { token: owner.accessToken, ...auth },
    });
    sockets.push(socket);
    return { socket, log: record(socket) };
  };
  const streamRequests = () =>
    [...bed.openai.requests, ...bed.anthropic.requests].filter((request) => request.stream);

  beforeAll(async () => {
    bed = await createLlmTestBed(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(bed.testApp);
    owner = await aSignedInUser(bed.testApp.http);
  });
  beforeEach(() => {
    bed.openai.reset();
    bed.anthropic.reset();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => bed.close());

  it('streams the OpenAI reply chunk by chunk and saves it with the provider figures', async () => {
    const chatId = await aChat(owner.api, 'OpenAI');
    const { log } = await room(chatId);
    const res = await postMessage(owner.api, chatId, 'Who walks the dogs?').expect(201);
    const heard = await log.until(typingOff);

    expect(streamRequests().map((request) => request.model)).toEqual(['gpt-4o']);
    const pieces = deltas(heard);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(res.body.ai_response.content);
    expect(res.body.ai_response.content).toMatch(/^openai gpt-4o answer to: Who walks the dogs\?/);
    // The stub reports 12 prompt and 8 completion tokens for the one call.
    expect(res.body.ai_response.metadata).toEqual({
      tokens_used: 20,
      response_time_ms: expect.any(Number),
      model_used: 'gpt-4o',
      context_length: 12,
    });
  });

  it('streams from Anthropic when both OpenAI models fail before the first word', async () => {
    const chatId = await aChat(owner.api, 'Anthropic');
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    const { log } = await room(chatId);
    const res = await postMessage(owner.api, chatId, 'Who pays for walks?').expect(201);
    const heard = await log.until(typingOff);

    expect(bed.anthropic.requests.map((request) => [request.model, request.stream])).toEqual([
      ['claude-sonnet-4-6', true],
    ]);
    const pieces = deltas(heard);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(res.body.ai_response.content);
    expect(res.body.ai_response.content).toMatch(/^anthropic claude-sonnet-4-6 answer to: /);
    expect(res.body.ai_response.metadata).toMatchObject({
      model_used: 'claude-sonnet-4-6',
      tokens_used: 23,
      context_length: 14,
    });
  });

  it('gives the model the text of the attached files', async () => {
    const chatId = await aChat(owner.api, 'With files');
    await postMessage(owner.api, chatId, 'Read my notes', [
      { name: 'notes.md', content: aMarkdown('# Walk notes\n\nOwners pay monthly in advance.\n') },
    ]).expect(201);
    const [request] = streamRequests();
    expect(JSON.stringify(request.body.messages)).toContain('Owners pay monthly in advance.');
    expect(JSON.stringify(request.body.messages)).toContain('notes.md');
  });

  it('gives clarify the conversation as context unless include_chat_history is false', async () => {
    for (const include of [true, false]) {
      const chatId = await aChat(owner.api, `Converted (${String(include)})`);
      await postMessage(owner.api, chatId, 'Dog walkers lose track of payments.').expect(201);
      bed.openai.reset();
      await owner.api
        .post(`/api/v1/chats/${chatId}/convert-to-project`)
        .send({ include_chat_history: include })
        .expect(201);
      const assess = bed.openai.requests
        .map((request) => JSON.stringify(request.body.messages))
        .find((messages) => messages.includes('Assess this idea.'));
      expect(assess).toBeDefined();
      expect({ include, empty: assess?.includes('\\"chat_history\\": []') }).toEqual({
        include,
        empty: !include,
      });
    }
  });

  it('a provider failing mid-stream: room error, the question kept, the reply saved as failed', async () => {
    const chatId = await aChat(owner.api, 'Failing');
    bed.openai.enqueue({ text: LONG_ANSWER, dropAfterChunks: 4 });
    const { log } = await room(chatId);
    const res = await postMessage(owner.api, chatId, 'Will this work?').expect(503);
    const heard = await log.until(typingOff);

    const names = heard.map((event) => event.event);
    expect(names[0]).toBe('message_sent');
    expect(names).not.toContain('ai_response_complete');
    expect(heard.some((event) => event.data.is_complete === true)).toBe(false);
    const page = await messagesOf(owner.api, chatId);
    const [asked, failed] = page.messages;
    expect(res.body).toEqual({
      error: 'The AI answer was interrupted; please try again',
      code: 'AI_UNAVAILABLE',
      request_id: expect.any(String),
      message_id: asked.id,
      reply_id: failed.id,
    });
    expect(heard.find((event) => event.event === 'error')?.data).toEqual({
      task_id: asked.id,
      message: 'The AI answer was interrupted; please try again',
      error_code: 'AI_UNAVAILABLE',
      message_id: failed.id,
    });
    expect(names.slice(-2)).toEqual(['error', 'typing_indicator']);
    expect(asked).toMatchObject({ message_type: 'user', content: 'Will this work?' });
    expect(failed).toMatchObject({
      message_type: 'assistant',
      status: 'failed',
      content: '',
      reply_to: asked.id,
      error: { code: 'AI_UNAVAILABLE', message: 'The AI answer was interrupted; please try again' },
    });
    expect(await chatOf(owner.api, chatId)).toMatchObject({ message_count: 2 });
    // The chat goes on: the failed reply is not part of the next answer's context.
    await postMessage(owner.api, chatId, 'Try again?').expect(201);
  });

  it('every provider down before the first word: 503, the room told, no streaming at all', async () => {
    const chatId = await aChat(owner.api, 'All down');
    bed.openai.enqueue({ status: 500 }, { times: 6 });
    bed.anthropic.enqueue({ status: 500 }, { times: 3 });
    const { log } = await room(chatId);
    const res = await postMessage(owner.api, chatId, 'Anyone there?').expect(503);
    expect(res.body.code).toBe('AI_UNAVAILABLE');
    const heard = await log.until(typingOff);
    expect(heard.map((event) => event.event)).toEqual([
      'message_sent',
      'typing_indicator',
      'error',
      'typing_indicator',
    ]);
  });

  it('finishes and saves the reply when the HTTP client goes away mid-stream', async () => {
    const chatId = await aChat(owner.api, 'Impatient');
    bed.openai.enqueue({ text: LONG_ANSWER, chunkDelayMs: 20 });
    const { log } = await room(chatId);
    const request = postMessage(owner.api, chatId, 'Tell me everything.');
    const answered = request.then(
      () => 'answered',
      () => 'aborted',
    );
    await log.until((event) => event.event === 'ai_response_streaming');
    request.abort();
    expect(await answered).toBe('aborted');

    const heard = await log.until(typingOff);
    expect(deltas(heard).join('')).toBe(LONG_ANSWER);
    const page = await messagesOf(owner.api, chatId);
    expect(page.messages.map((message) => [message.message_type, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(page.messages[1].content).toBe(LONG_ANSWER);
    expect(bed.openai.abandoned).toEqual([]);
  });

  it('a socket that drops mid-stream and reconnects with last_seq gets the rest, nothing twice', async () => {
    const chatId = await aChat(owner.api, 'Flaky network');
    bed.openai.enqueue({ text: LONG_ANSWER, chunkDelayMs: 20 });
    const first = await room(chatId);
    // then() sends it: the reply streams while this socket comes and goes.
    const posted = postMessage(owner.api, chatId, 'Tell me everything.')
      .expect(201)
      .then(() => undefined);
    await first.log.until(() => deltas(first.log.heard).length >= 4);
    first.socket.close();
    const lastSeen = first.log.seqs().at(-1)!;
    const before = deltas(first.log.heard);

    const second = await room(chatId, { last_seq: lastSeen });
    const rest = await second.log.until(typingOff);
    await posted;
    expect(second.log.seqs()).toEqual(second.log.seqs().map((_, i) => lastSeen + 1 + i));
    expect([...before, ...deltas(rest)].join('')).toBe(LONG_ANSWER);
    expect(rest.filter((event) => event.event === 'ai_response_complete')).toHaveLength(1);
  });
});
