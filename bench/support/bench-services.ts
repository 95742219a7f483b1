import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServices } from '@/infra/local-services/local-services';

/**
 * Throwaway FerretDB and Redis for one bench run, and the environment that points the app at
 * them (LOG_LEVEL=warn: no per-request log lines). Everything is stopped and removed afterwards.
 * BENCH_MONGODB_URI puts a MongoDB-wire server of yours in FerretDB's place (a database of its
 * own: benches write to it and leave what they wrote).
 */
export async function withBenchServices(
  name: string,
  run: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `prd-forge-${name}-`));
  const services = await startLocalServices({
    dataDir,
    startMongo: !process.env.BENCH_MONGODB_URI,
    startRedis: true,
    ephemeral: true,
    databaseName: 'bench',
  });
  try {
    await run({
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      MONGODB_URI: process.env.BENCH_MONGODB_URI ?? services.mongoUri ?? '',
      REDIS_URL: services.redisUrl ?? '',
      DATA_DIR: dataDir,
      REDIS_KEY_PREFIX: 'bench:',
    });
  } finally {
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
