import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import { aChat, postMessage } from '@test/support/factories/chats';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  ChatSocket,
  connectToChat,
  connectToProject,
  HeardEvent,
  listeningUrl,
  ProjectSocket,
  record,
} from '@test/support/realtime-client';

/** A client's view of one task: its events, in the order the client heard them. */
function eventsOf(heard: readonly HeardEvent[], taskId: string): string[] {
  return heard.filter((event) => event.data.task_id === taskId).map((event) => event.event);
}

/** True when the events of the two tasks were heard mixed, not one task after the other. */
function interleaved(heard: readonly HeardEvent[], first: string, second: string): boolean {
  const owners = heard
    .map((event) => event.data.task_id)
    .filter((taskId) => taskId === first || taskId === second);
  const switches = owners.filter((taskId, index) => index > 0 && taskId !== owners[index - 1]);
  return switches.length > 1;
}

describe('Room events say which task they belong to', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedInUser;
  const sockets: (ProjectSocket | ChatSocket)[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, WORKER_CONCURRENCY: '2' });
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => testApp.close());

  it('a think and an agent iterate at once: every client separates them by task_id, progress then complete', async () => {
    const project = await aGeneratedProject(owner.api);
    const clients = [];
    for (let i = 0; i < 2; i++) {
      const socket = await connectToProject(baseUrl, project.id, {
        auth: { token: owner.accessToken },
      });
      sockets.push(socket);
      clients.push(record(socket));
    }
    const iterate = (mode: string, message: string) =>
      owner.api
        .post(`/api/v1/projects/${project.id}/iterate`)
        .send({ mode, message, session_id: project.sessionId })
        .expect(202);
    const [think, agent] = await Promise.all([
      iterate('think', 'Which metric matters most?'),
      iterate('agent', 'Add payment processing requirements with refunds'),
    ]);
    const thinkId = think.body.task_id as string;
    const agentId = agent.body.task_id as string;
    expect(thinkId).not.toBe(agentId);

    const completed = (taskId: string) => (event: HeardEvent) =>
      event.event === 'agent_complete' && event.data.task_id === taskId;
    for (const client of clients) {
      await client.until(completed(thinkId), 20_000);
      await client.until(completed(agentId), 20_000);
    }
    const [first, second] = clients.map((client) => client.heard);
    // Both clients heard the same room, in the same numbered order.
    expect(second.map((event) => [event.seq, event.event, event.data.task_id])).toEqual(
      first.map((event) => [event.seq, event.event, event.data.task_id]),
    );
    for (const event of first) expect(typeof event.data.task_id).toBe('string');

    for (const [taskId, mode] of [
      [thinkId, 'think'],
      [agentId, 'agent'],
    ] as const) {
      const names = eventsOf(first, taskId).filter((name) => name.startsWith('agent_'));
      const progress = names.filter((name) => name === 'agent_progress').length;
      expect(progress).toBeGreaterThan(1);
      // Per task: every progress first, then exactly one complete, as the last of its events.
      expect(names).toEqual([...Array<string>(progress).fill('agent_progress'), 'agent_complete']);
      expect(eventsOf(first, taskId).at(-1)).toBe('agent_complete');
      const percents = first
        .filter((event) => event.event === 'agent_progress' && event.data.task_id === taskId)
        .map((event) => event.data.progress as number);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      const complete = first.find(completed(taskId))!;
      const status = await waitForTask(owner.api, project.id, taskId);
      expect(complete.data).toEqual({ ...status.result, task_id: taskId });
      expect(mode === 'think' ? complete.data.mode : complete.data.version).toBe(
        mode === 'think' ? 'think' : 'v1.1',
      );
    }
    // Whether this run's two tasks happened to interleave is up to the scheduler; either way
    // the checks above hold. Logged so a reader can see which case ran.
    process.stdout.write(
      `interleaved task events: ${String(interleaved(first, thinkId, agentId))}\n`,
    );
  });

  it('two messages at once in one chat: each exchange keeps its own stream, named by task_id', async () => {
    const chatId = await aChat(owner.api);
    const socket = await connectToChat(baseUrl, chatId, { auth: { token: owner.accessToken } });
    sockets.push(socket);
    const room = record(socket);
    const [one, two] = await Promise.all([
      postMessage(owner.api, chatId, 'I want to build an app for dog walkers.').expect(201),
      postMessage(owner.api, chatId, 'They lose track of which owners paid.').expect(201),
    ]);
    const typingOff = (taskId: string) => (event: HeardEvent) =>
      event.event === 'typing_indicator' &&
      event.data.is_typing === false &&
      event.data.task_id === taskId;
    for (const res of [one, two]) await room.until(typingOff(res.body.message_id as string));

    for (const res of [one, two]) {
      const taskId = res.body.message_id as string;
      const mine = room.heard.filter((event) => event.data.task_id === taskId);
      const names = mine.map((event) => event.event);
      const pieces = names.filter((name) => name === 'ai_response_streaming').length;
      expect(names).toEqual([
        'message_sent',
        'typing_indicator',
        ...Array<string>(pieces).fill('ai_response_streaming'),
        'ai_response_complete',
        'typing_indicator',
      ]);
      const text = mine
        .filter((event) => event.event === 'ai_response_streaming')
        .map((event) => event.data.content_delta as string)
        .join('');
      expect(text).toBe(res.body.ai_response.content);
    }
  });
});
