import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { isAbsolute, resolve } from 'node:path';
import { NODE_ENVS, NodeEnv } from './node-env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The process itself: which environment, how it logs, where it keeps data, how it stops. */
export class RuntimeEnv {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  DATA_DIR = '.data';

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;
}

/** Read first: every other area's mapper gets the environment and the data dir from it. */
export function runtimeConfig(vars: RuntimeEnv, cwd: string) {
  return {
    env: vars.NODE_ENV,
    logLevel: vars.LOG_LEVEL,
    dataDir: isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(cwd, vars.DATA_DIR),
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
  };
}
