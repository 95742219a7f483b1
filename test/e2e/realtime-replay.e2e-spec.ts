import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@/config/config.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { RealtimeService } from '@/realtime/realtime.service';
import { projectAddress } from '@/realtime/realtime-channels';
import { REPLAY_MAX_EVENTS, RoomLog } from '@/realtime/room-log';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aProject, CreatedProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  connectToProject,
  listeningUrl,
  nextEvent,
  ProjectSocket,
  record,
  RefusedConnection,
} from '@test/support/realtime-client';

const step = (n: number) => ({
  task_id: 'task-1',
  step: `step ${n}`,
  progress: n,
  estimated_time: 1,
  current_step: `step ${n}`,
  estimated_time_remaining: 1,
});

/**
 * Numbered events and replay on /ws/projects/{id}; the chat room's replay is in chats-live.
 * Events are published by a separate worker context (no Socket.IO server: the RoomLog script
 * numbers them) as well as by the API. Bursts go through the worker's RoomLog itself, since
 * RealtimeService coalesces a burst of agent_progress (the last test shows it does).
 */
describe('Missed events on /ws/projects/{project_id}: numbers, replay, no duplicates', () => {
  let testApp: TestApp;
  let worker: TestingModule;
  let workerRealtime: RealtimeService;
  /** Every update numbered and published, none coalesced: what the replay tests need. */
  let publish: (n: number) => void;
  let baseUrl: string;
  let owner: SignedInUser;
  let project: CreatedProject;
  const sockets: ProjectSocket[] = [];

  const connect = async (auth: Record<string, string | number> = {}) => {
    const socket = await connectToProject(baseUrl, project.id, {
      auth: { token: owner.accessToken, ...auth },
    });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
    project = await aProject(owner.api);
    worker = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testApp.config), RealtimeModule],
    }).compile();
    workerRealtime = worker.get(RealtimeService);
    const roomLog = worker.get(RoomLog);
    publish = (n) => void roomLog.append(projectAddress(project.id), 'agent_progress', step(n));
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await worker.close();
    await testApp.close();
  });

  it('numbers every event of the room one after the other, whichever process publishes it', async () => {
    const socket = await connect();
    const log = record(socket);
    const api = testApp.app.get(RealtimeService);
    api.projectProgress(project.id, step(1));
    workerRealtime.projectProgress(project.id, step(2));
    api.projectError(project.id, {
      task_id: 'task-1',
      message: 'Agent execution failed',
      error_code: 'AGENT_FAILED',
    });
    const heard = await log.until((event) => event.event === 'error');
    const seqs = log.seqs();
    expect(heard.map((event) => event.event).sort()).toEqual([
      'agent_progress',
      'agent_progress',
      'error',
    ]);
    // Delivered in the order of their numbers, which leave no hole.
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
    expect(heard.find((event) => event.event === 'error')?.data).toEqual({
      task_id: 'task-1',
      message: 'Agent execution failed',
      error_code: 'AGENT_FAILED',
    });
  });

  it('replays what a client missed while away, then live events, each once', async () => {
    const first = await connect();
    const firstLog = record(first);
    publish(10);
    await firstLog.until((event) => event.data.step === 'step 10');
    const lastSeen = firstLog.seqs().at(-1)!;
    first.close();

    for (const n of [11, 12, 13]) publish(n);
    // A client that is still connected marks when the three are out.
    const witness = record(await connect());
    publish(14);
    await witness.until((event) => event.data.step === 'step 14');

    const back = await connect({ last_seq: lastSeen });
    const backLog = record(back);
    publish(15);
    await backLog.until((event) => event.data.step === 'step 15');
    expect(backLog.heard.map((event) => event.data.step)).toEqual([
      'step 11',
      'step 12',
      'step 13',
      'step 14',
      'step 15',
    ]);
    expect(backLog.seqs()).toEqual([1, 2, 3, 4, 5].map((n) => lastSeen + n));
  });

  it('joins mid-burst without a gap or a duplicate (replay and live events meet exactly)', async () => {
    const probe = record(await connect());
    publish(100);
    await probe.until((event) => event.data.step === 'step 100');
    const lastSeen = probe.seqs().at(-1)!;

    const burst = 200;
    for (let n = 1; n <= burst; n++) publish(100 + n);
    const resumed = await connect({ last_seq: String(lastSeen) });
    const log = record(resumed);
    await log.until((event) => event.data.step === `step ${100 + burst}`);
    // Published before, during and after the handshake: all of them, in order, each once.
    expect(log.seqs()).toEqual(Array.from({ length: burst }, (_, i) => lastSeen + 1 + i));
  });

  it('says resync_required when the client is further behind than the window keeps', async () => {
    const probe = record(await connect());
    publish(1000);
    await probe.until((event) => event.data.step === 'step 1000');
    const lastSeen = probe.seqs().at(-1)!;
    const overflow = REPLAY_MAX_EVENTS + 5;
    for (let n = 1; n <= overflow; n++) publish(1000 + n);
    await probe.until((event) => event.data.step === `step ${1000 + overflow}`, 20_000);

    const late = await connectToProject(baseUrl, project.id, {
      auth: { token: owner.accessToken, last_seq: lastSeen },
    });
    sockets.push(late);
    const lateLog = record(late);
    const [first] = await lateLog.until((event) => event.event === 'resync_required');
    const resync = first.data;
    expect(first.event).toBe('resync_required');
    expect(resync).toEqual({
      last_seq: lastSeen,
      oldest_seq: lastSeen + overflow - REPLAY_MAX_EVENTS + 1,
    });
    // It then carries on as a fresh client: live events only.
    const live = nextEvent(late, 'agent_progress');
    publish(2000);
    await expect(live).resolves.toEqual(step(2000));
  });

  it('refuses a last_seq that is not a non-negative integer, naming it', async () => {
    const refused = await connectToProject(baseUrl, project.id, {
      auth: { token: owner.accessToken, last_seq: 'yesterday' },
    }).then(
      () => undefined,
      (error: RefusedConnection) => error.data,
    );
    expect(refused).toEqual({
      message: 'Validation failed: last_seq must be a non-negative integer',
      error_code: 'VALIDATION_ERROR',
    });
  });

  it('coalesces a burst of progress to its newest update, and agent_complete and error always arrive after it', async () => {
    const log = record(await connect());
    const burst = 300;
    for (let n = 1; n <= burst; n++) workerRealtime.projectProgress(project.id, step(5000 + n));
    workerRealtime.projectError(project.id, {
      task_id: 'task-1',
      message: 'Agent execution failed',
      error_code: 'AGENT_FAILED',
    });
    for (let n = 1; n <= burst; n++) workerRealtime.projectProgress(project.id, step(6000 + n));
    workerRealtime.projectComplete(project.id, {
      task_id: 'task-1',
      mode: 'think',
      answer: 'done',
      based_on_version: null,
      model_used: 'offline',
      tokens_used: 0,
      cost_usd: 0,
    });
    await log.until((event) => event.event === 'agent_complete');
    const heard = log.heard.map((event) =>
      event.event === 'agent_progress' ? String(event.data.step) : event.event,
    );
    const progressHeard = heard.filter((name) => name.startsWith('step '));
    // Fewer deliveries than updates, and the newest of each burst is never the one dropped.
    expect(progressHeard.length).toBeLessThan(2 * burst);
    expect(heard.indexOf(`step ${5000 + burst}`)).toBeLessThan(heard.indexOf('error'));
    expect(heard.slice(-2)).toEqual([`step ${6000 + burst}`, 'agent_complete']);
    expect(heard.filter((name) => name === 'error')).toHaveLength(1);
    // What was heard is in call order and numbered without a hole.
    const numbers = progressHeard.map((name) => Number(name.slice(5)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const seqs = log.seqs();
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });
});
