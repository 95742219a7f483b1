/**
 * What a webhook costs the request that fires its event: POST /projects/{id}/versions (a manual
 * save, which publishes version.created) for three accounts in the same run, interleaved:
 *   - none:    no webhook;
 *   - hanging: a webhook whose receiver accepts the connection and never answers (each attempt
 *              holds a socket until WEBHOOK_TIMEOUT_MS, 5 s), so attempts pile up in the queue;
 *   - ok:      a webhook whose receiver answers 200 at once.
 *
 *   npm run bench:webhooks            # BENCH_REQUESTS=200 saves per account by default
 *
 * Throwaway FerretDB and Redis, the real app (workers in-process, as in the embedded default) on
 * a loopback port, requests one at a time. Prints p50/p95/p99/max per account, then what the
 * queue did meanwhile. Target: "hanging" within a few milliseconds of "none" at p95.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { WEBHOOKS_QUEUE } from '@/jobs/queues';
import { startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 20;
const PASSWORD = 'Bench-Passw0rd';

type Scenario = 'none' | 'hanging' | 'ok';

interface Account {
  readonly scenario: Scenario;
  readonly token: string;
  readonly projectId: string;
}

async function main(): Promise<void> {
  const hanging = await receiver(() => undefined);
  const ok = await receiver((res) => res.writeHead(200).end('ok'));
  try {
    await withBenchServices('webhooks-bench', async (env) => {
      const { app, base } = await startBenchApp({
        ...env,
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        RATE_LIMIT_AUTH_PER_MINUTE: '1000',
        RATE_LIMIT_AI_PER_HOUR: '1000',
      });
      try {
        const accounts = [
          await account(base, 'none'),
          await account(base, 'hanging', hanging.url),
          await account(base, 'ok', ok.url),
        ];
        console.log(
          `${REQUESTS} manual saves per account (after ${WARM_UP} each to warm up), one at a time, interleaved; WEBHOOK_TIMEOUT_MS=5000, workers in-process`,
        );
        for (let i = 0; i < WARM_UP; i++) for (const entry of accounts) await save(base, entry);
        const samples: Record<Scenario, number[]> = { none: [], hanging: [], ok: [] };
        for (let i = 0; i < REQUESTS; i++) {
          for (const entry of accounts) samples[entry.scenario].push(await save(base, entry));
        }
        report(samples);
        const queue = app.get<Queue>(getQueueToken(WEBHOOKS_QUEUE));
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'completed');
        console.log(
          `\nwebhooks queue at the end: ${JSON.stringify(counts)}; hanging receiver holds ${hanging.open()} open request(s), ok receiver answered ${ok.answered()}`,
        );
      } finally {
        await app.close();
      }
    });
  } finally {
    await hanging.close();
    await ok.close();
  }
}

async function account(base: string, scenario: Scenario, hookUrl?: string): Promise<Account> {
  const email = `bench-${scenario}@example.com`;
  await call(base, 'POST', '/api/v1/auth/register', { email, password: PASSWORD }, 201);
  const login = await call(base, 'POST', '/api/v1/auth/login', { email, password: PASSWORD }, 200);
  const token = login.access_token as string;
  const project = await call(
    base,
    'POST',
    '/api/v1/projects',
    { initial_idea: 'A platform for connecting freelancers with small businesses' },
    201,
    token,
  );
  if (hookUrl) {
    await call(
      base,
      'POST',
      '/api/v1/webhooks',
      { url: hookUrl, events: ['version.created'] },
      201,
      token,
    );
  }
  return { scenario, token, projectId: project.project_id as string };
}

async function save(base: string, entry: Account): Promise<number> {
  const started = performance.now();
  await call(
    base,
    'POST',
    `/api/v1/projects/${entry.projectId}/versions`,
    {
      prd_content: '# PRD\n\n## Discovery\nFreelancers and clients.\n',
      flowchart_content: 'graph TD\n  A[Client] --> B[Freelancer]\n',
      changes: 'Bench edit',
    },
    201,
    entry.token,
  );
  return performance.now() - started;
}

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  expected: number,
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== expected)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Receiver {
  readonly url: string;
  open(): number;
  answered(): number;
  close(): Promise<void>;
}

async function receiver(
  answer: (res: import('node:http').ServerResponse) => void,
): Promise<Receiver> {
  let open = 0;
  let answered = 0;
  const server: Server = createServer((req, res) => {
    open++;
    res.on('close', () => open--);
    req.resume();
    req.on('end', () => {
      answer(res);
      if (res.writableEnded) answered++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    open: () => open,
    answered: () => answered,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function report(samples: Record<Scenario, number[]>): void {
  const at = (sorted: number[], q: number): string =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  console.log('\naccount   webhook receiver            p50 ms   p95 ms   p99 ms   max ms');
  const labels: Record<Scenario, string> = {
    none: 'none                   ',
    hanging: 'never answers (timeout)',
    ok: 'answers 200            ',
  };
  for (const scenario of ['none', 'hanging', 'ok'] as const) {
    const sorted = [...samples[scenario]].sort((a, b) => a - b);
    console.log(
      `${scenario.padEnd(9)} ${labels[scenario]}  ${at(sorted, 0.5).padStart(7)}  ${at(sorted, 0.95).padStart(7)}  ${at(sorted, 0.99).padStart(7)}  ${sorted[sorted.length - 1].toFixed(1).padStart(7)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
