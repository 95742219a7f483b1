/**
 * 1,000 open keep-alive connections asking GET /api/v1/users/me (with a token) at 1,000
 * requests per second in all, for 10 s, against our app (child process, embedded FerretDB and
 * Redis, LOG_LEVEL=info). Anchors, in the same run: the same load on a bare NestJS app's
 * GET /health (what the machine and the load generator allow) and on our own GET /health (what
 * the 1,000 connections cost without authentication).
 *
 *   npm run bench:connections   # BENCH_CONNECTIONS=1000 BENCH_RATE=1000 BENCH_DURATION=10
 *
 * Reports p50/p97.5/p99, errors and non-2xx, and the CPU the load generator (this process) took,
 * since it shares the machine's cores with the server. Target: p97.5 < 200 ms, zero errors.
 */
import { signedInToken } from './support/bench-app';
import { startChildServer } from './support/child-server';
import { openLoop, OpenLoopResult } from './support/open-loop';
import { percentile } from './support/stats';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const TARGET_P97_5_MS = 200;

interface Outcome extends OpenLoopResult {
  readonly label: string;
}

async function run(label: string, base: string, path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(base);
  const result = await openLoop({
    host: hostname,
    port: Number(port),
    path,
    headers,
    connections: CONNECTIONS,
    rate: RATE,
    durationS: DURATION_S,
  });
  return { label, ...result };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

function row(outcome: Outcome): string {
  const { label, latencies } = outcome;
  return (
    `${label.padEnd(20)} p50 ${ms(percentile(latencies, 50))}  p97.5 ${ms(percentile(latencies, 97.5))}  ` +
    `p99 ${ms(percentile(latencies, 99))}  max ${ms(percentile(latencies, 100))}  ` +
    `answered ${outcome.completed}/${outcome.sent}  errors ${outcome.errors}  non-2xx ${outcome.non2xx}  ` +
    `load generator CPU ${outcome.loadCpuPercent.toFixed(0)}% of a core`
  );
}

async function main(): Promise<void> {
  const [bare, ours] = await Promise.all([
    startChildServer('bench/bare-nest/main.ts'),
    startChildServer('bench/support/serve-app.ts'),
  ]);
  try {
    const token = await signedInToken(ours.base);
    console.log(
      `open loop: ${CONNECTIONS} keep-alive connections, ${RATE} req/s in all, ${DURATION_S} s per route`,
    );
    const bareHealth = await run('bare GET /health', bare.base, '/health', {});
    console.log(row(bareHealth));
    const health = await run('GET /health', ours.base, '/health', {});
    console.log(row(health));
    const me = await run('GET /api/v1/users/me', ours.base, '/api/v1/users/me', {
      authorization: `Bearer ${token}`,
    });
    console.log(row(me));
    const failures = me.errors + me.non2xx;
    const p97_5 = percentile(me.latencies, 97.5);
    const met = p97_5 < TARGET_P97_5_MS && failures === 0;
    console.log(
      `\n/users/me, ${CONNECTIONS} connections at ${RATE} req/s: p97.5 ${ms(p97_5)} ` +
        `(target < ${TARGET_P97_5_MS} ms), ${failures} failures; ratio p97.5 to bare /health ` +
        `${(p97_5 / Math.max(1, percentile(bareHealth.latencies, 97.5))).toFixed(2)}: ${met ? 'met' : 'MISSED'}`,
    );
    if (!met) process.exitCode = 1;
  } finally {
    await Promise.all([bare.stop(), ours.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
