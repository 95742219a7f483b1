import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { configArea } from './config-area';
import { toBoolean } from './env-transforms';

export class WorkersEnv {
  @Transform(toBoolean)
  @IsBoolean()
  RUN_WORKERS_IN_API = true;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 2;
}

/** Where the queue consumers run (src/worker/processors), and how many jobs at once. */
export const workersConfig = configArea(WorkersEnv, (vars) => ({
  workers: { runInApi: vars.RUN_WORKERS_IN_API, concurrency: vars.WORKER_CONCURRENCY },
}));
