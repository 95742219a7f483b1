import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { DatabaseHealth } from '@/infra/database/database.health';
import { AGENTS_QUEUE, WEBHOOKS_QUEUE } from '@/jobs/queues';
import { WorkerHeartbeats } from '@/jobs/worker-heartbeats';
import { Storage } from '@/storage/storage';
import { QueueWatch } from './queue-watch';
import { readSystemStats, SystemStats } from './system-stats';

const CHECK_TIMEOUT_MS = 2_000;

/** What a caller may learn about a failed check; the dependency's own message is only logged. */
export type CheckFailure = 'timed out' | 'unavailable' | 'no worker alive';

export type CheckResult =
  | ({ status: 'up'; latency_ms: number } & Record<string, unknown>)
  | ({ status: 'down'; latency_ms: number; error: CheckFailure } & Record<string, unknown>);

export interface DetailedHealth {
  /** False when a dependency the API needs is down: the answer is then a 503. */
  ready: boolean;
  status: 'ok' | 'degraded';
  timestamp: string;
  uptime_seconds: number;
  checks: {
    document_store: CheckResult;
    redis: CheckResult;
    storage: CheckResult;
    queue: CheckResult;
    workers: CheckResult;
  };
  system: SystemStats;
}

class CheckTimeout extends Error {}

/** Jobs are due and no consumer has beaten recently: nobody will run them. */
class NoWorkerAlive extends Error {
  constructor(readonly details: Record<string, unknown>) {
    super('no worker alive');
  }
}

/**
 * Checks that make the API unready (503) when down. The workers check only degrades the report:
 * an API replica without workers still serves everything but new agent work, and taking every
 * replica out of the load balancer because the workers died would make it serve nothing.
 */
const READINESS_CHECKS = ['document_store', 'redis', 'storage', 'queue'] as const;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    private readonly redis: Redis,
    private readonly storage: Storage,
    private readonly queues: QueueWatch,
    private readonly heartbeats: WorkerHeartbeats,
  ) {}

  async detailed(): Promise<DetailedHealth> {
    const timed = (name: string, check: () => Promise<Record<string, unknown>>) =>
      timedCheck(check, (error) =>
        this.logger.warn({ err: error, check: name }, 'Health check failed'),
      );
    const [documentStore, redis, storage, queue, workers, system] = await Promise.all([
      timed('document_store', async () => ({ ...(await this.database.ping()) })),
      timed('redis', async () => {
        await this.redis.ping();
        return {};
      }),
      timed('storage', async () => {
        await this.storage.check();
        return { driver: this.storage.driver };
      }),
      timed('queue', async () => ({
        depth: {
          [AGENTS_QUEUE]: await this.queues.counts(AGENTS_QUEUE, DEPTH_STATES),
          // Delayed here is mostly retries waiting out their backoff.
          [WEBHOOKS_QUEUE]: await this.queues.counts(WEBHOOKS_QUEUE, DEPTH_STATES),
        },
      })),
      timed('workers', () => this.workers()),
      readSystemStats(this.config.dataDir),
    ]);
    const checks = { document_store: documentStore, redis, storage, queue, workers };
    const allUp = Object.values(checks).every((check) => check.status === 'up');
    return {
      ready: READINESS_CHECKS.every((name) => checks[name].status === 'up'),
      status: allUp ? 'ok' : 'degraded',
      timestamp: new Date().toISOString(),
      uptime_seconds: Math.round(process.uptime()),
      checks,
      system,
    };
  }

  /** Someone consumes the queues, or nothing waits for them to. */
  private async workers(): Promise<Record<string, unknown>> {
    const [reading, waiting] = await Promise.all([this.heartbeats.read(), this.queues.waiting()]);
    const details = {
      alive: reading.alive,
      last_heartbeat_seconds_ago:
        reading.lastBeatAt === null
          ? null
          : Math.round(Math.max(0, Date.now() - reading.lastBeatAt) / 1000),
      waiting_jobs: waiting,
      in_process: this.config.workers.runInApi,
    };
    if (reading.alive === 0 && waiting > 0) throw new NoWorkerAlive(details);
    return details;
  }
}

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

async function timedCheck(
  check: () => Promise<Record<string, unknown>>,
  report: (error: unknown) => void,
): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CheckTimeout(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const details = await Promise.race([check(), timeout]);
    return { status: 'up', latency_ms: elapsed(started), ...details };
  } catch (error) {
    if (error instanceof NoWorkerAlive) {
      return {
        status: 'down',
        latency_ms: elapsed(started),
        error: 'no worker alive',
        ...error.details,
      };
    }
    report(error);
    const timedOut =
      error instanceof CheckTimeout ||
      (error instanceof Error && /timed out|timeout/i.test(error.message));
    return {
      status: 'down',
      latency_ms: elapsed(started),
      error: timedOut ? 'timed out' : 'unavailable',
    };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
