import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { aGeneratedProject } from '@test/support/factories/agents';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  connectToProject,
  listeningUrl,
  nextEvent,
  ProjectSocket,
} from '@test/support/realtime-client';

describe('Live updates across API replicas (one database, one Redis, one key prefix)', () => {
  let first: TestApp;
  let second: TestApp;
  let socket: ProjectSocket | undefined;

  beforeAll(async () => {
    // Replicas of one deployment share the secrets, the database, the Redis prefix and the objects.
    const deployment = {
      ...PROJECT_TEST_ENV,
      JWT_SECRET_KEY: randomBytes(32).toString('hex'),
      STORAGE_URL_SECRET: randomBytes(32).toString('hex'),
    };
    first = await createTestApp(deployment);
    second = await createTestApp({
      ...deployment,
      MONGODB_URI: first.config.mongo.uri ?? '',
      REDIS_KEY_PREFIX: first.config.redis.keyPrefix,
      DATA_DIR: first.config.dataDir,
    });
  });
  afterAll(async () => {
    socket?.close();
    await Promise.all([first.close(), second.close()]);
  });

  it('a client of one replica hears a task started on the other (think mode: the answer)', async () => {
    const owner = await aSignedInUser(first.http);
    const project = await aGeneratedProject(owner.api);
    socket = await connectToProject(await listeningUrl(second), project.id, {
      auth: { token: owner.accessToken },
    });
    const complete = nextEvent(socket, 'agent_complete');

    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({
        mode: 'think',
        message: 'What are the main risks here?',
        session_id: project.sessionId,
      })
      .expect(202);

    await expect(complete).resolves.toEqual({
      mode: 'think',
      answer: expect.stringContaining('Nothing was changed'),
      based_on_version: 'v1.0',
      model_used: 'offline',
      tokens_used: expect.any(Number),
      cost_usd: 0,
      task_id: accepted.body.task_id,
    });
  });
});
