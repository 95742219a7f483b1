import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ALL_QUEUES, MAINTENANCE_QUEUE, QUEUE_JOB_NAMES } from '@/jobs/queues';
import { AGENT_TYPES } from '@/llm/agent-logs/agent-metrics';
import { OPERATOR_WEBHOOK_EVENTS, USER_WEBHOOK_EVENTS } from '@/webhooks/webhook-events';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import { aChat } from '@test/support/factories/chats';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  aWebhookTo,
  settled,
  waitForDeliveries,
  WEBHOOK_TEST_ENV,
} from '@test/support/factories/webhooks';
import { scrape, Scrape } from '@test/support/prometheus';
import { connectToChat, connectToProject, listeningUrl } from '@test/support/realtime-client';
import { WebhookReceiver } from '@test/support/webhook-receiver';
import { io } from 'socket.io-client';

const JOB_STATES = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'waiting-children',
  'paused',
  'completed',
  'failed',
];

/**
 * /metrics of the API in its embedded shape (queue consumers in-process): every series an alert
 * or a dashboard reads exists from the first scrape, and moves when its event happens.
 */
describe('Metrics: present from the start, moving with their events', () => {
  let testApp: TestApp;
  let atStart: Scrape;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, ...WEBHOOK_TEST_ENV });
    atStart = await scrape(testApp.http);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('starts with every known series, counters and histograms at 0', () => {
    for (const queue of ALL_QUEUES) {
      for (const state of JOB_STATES) {
        expect(atStart.series('bullmq_queue_jobs', { queue, state })).toHaveLength(1);
      }
      for (const name of QUEUE_JOB_NAMES[queue]) {
        for (const outcome of ['completed', 'failed', 'retried']) {
          expect(atStart.value('job_duration_seconds_count', { queue, name, outcome })).toBe(0);
        }
      }
    }
    for (const namespace of ['projects', 'chats', 'main']) {
      expect(atStart.value('socketio_connections', { namespace })).toBe(0);
    }
    for (const agent of AGENT_TYPES) {
      for (const status of ['success', 'error', 'timeout']) {
        expect(atStart.value('agent_run_duration_seconds_count', { agent, status })).toBe(0);
      }
    }
    for (const event of [...USER_WEBHOOK_EVENTS, ...OPERATOR_WEBHOOK_EVENTS]) {
      expect(atStart.value('webhook_delivery_attempts_total', { event, outcome: 'success' })).toBe(
        0,
      );
    }
    expect(atStart.value('webhook_endpoints_disabled_total')).toBe(0);
    expect(atStart.value('webhook_delivery_duration_seconds_count', { outcome: 'timeout' })).toBe(
      0,
    );
    // The offline drafter is the whole chain here.
    const offline = { provider: 'offline', model: 'offline' };
    expect(atStart.value('llm_tokens_total', { ...offline, kind: 'prompt' })).toBe(0);
    expect(atStart.value('llm_cost_usd_total', offline)).toBe(0);
    expect(atStart.value('llm_errors_total', { ...offline, reason: 'timeout' })).toBe(0);
    expect(
      atStart.value('llm_request_duration_seconds_count', { ...offline, outcome: 'success' }),
    ).toBe(0);
    expect(atStart.value('llm_cache_hits_total', { ...offline, mode: 'hit' })).toBe(0);
    expect(atStart.value('llm_fallbacks_total', { from: 'offline:offline', to: 'cache' })).toBe(0);
    expect(atStart.value('llm_circuit_open', offline)).toBe(0);
    expect(atStart.value('llm_unavailable_total')).toBe(0);
  });

  it('says which build runs: version, commit and Node', () => {
    expect(
      atStart.value('prd_forge_build_info', {
        version: '0.1.0',
        commit: 'unknown',
        node_version: process.versions.node,
      }),
    ).toBe(1);
  });

  it('sees this process consume the queues: one live consumer, heard from just now', () => {
    expect(atStart.value('workers_alive')).toBe(1);
    expect(atStart.value('worker_heartbeat_age_seconds')).toBeLessThan(60);
  });

  it('counts a generation job: queued, completed, its duration, and the agent runs', async () => {
    const project = await aProject(owner.api);
    const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    await waitForTask(owner.api, project.id, accepted.body.task_id);

    const after = await scrape(testApp.http);
    const jobs = { queue: 'agents', name: 'generate', outcome: 'completed' };
    expect(after.value('job_duration_seconds_count', jobs)).toBe(1);
    expect(after.value('job_duration_seconds_sum', jobs)).toBeGreaterThan(0);
    expect(after.value('bullmq_queue_jobs', { queue: 'agents', state: 'completed' })).toBe(1);
    for (const agent of ['clarification_agent', 'generation_agent']) {
      expect(after.value('agent_run_duration_seconds_count', { agent, status: 'success' })).toBe(1);
    }
    const offline = { provider: 'offline', model: 'offline' };
    expect(after.value('llm_tokens_total', { ...offline, kind: 'completion' })).toBeGreaterThan(0);
  });

  it('counts a job that fails: retried while attempts are left, then failed', async () => {
    const queue = testApp.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
    // A job name this release does not know is refused by the maintenance consumer.
    const job = await queue.add(
      'from-a-newer-release',
      {},
      {
        attempts: 2,
        backoff: { type: 'fixed', delay: 10 },
      },
    );
    await eventually('the job to fail for good', async () =>
      (await job.getState()) === 'failed' ? true : undefined,
    );

    const after = await eventually('the failure counted', async () => {
      const scraped = await scrape(testApp.http);
      const failed = { queue: MAINTENANCE_QUEUE, name: 'other', outcome: 'failed' };
      return scraped.series('job_duration_seconds_count', failed)[0]?.value === 1
        ? scraped
        : undefined;
    });
    expect(
      after.value('job_duration_seconds_count', {
        queue: MAINTENANCE_QUEUE,
        name: 'other',
        outcome: 'retried',
      }),
    ).toBe(1);
    expect(after.value('bullmq_queue_jobs', { queue: MAINTENANCE_QUEUE, state: 'failed' })).toBe(1);
  });

  it('counts open Socket.IO connections by namespace kind, and their closing', async () => {
    const baseUrl = await listeningUrl(testApp);
    const project = await aProject(owner.api);
    const chatId = await aChat(owner.api);
    const auth = { token: owner.accessToken };
    const sockets = [
      await connectToProject(baseUrl, project.id, { auth }),
      await connectToProject(baseUrl, project.id, { auth }),
      await connectToChat(baseUrl, chatId, { auth }),
    ];
    const main = io(baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((resolve) => main.once('connect', () => resolve(undefined)));

    const open = await scrape(testApp.http);
    expect(open.value('socketio_connections', { namespace: 'projects' })).toBe(2);
    expect(open.value('socketio_connections', { namespace: 'chats' })).toBe(1);
    expect(open.value('socketio_connections', { namespace: 'main' })).toBe(1);

    for (const socket of [...sockets, main]) socket.close();
    await eventually('the server to see them close', async () => {
      const closed = await scrape(testApp.http);
      const counts = ['projects', 'chats', 'main'].map((namespace) =>
        closed.value('socketio_connections', { namespace }),
      );
      return counts.every((count) => count === 0) ? true : undefined;
    });
  });

  it('counts webhook delivery attempts by event and outcome', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const hook = await aWebhookTo(owner.api, receiver.url(), ['project.created']);
      await aProject(owner.api);
      await waitForDeliveries(owner.api, hook.id, settled(1));
      const after = await scrape(testApp.http);
      expect(
        after.value('webhook_delivery_attempts_total', {
          event: 'project.created',
          outcome: 'success',
        }),
      ).toBe(1);
      expect(after.value('webhook_delivery_duration_seconds_count', { outcome: 'success' })).toBe(
        1,
      );
    } finally {
      await receiver.close();
    }
  });

  it('labels requests no route answered by what they were', async () => {
    await testApp.http
      .options('/api/v1/projects')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    await testApp.http.get('/docs/swagger-ui.css').expect(200);
    await testApp.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    await testApp.http.get('/api/v1/nothing-here').expect(404);

    const after = await scrape(testApp.http);
    const count = (method: string, route: string, status: string) =>
      after.value('http_request_duration_seconds_count', {
        method,
        route,
        status_code: status,
      });
    expect(count('OPTIONS', 'preflight', '204')).toBe(1);
    expect(count('GET', 'static_asset', '200')).toBe(1);
    expect(count('POST', 'invalid_body', '400')).toBe(1);
    expect(count('GET', 'unmatched', '404')).toBe(1);
    expect(
      after.series('http_request_duration_seconds_count', { route: 'unmatched' }),
    ).toHaveLength(1);
  });
});
