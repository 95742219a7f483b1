import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '@/app.module';
import { configureHttp } from '@/bootstrap/configure-http';
import { AppConfig } from '@/config/app-config';
import { loadAppConfig } from '@/config/load-app-config';
import { configureRealtime } from '@/realtime/redis-io.adapter';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  /** supertest bound to the running app. */
  readonly http: TestAgent;
  close(): Promise<void>;
}

/**
 * The real application on the real services started by the global setup, with its own database,
 * Redis key prefix and data dir, so test files never see each other's data.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const isolation = randomBytes(4).toString('hex');
  const dataDir = join(requireEnv('TEST_DATA_DIR'), `app-${isolation}`);
  mkdirSync(dataDir, { recursive: true });
  const mongoUri = new URL(requireEnv('TEST_MONGODB_URI'));
  mongoUri.pathname = `/test_${isolation}`;
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: mongoUri.toString(),
    REDIS_URL: requireEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: `t${isolation}:`,
    DATA_DIR: dataDir,
    // A worker context built from this config opens no metrics listener unless a spec asks.
    WORKER_METRICS_PORT: '0',
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: false,
  });
  configureHttp(app, config);
  configureRealtime(app, config);
  await app.init();
  return { app, config, http: request(app.getHttpServer()), close: () => app.close() };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the suite with \`npm test\` (jest global setup)`);
  return value;
}
