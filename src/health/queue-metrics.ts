import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { WorkerHeartbeats } from '@/jobs/worker-heartbeats';
import { JOB_STATES, QueueWatch } from './queue-watch';

/** A scrape never waits longer than this on Redis; what could not be read is left out. */
const COLLECT_TIMEOUT_MS = 2_000;

/**
 * The queues and their consumers as the API sees them in Redis, read when Prometheus scrapes
 * (never on a request's path): jobs per queue and state, and how long ago a consumer last beat.
 * Every API replica reports the same values; alert on `max`.
 */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);

  constructor(metrics: MetricsService, queues: QueueWatch, heartbeats: WorkerHeartbeats) {
    const registers = [metrics.registry];
    const failed = (what: string, gauge: Gauge) => (error: unknown) => {
      gauge.reset();
      this.logger.warn(`Could not read ${what} for /metrics: ${(error as Error).message}`);
    };
    new Gauge({
      name: 'bullmq_queue_jobs',
      help: 'Jobs per queue and state (waiting, prioritized, active, delayed, waiting-children, paused, completed, failed), read at scrape time',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        try {
          const all = await deadline(queues.all());
          for (const [queue, counts] of Object.entries(all)) {
            for (const state of JOB_STATES) this.set({ queue, state }, counts[state]);
          }
        } catch (error) {
          failed('the queue counts', this)(error);
        }
      },
    });
    new Gauge({
      name: 'worker_heartbeat_age_seconds',
      help: 'Seconds since a queue consumer (worker, or API with RUN_WORKERS_IN_API) last beat; +Inf when none has for a day',
      registers,
      async collect() {
        try {
          const { lastBeatAt } = await deadline(heartbeats.read());
          this.set(lastBeatAt === null ? Infinity : Math.max(0, Date.now() - lastBeatAt) / 1000);
        } catch (error) {
          failed('the worker heartbeats', this)(error);
        }
      },
    });
    new Gauge({
      name: 'workers_alive',
      help: 'Queue consumers that beat within the last 60 s',
      registers,
      async collect() {
        try {
          this.set((await deadline(heartbeats.read())).alive);
        } catch (error) {
          failed('the worker heartbeats', this)(error);
        }
      },
    });
  }
}

function deadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), COLLECT_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
