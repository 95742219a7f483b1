import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServices, LocalServices } from '../../src/infra/local-services/local-services';

declare global {
  var __PRD_FORGE_SERVICES__: { services: LocalServices; dataDir: string } | undefined;
}

/**
 * Real services for the whole run: FerretDB and Redis on kernel-chosen ports with data in a temp
 * dir (installed on first use). Each test app gets its own database and Redis key prefix.
 * MONGODB_URI / REDIS_URL in the environment point the suite at external servers instead.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-test-'));
  const external = { mongo: process.env.MONGODB_URI, redis: process.env.REDIS_URL };
  const services = await startLocalServices({
    dataDir,
    startMongo: !external.mongo,
    startRedis: !external.redis,
    ephemeral: true,
    databaseName: 'unused',
    log: (line) => process.stdout.write(`\n${line}\n`),
  });
  process.env.TEST_MONGODB_URI = external.mongo ?? services.mongoUri;
  process.env.TEST_REDIS_URL = external.redis ?? services.redisUrl;
  process.env.TEST_DATA_DIR = dataDir;
  globalThis.__PRD_FORGE_SERVICES__ = { services, dataDir };
}
