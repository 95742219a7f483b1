import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { ProjectKeys } from '@/projects/project-keys';
import { Storage } from '@/storage/storage';
import { WorkerModule } from '@/worker/worker.module';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';

/** Where a worker is killed: before a graph node, after its work (checkpoint unwritten), mid-save. */
const GENERATE_CRASHES = [
  'node:assess',
  'done:draft_sections',
  'node:draw_flowchart',
  'node:save_version',
  'save:after-version',
  'save:before-current',
  'done:save_version',
];
const ITERATE_CRASHES = ['node:route', 'save:after-version', 'save:before-current'];

interface Task {
  readonly crashAt: string;
  readonly projectId: string;
  readonly taskId: string;
  /** Versions the project held before the task. */
  readonly before: number;
}

/**
 * Real worker processes (src/worker/worker.ts) SIGKILLed at a named point of an agent run
 * (TEST_CRASH_AT), one per point, each holding one task; then a healthy worker takes the stalled
 * tasks over. Every task ends completed with exactly one new version, the project pointing at it
 * and current/ holding it.
 */
describe('Agent runs survive a worker killed at any point', () => {
  let api: TestApp;
  let owner: SignedInUser;
  let redis: Redis;
  let healthy: INestApplicationContext | undefined;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The API only enqueues; the healthy worker below uses this configuration (a short lock).
    api = await createTestApp({
      ...PROJECT_TEST_ENV,
      RUN_WORKERS_IN_API: 'false',
      WORKER_LOCK_DURATION_MS: '5000',
    });
    owner = await aSignedInUser(api.http);
    redis = new Redis(api.config.redis.url!);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await healthy?.close();
    redis.disconnect();
    await api.close();
  });

  /** A worker process that dies at `crashAt` in the first job it takes. */
  function aDoomedWorker(crashAt: string): Promise<NodeJS.Signals | null> {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'src/worker/worker.ts',
      ],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          MONGODB_URI: api.config.mongo.uri!,
          REDIS_URL: api.config.redis.url!,
          REDIS_KEY_PREFIX: api.config.redis.keyPrefix,
          DATA_DIR: api.config.dataDir,
          WORKER_CONCURRENCY: '1',
          // No metrics listener: workers come and go here, and a fixed port would be taken.
          WORKER_METRICS_PORT: '0',
          // Its lock outlives the test, so no other doomed worker takes its task over.
          WORKER_LOCK_DURATION_MS: '600000',
          TEST_CRASH_AT: crashAt,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        signal === 'SIGKILL'
          ? resolve(signal)
          : reject(new Error(`worker (${crashAt}) exited with ${code}: ${stderr}`)),
      );
    });
  }

  async function versionsOf(projectId: string): Promise<{ version: string; author: unknown }[]> {
    const res = await owner.api.get(`/api/v1/projects/${projectId}/versions`).expect(200);
    return res.body.versions as { version: string; author: unknown }[];
  }

  async function aGenerateTask(crashAt: string): Promise<Task> {
    const project = await aProject(owner.api);
    const answers = answersTo(project.body.clarification_questions, (q) => `About ${q.lens}`);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    return { crashAt, projectId: project.id, taskId: accepted.body.task_id as string, before: 0 };
  }

  async function anIterateTask(crashAt: string): Promise<Task> {
    const project = await aProject(owner.api);
    await saveVersion(owner.api, project.id, {
      prd_content: '# PRD\n\n## Success Metrics\nNone yet.\n',
    }).expect(201);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({ mode: 'agent', message: 'Add success metrics', session_id: project.sessionId })
      .expect(202);
    return { crashAt, projectId: project.id, taskId: accepted.body.task_id as string, before: 1 };
  }

  /** One task per point, each taken by a worker that dies there. */
  async function crashEach(
    points: readonly string[],
    aTask: (crashAt: string) => Promise<Task>,
  ): Promise<Task[]> {
    const tasks: Task[] = [];
    for (const point of points) tasks.push(await aTask(point));
    const deaths = await Promise.all(points.map((point) => aDoomedWorker(point)));
    expect(deaths).toEqual(points.map(() => 'SIGKILL'));
    return tasks;
  }

  it('completes every task with exactly one version, whichever point its worker died at', async () => {
    const tasks = [
      ...(await crashEach(GENERATE_CRASHES, aGenerateTask)),
      ...(await crashEach(ITERATE_CRASHES, anIterateTask)),
    ];
    // Every task is still claimed by its dead worker; none says completed.
    for (const task of tasks) {
      const res = await owner.api
        .get(`/api/v1/projects/${task.projectId}/generation-status/${task.taskId}`)
        .expect(200);
      expect({ at: task.crashAt, status: res.body.status }).toEqual({
        at: task.crashAt,
        status: 'processing',
      });
    }
    // The dead workers' locks (and the pause they put between stalled checks) would lapse after
    // their WORKER_LOCK_DURATION_MS; dropping them stands in for that wait. The healthy worker's
    // stalled check then takes the tasks over.
    const prefix = `${api.config.redis.keyPrefix}bull:agents`;
    await redis.del(
      `${prefix}:stalled-check`,
      ...tasks.map((task) => `${prefix}:${task.taskId}:lock`),
    );
    healthy = await NestFactory.createApplicationContext(WorkerModule.register(api.config), {
      logger: false,
    });
    await healthy.init();

    const storage = api.app.get(Storage);
    for (const task of tasks) {
      const done = await waitForTask(owner.api, task.projectId, task.taskId, {
        intervalMs: 200,
        timeoutMs: 240_000,
      });
      const result = done.result as { version?: string; prd_content?: string } | null;
      const versions = await versionsOf(task.projectId);
      const project = await owner.api.get(`/api/v1/projects/${task.projectId}`).expect(200);
      const keys = new ProjectKeys(api.config.env, owner.id, task.projectId);
      const current = (await storage.get(keys.current('prd.md'))).toString('utf8');
      expect({
        at: task.crashAt,
        status: done.status,
        newVersions: versions.length - task.before,
        current: (project.body.project as { current_version: string }).current_version,
        currentCopyIsResult: current === result?.prd_content,
      }).toEqual({
        at: task.crashAt,
        status: 'completed',
        newVersions: 1,
        current: result?.version,
        currentCopyIsResult: true,
      });
      expect(result?.version).toBe(versions[0].version);
    }
  }, 900_000);
});
