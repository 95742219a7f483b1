import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { WorkerModule } from '@/worker/worker.module';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { answersTo, TaskStatusBody, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { aWebhookTo, waitForDeliveries, WEBHOOK_TEST_ENV } from '@test/support/factories/webhooks';
import { connectToProject, listeningUrl, nextEvent } from '@test/support/realtime-client';

const STALLED = 'job stalled more than allowable limit';

/**
 * A job whose workers died holding it more often than BullMQ's stalled check allows: the check
 * records the failure on the job (`defa`, what moveStalledJobsToWait does on the last stall) and
 * the next worker that takes the job fails it without running it. The task must still end
 * truthfully: its room, its webhooks and its record (which answers once the queue forgets it).
 */
describe('A job BullMQ gave up on after its workers kept dying', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let redis: Redis;

  beforeAll(async () => {
    api = await createTestApp({
      ...PROJECT_TEST_ENV,
      ...WEBHOOK_TEST_ENV,
      RUN_WORKERS_IN_API: 'false',
    });
    redis = new Redis(api.config.redis.url!);
  });
  afterAll(async () => {
    redis.disconnect();
    await worker?.close();
    await api.close();
  });

  it('ends as an error in the room, the webhooks and generation-status, then and later', async () => {
    const owner = await aSignedInUser(api.http);
    const project = await aProject(owner.api);
    const hook = await aWebhookTo(owner.api, 'http://127.0.0.1:9/hook', ['generation.failed']);
    const socket = await connectToProject(await listeningUrl(api), project.id, {
      query: { token: owner.accessToken },
    });
    try {
      const error = nextEvent(socket, 'error');
      const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
      const accepted = await owner.api
        .post(`/api/v1/projects/${project.id}/clarifications`)
        .send({ session_id: project.sessionId, answers })
        .expect(202);
      const taskId = accepted.body.task_id as string;
      const jobKey = `${api.config.redis.keyPrefix}bull:agents:${taskId}`;
      expect(await redis.hset(jobKey, 'defa', STALLED)).toBe(1);

      worker = await NestFactory.createApplicationContext(WorkerModule.register(api.config), {
        logger: false,
      });
      await worker.init();

      const failure = {
        error_code: 'AGENT_FAILED',
        message: expect.stringContaining('stopped responding'),
      };
      await expect(error).resolves.toEqual({ ...failure, task_id: taskId });
      const ended = await waitForTask(owner.api, project.id, taskId);
      expect(ended).toMatchObject({ status: 'error', error: failure });
      const deliveries = await waitForDeliveries(owner.api, hook.id, (all) => all.length > 0);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0].payload.data).toMatchObject({
        project_id: project.id,
        task_id: taskId,
        task: 'generate',
        error_code: 'AGENT_FAILED',
      });

      // Once the queue has forgotten the job (its retention ends), the task's record answers.
      expect(await redis.del(jobKey)).toBe(1);
      await redis.zrem(`${api.config.redis.keyPrefix}bull:agents:failed`, taskId);
      const later = await owner.api
        .get(`/api/v1/projects/${project.id}/generation-status/${taskId}`)
        .expect(200);
      expect(later.body as TaskStatusBody).toMatchObject({ status: 'error', error: failure });
      // Nothing was generated.
      const versions = await owner.api.get(`/api/v1/projects/${project.id}/versions`).expect(200);
      expect(versions.body.versions).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
