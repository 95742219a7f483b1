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

  /** The separate worker's Prometheus listener (`GET /metrics`, `GET /health`); 0 turns it off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65_535)
  WORKER_METRICS_PORT = 9464;
}

/**
 * Where the queue consumers run (src/worker/processors), how many jobs at once, and where a
 * separate worker process serves its metrics.
 */
export const workersConfig = configArea(WorkersEnv, (vars) => ({
  workers: {
    runInApi: vars.RUN_WORKERS_IN_API,
    concurrency: vars.WORKER_CONCURRENCY,
    metricsPort: vars.WORKER_METRICS_PORT,
  },
}));
