/**
 * GET /api/v1/users/me (a valid token: JWT check, one Redis MGET, the profile from its Redis cache) against
 * GET /health (the cheapest route) on the same server, in the same run.
 *
 *   npm run bench:users-me            # BENCH_DURATION=10 BENCH_CONNECTIONS=100 by default
 *
 * Starts throwaway FerretDB and Redis, the real app (same stack as main.ts) on a loopback port
 * with LOG_LEVEL=warn (no per-request log lines), registers and logs in one user, then runs
 * autocannon in a worker thread (so the load generator does not share the server's event loop).
 * Target: /users/me keeps at least half of /health's throughput, with p97.5 under 200 ms.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import autocannon from 'autocannon';
import { signedInToken, startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const WARM_UP_S = 3;
const TARGET_RATIO = 0.5;
const TARGET_P97_5_MS = 200;

interface Figures {
  readonly label: string;
  readonly requestsPerSecond: number;
  readonly p97_5: number;
  readonly p50: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function main(): Promise<void> {
  await withBenchServices('users-me-bench', async (env) => {
    let app: NestExpressApplication | undefined;
    try {
      const started = await startBenchApp(env);
      app = started.app;
      const { base } = started;
      const token = await signedInToken(base);

      const routes: { label: string; url: string; headers: Record<string, string> }[] = [
        { label: 'GET /health', url: `${base}/health`, headers: {} },
        {
          label: 'GET /api/v1/users/me',
          url: `${base}/api/v1/users/me`,
          headers: { authorization: `Bearer ${token}` },
        },
      ];
      console.log(
        `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per route after a ${WARM_UP_S} s warm-up, LOG_LEVEL=warn`,
      );
      for (const route of routes) await run(route.url, route.headers, WARM_UP_S);
      const results: Figures[] = [];
      for (const route of routes) {
        const result = await run(route.url, route.headers, DURATION_S);
        results.push({
          label: route.label,
          requestsPerSecond: result.requests.average,
          p97_5: result.latency.p97_5,
          p50: result.latency.p50,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      }
      report(results);
      // Let the last in-flight requests finish before the database goes away.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await app?.close();
    }
  });
}

function run(
  url: string,
  headers: Record<string, string>,
  duration: number,
): Promise<autocannon.Result> {
  return autocannon({ url, headers, connections: CONNECTIONS, duration, workers: 1 });
}

function report([probe, me]: Figures[]): void {
  const row = (figures: Figures) =>
    `${figures.label.padEnd(22)} ${figures.requestsPerSecond.toFixed(0).padStart(8)} req/s   ` +
    `p50 ${String(figures.p50).padStart(4)} ms   p97.5 ${String(figures.p97_5).padStart(4)} ms   ` +
    `non-2xx ${figures.non2xx}   errors ${figures.errors}`;
  const ratio = me.requestsPerSecond / probe.requestsPerSecond;
  const met =
    ratio >= TARGET_RATIO && me.p97_5 < TARGET_P97_5_MS && me.non2xx === 0 && me.errors === 0;
  console.log(`\n${row(probe)}\n${row(me)}`);
  console.log(
    `\nratio /users/me : /health = ${ratio.toFixed(2)}  (target >= ${TARGET_RATIO}, p97.5 < ${TARGET_P97_5_MS} ms): ${met ? 'met' : 'MISSED'}`,
  );
  if (!met) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
