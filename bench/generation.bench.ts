/**
 * A generation end to end with the offline provider, through HTTP, BullMQ and the socket: a
 * project is created (POST /projects: the clarify graph runs in the request), a client joins its
 * namespace /ws/projects/{id} (socket.io-client, websocket), then the clock starts at
 * POST /projects/{id}/clarifications (202, a job on the agents queue) and stops at the room's
 * `agent_complete` for that task, then at the first GET /projects/{id}/versions that lists the
 * version.
 *
 *   npm run bench:generation     # BENCH_RUNS=50 sequential, BENCH_CONCURRENT=20 at once
 *
 * The app is a child process as in production's embedded default (workers in the API process,
 * RUN_WORKERS_IN_API=true, WORKER_CONCURRENCY=2: two jobs at a time), on throwaway FerretDB and
 * Redis, LOG_LEVEL=warn; the clients run in this process. First BENCH_RUNS generations one after
 * another (after 3 to warm up), then BENCH_CONCURRENT projects whose clarifications are all
 * posted at once: wall time from the first POST to the last version readable, p50/p95 of each,
 * errors (a refused POST, an `error` event, no `agent_complete` in time), and every project must
 * end with exactly one version.
 */
import { io, Socket } from 'socket.io-client';
import type { AgentCompleteData, ProjectEvents } from '@/realtime/realtime.events';
import { apiClient, ApiClient, signedInToken } from './support/bench-app';
import { withBenchServices } from './support/bench-services';
import { startChildServer, startWorkerProcess } from './support/child-server';
import { ms, summarize, triple } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 20);
const WORKER_CONCURRENCY = 2;
const WARM_UP = 3;
const RUN_TIMEOUT_MS = 120_000;
const IDEA =
  'A marketplace where small businesses hire vetted freelancers, with escrow and milestone payments';

interface Run {
  /** POST /clarifications → agent_complete. */
  readonly completeMs: number;
  /** POST /clarifications → the version listed by GET /versions. */
  readonly readableMs: number;
}

interface Prepared {
  readonly projectId: string;
  readonly socket: Socket<ProjectEvents>;
  readonly body: { session_id: string; answers: Answer[] };
}

interface Answer {
  lens: string;
  question: string;
  answer: string;
}

/** Workers as the bench runs them: in the API process, or this many separate processes. */
const WORKER_PROCESSES = Number(process.env.BENCH_WORKER_PROCESSES ?? 0);
/** How many jobs run at once: the in-process concurrency, or one per worker process. */
const WORKERS = WORKER_PROCESSES || WORKER_CONCURRENCY;
const APP_ENV = { RATE_LIMIT_AI_PER_HOUR: '100000', RATE_LIMIT_AUTH_PER_MINUTE: '1000' };

