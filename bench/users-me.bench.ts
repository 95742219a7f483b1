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
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import autocannon from 'autocannon';
import { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { AppModule } from '@/app.module';
import { configureHttp } from '@/common/http/configure-http';
import { loadAppConfig } from '@/config/load-app-config';
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
      const config = loadAppConfig(env);
      app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
        bufferLogs: true,
        bodyParser: false,
      });
      app.useLogger(app.get(Logger));
      configureHttp(app, config);
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
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

async function signedInToken(base: string): Promise<string> {
  const credentials = { email: 'bench@example.com', password: 'Bench-Passw0rd' };
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const registered = await post('/api/v1/auth/register', { ...credentials, full_name: 'Bench' });
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  const login = await post('/api/v1/auth/login', credentials);
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return ((await login.json()) as { access_token: string }).access_token;
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
