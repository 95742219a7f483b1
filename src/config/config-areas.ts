import { authConfig } from './auth.config';
import type { SliceOf } from './config-area';
import { databaseConfig } from './database.config';
import { httpConfig } from './http.config';
import { llmConfig } from './llm.config';
import { maintenanceConfig } from './maintenance.config';
import { opsConfig } from './ops.config';
import { rateLimitsConfig } from './rate-limits.config';
import { redisConfig } from './redis.config';
import { sessionsConfig } from './sessions.config';
import { storageConfig } from './storage.config';
import { uploadsConfig } from './uploads.config';
import { webhooksConfig } from './webhooks.config';
import { workersConfig } from './workers.config';

/**
 * Every area after the runtime one (runtime.config.ts, read first). The order is the order their
 * problems are listed in; AppConfig is their slices together.
 */
export const CONFIG_AREAS = [
  httpConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  storageConfig,
  rateLimitsConfig,
  uploadsConfig,
  workersConfig,
  maintenanceConfig,
  sessionsConfig,
  opsConfig,
  webhooksConfig,
  llmConfig,
] as const;

type Together<U> = (U extends unknown ? (slice: U) => void : never) extends (slice: infer I) => void
  ? I
  : never;

export type AreaSlices = Together<SliceOf<(typeof CONFIG_AREAS)[number]>>;
