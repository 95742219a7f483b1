import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '@/worker/worker.module';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { answersTo, TaskStatusBody, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';

/**
 * The scaled-out shape: an API that only enqueues (RUN_WORKERS_IN_API=false) and a separate
 * worker context (what src/worker/worker.ts boots) on the same document store and Redis.
 */
describe('API and worker as separate processes', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await createTestApp({ ...PROJECT_TEST_ENV, RUN_WORKERS_IN_API: 'false' });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('leaves jobs queued until a worker joins, which then completes them', async () => {
    const owner = await aSignedInUser(api.http);
    const project = await aProject(owner.api);
    const answers = answersTo(
      project.body.clarification_questions,
      (question) => `About ${question.lens}`,
    );
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    const statusUrl = `/api/v1/projects/${project.id}/generation-status/${accepted.body.task_id}`;

    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = (await owner.api.get(statusUrl).expect(200)).body as TaskStatusBody;
    expect(waiting.status).toBe('queued');

    worker = await NestFactory.createApplicationContext(WorkerModule.register(api.config), {
      logger: false,
    });
    await worker.init();
    const done = await waitForTask(owner.api, project.id, accepted.body.task_id);
    expect(done.status).toBe('completed');
    expect((done.result as { prd_content: string }).prd_content).toContain('# ');
  });
});
