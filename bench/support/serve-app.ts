/**
 * Our app (the same stack as main.ts) on throwaway FerretDB and Redis, as a child process of a
 * bench, so the load generator and the anchor never share its event loop or heap. Reports its
 * port to the parent over IPC; SIGTERM closes the app and removes the services.
 * BENCH_LOG_LEVEL sets LOG_LEVEL (default info: the access log of production); BENCH_APP_ENV, a
 * JSON object, adds or overrides the app's environment (rate limits, workers, …);
 * BENCH_SERVICES_ENV, the environment of services the parent started (withBenchServices), joins
 * those instead of starting its own (so that separate workers can join them too).
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { startBenchApp } from './bench-app';
import { withBenchServices } from './bench-services';

async function serve(env: Record<string, string>): Promise<void> {
  let app: NestExpressApplication | undefined;
  try {
    const started = await startBenchApp({
      ...env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...(JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>),
    });
    app = started.app;
    const port = Number(new URL(started.base).port);
    const stopped = new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
    process.send?.({ port });
    await stopped;
  } finally {
    await app?.close();
  }
}

async function main(): Promise<void> {
  const joined = process.env.BENCH_SERVICES_ENV;
  if (joined) await serve(JSON.parse(joined) as Record<string, string>);
  else await withBenchServices('serve-app', serve);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