async function main(): Promise<void> {
  if (WORKER_PROCESSES === 0) {
    const server = await startChildServer('bench/support/serve-app.ts', {
      BENCH_LOG_LEVEL: 'warn',
      BENCH_APP_ENV: JSON.stringify({
        ...APP_ENV,
        RUN_WORKERS_IN_API: 'true',
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      }),
    });
    try {
      await measure(
        server.base,
        `workers in the API process (WORKER_CONCURRENCY=${WORKER_CONCURRENCY})`,
      );
    } finally {
      await server.stop();
    }
    return;
  }
  // The API without consumers, and the workers as `npm run start:worker`, one job at a time each.
  await withBenchServices('generation-bench', async (env) => {
    const server = await startChildServer('bench/support/serve-app.ts', {
      BENCH_LOG_LEVEL: 'warn',
      BENCH_SERVICES_ENV: JSON.stringify(env),
      BENCH_APP_ENV: JSON.stringify({ ...APP_ENV, RUN_WORKERS_IN_API: 'false' }),
    });
    const workers = await Promise.all(
      Array.from({ length: WORKER_PROCESSES }, () =>
        startWorkerProcess({
          ...env,
          ...APP_ENV,
          WORKER_CONCURRENCY: '1',
          WORKER_METRICS_PORT: '0',
        }),
      ),
    );
    try {
      await measure(
        server.base,
        `${WORKER_PROCESSES} worker processes (WORKER_CONCURRENCY=1 each)`,
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await server.stop();
    }
  });
}

async function measure(base: string, workers: string): Promise<void> {
  const token = await signedInToken(base, 'generation');
  const api = apiClient(base, token);
  const prepare = (): Promise<Prepared> => prepared(base, token, api);
  console.log(`offline provider, ${workers}, LOG_LEVEL=warn`);

  for (let i = 0; i < WARM_UP; i += 1) await generate(api, await prepare());
  const sequential: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) sequential.push(await generate(api, await prepare()));
  const complete = summarize(sequential.map((run) => run.completeMs));
  const readable = summarize(sequential.map((run) => run.readableMs));
  console.log(`\n${RUNS} sequential generations (ms: p50 / p95 / p99, max)`);
  console.log(`  POST → agent_complete        ${triple(complete)}, max ${ms(complete.max)}`);
  console.log(`  POST → version readable      ${triple(readable)}, max ${ms(readable.max)}`);

  const batch = await Promise.all(Array.from({ length: CONCURRENT }, prepare));
  const started = performance.now();
  const outcomes = await Promise.allSettled(batch.map((run) => generate(api, run)));
  const wallMs = performance.now() - started;
  const done = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [String(outcome.reason)] : [],
  );
  const versionCounts = await Promise.all(
    batch.map(async ({ projectId }) => {
      const listed = await api('GET', `/api/v1/projects/${projectId}/versions`, { expect: 200 });
      return (listed.body.versions as unknown[]).length;
    }),
  );
  const oneEach = versionCounts.every((count) => count === 1);
  const concurrent = summarize(done.map((run) => run.completeMs));
  const concurrentReadable = summarize(done.map((run) => run.readableMs));
  console.log(
    `\n${CONCURRENT} concurrent generations on ${WORKERS} workers: wall ${ms(wallMs)} ms`,
  );
  console.log(`  POST → agent_complete        ${triple(concurrent)}, max ${ms(concurrent.max)}`);
  console.log(
    `  POST → version readable      ${triple(concurrentReadable)}, max ${ms(concurrentReadable.max)}`,
  );
  console.log(`  errors ${failures.length}; versions per project ${JSON.stringify(versionCounts)}`);
  for (const failure of failures.slice(0, 5)) console.log(`  ${failure}`);

  const ok = failures.length === 0 && oneEach;
  console.log(
    `\ngeneration end to end: ${RUNS} sequential p50 ${ms(complete.p50)} / p95 ${ms(complete.p95)} ms ` +
      `to agent_complete (readable p95 ${ms(readable.p95)} ms); ${CONCURRENT} concurrent on ` +
      `${WORKERS} workers: wall ${(wallMs / 1000).toFixed(1)} s, p50 ${ms(concurrent.p50)} / ` +
      `p95 ${ms(concurrent.p95)} ms, ${failures.length} errors, exactly one version each: ` +
      `${oneEach ? 'yes' : 'NO'}: ${ok ? 'met' : 'MISSED'}`,
  );
  if (!ok) process.exitCode = 1;
}

/** A new project (its questions asked), its room joined, its answers ready to post. */
async function prepared(base: string, token: string, api: ApiClient): Promise<Prepared> {
  const created = await api('POST', '/api/v1/projects', {
    body: { initial_idea: IDEA },
    expect: 201,
  });
  const projectId = created.body.project_id as string;
  const questions = created.body.clarification_questions as { lens: string; question: string }[];
  const socket: Socket<ProjectEvents> = io(`${base}/ws/projects/${projectId}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    projectId,
    socket,
    body: {
      session_id: created.body.session_id as string,
      answers: questions.map((question, index) => ({
        lens: question.lens,
        question: question.question,
        answer:
          index % 3 === 2
            ? ''
            : `For ${question.lens}: small agencies that hire freelancers weekly and pay on milestones`,
      })),
    },
  };
}

/** Posts the answers and times the task to its agent_complete, then to its version in the list. */
async function generate(api: ApiClient, run: Prepared): Promise<Run> {
  const { projectId, socket } = run;
  try {
    let taskId: string | null = null;
    const completed = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no agent_complete in time')),
        RUN_TIMEOUT_MS,
      );
      socket.on('agent_complete', (data: AgentCompleteData) => {
        // A task of its own: the project has only this one.
        if (taskId !== null && data.task_id !== taskId) return;
        clearTimeout(timer);
        if (!('version' in data) || data.version !== 'v1.0') {
          reject(new Error(`agent_complete without v1.0: ${JSON.stringify(data).slice(0, 200)}`));
        }
        resolve(performance.now());
      });
      socket.on('error', (data) => {
        clearTimeout(timer);
        reject(new Error(`error event: ${JSON.stringify(data)}`));
      });
    });
    const started = performance.now();
    const accepted = await api('POST', `/api/v1/projects/${projectId}/clarifications`, {
      body: run.body,
      expect: 202,
    });
    taskId = accepted.body.task_id as string;
    const completeAt = await completed;
    for (;;) {
      const listed = await api('GET', `/api/v1/projects/${projectId}/versions`, { expect: 200 });
      if ((listed.body.versions as unknown[]).length > 0) break;
      if (performance.now() - started > RUN_TIMEOUT_MS) throw new Error('no version listed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { completeMs: completeAt - started, readableMs: performance.now() - started };
  } finally {
    socket.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
