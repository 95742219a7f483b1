import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '@/worker/worker.module';
import { AppConfig } from '@/config/app-config';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { freePort } from '@test/support/free-port';
import { scrape, scrapeUrl } from '@test/support/prometheus';

const OPS_TOKEN = 'ops-token-for-the-worker-spec';

/**
 * The scaled-out shape (RUN_WORKERS_IN_API=false, workers in their own process): the API tells
 * waiting jobs nobody runs, and the worker serves what it records on its own metrics listener.
 */
describe('Workers seen from the API, and the worker’s own metrics', () => {
  let api: TestApp;
  let owner: SignedInUser;
  let worker: INestApplicationContext | undefined;
  let workerUrl: string;

  /** The API's own settings (same database, Redis and prefix), for a worker process beside it. */
  const workerConfig = (port: number): AppConfig =>
    AppConfig.from({
      ...api.config,
      http: { ...api.config.http, host: '127.0.0.1' },
      workers: { ...api.config.workers, metricsPort: port },
    });
  const health = async () =>
    api.http.get('/health/detailed').set('Authorization', `Bearer ${OPS_TOKEN}`);
  const apiMetrics = () => scrape(api.http, OPS_TOKEN);

  beforeAll(async () => {
    api = await createTestApp({
      ...PROJECT_TEST_ENV,
      RUN_WORKERS_IN_API: 'false',
      OPS_TOKEN,
    });
    owner = await aSignedInUser(api.http);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('reports no consumer while none runs, and stays ready while nothing waits', async () => {
    const metrics = await apiMetrics();
    expect(metrics.value('workers_alive')).toBe(0);
    expect(metrics.value('worker_heartbeat_age_seconds')).toBe(Infinity);
    // The API consumes nothing, so it records no job outcomes.
    expect(metrics.series('job_duration_seconds_count')).toHaveLength(0);

    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.workers).toMatchObject({
      status: 'up',
      alive: 0,
      last_heartbeat_seconds_ago: null,
      waiting_jobs: 0,
      in_process: false,
    });
  });

  it('turns degraded when a job waits and no worker is alive, without leaving the load balancer', async () => {
    const project = await aProject(owner.api);
    const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);

    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: true, status: 'degraded' });
    expect(res.body.checks.workers).toMatchObject({
      status: 'down',
      error: 'no worker alive',
      alive: 0,
      waiting_jobs: 1,
    });
    expect(
      (await apiMetrics()).value('bullmq_queue_jobs', { queue: 'agents', state: 'waiting' }),
    ).toBe(1);

    // A worker joins: it beats at once, serves its metrics, and runs the job.
    const port = await freePort();
    worker = await NestFactory.createApplicationContext(WorkerModule.register(workerConfig(port)), {
      logger: false,
    });
    await worker.init();
    workerUrl = `http://127.0.0.1:${port}`;
    await waitForTask(owner.api, project.id, accepted.body.task_id);

    const healthy = await health();
    expect(healthy.body.status).toBe('ok');
    expect(healthy.body.checks.workers).toMatchObject({ status: 'up', alive: 1, waiting_jobs: 0 });
    const metrics = await apiMetrics();
    expect(metrics.value('workers_alive')).toBe(1);
    expect(metrics.value('worker_heartbeat_age_seconds')).toBeLessThan(60);
  });

  it('serves the worker’s job, agent and LLM metrics on WORKER_METRICS_PORT, behind OPS_TOKEN', async () => {
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${workerUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect(await (await fetch(`${workerUrl}/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${workerUrl}/elsewhere`)).status).toBe(404);

    const metrics = await scrapeUrl(workerUrl, OPS_TOKEN);
    const generate = { queue: 'agents', name: 'generate' };
    expect(metrics.value('job_duration_seconds_count', { ...generate, outcome: 'completed' })).toBe(
      1,
    );
    expect(metrics.value('job_duration_seconds_count', { ...generate, outcome: 'failed' })).toBe(0);
    expect(
      metrics.value('job_duration_seconds_count', {
        queue: 'webhooks',
        name: 'endpoint-delivery',
        outcome: 'completed',
      }),
    ).toBe(0);
    expect(
      metrics.value('agent_run_duration_seconds_count', {
        agent: 'generation_agent',
        status: 'success',
      }),
    ).toBe(1);
    expect(
      metrics.value('llm_tokens_total', { provider: 'offline', model: 'offline', kind: 'prompt' }),
    ).toBeGreaterThan(0);
    expect(metrics.value('webhook_endpoints_disabled_total')).toBe(0);
    expect(metrics.series('prd_forge_build_info')).toHaveLength(1);
    expect(metrics.names).toContain('process_resident_memory_bytes');
  });

  it('forgets a worker that stops cleanly at once', async () => {
    await worker!.close();
    worker = undefined;
    const metrics = await apiMetrics();
    expect(metrics.value('workers_alive')).toBe(0);
    await expect(fetch(`${workerUrl}/health`)).rejects.toThrow();
  });
});
