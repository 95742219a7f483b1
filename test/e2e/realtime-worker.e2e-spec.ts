import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AgentProgressData } from '@/realtime/realtime.events';
import { WorkerModule } from '@/worker/worker.module';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { answersTo } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  connectToProject,
  listeningUrl,
  nextEvent,
  ProjectSocket,
} from '@test/support/realtime-client';

/** The scaled-out shape: the job runs in a worker context (no Socket.IO server) and still streams. */
describe('Live updates from a separate worker process', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let socket: ProjectSocket | undefined;

  beforeAll(async () => {
    api = await createTestApp({ ...PROJECT_TEST_ENV, RUN_WORKERS_IN_API: 'false' });
  });
  afterAll(async () => {
    socket?.close();
    await worker?.close();
    await api.close();
  });

  it("reaches the API's clients: agent_progress from every node, then agent_complete", async () => {
    const owner = await aSignedInUser(api.http);
    const project = await aProject(owner.api);
    socket = await connectToProject(await listeningUrl(api), project.id, {
      query: { token: owner.accessToken },
    });
    const progress: AgentProgressData[] = [];
    socket.on('agent_progress', (data) => progress.push(data));
    const complete = nextEvent(socket, 'agent_complete');

    const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
    await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    worker = await NestFactory.createApplicationContext(WorkerModule.register(api.config), {
      logger: false,
    });
    await worker.init();

    await expect(complete).resolves.toMatchObject({
      prd_content: expect.stringContaining('# '),
      version: 'v1.0',
    });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ step: 'Completed', progress: 100 });
  });
});
