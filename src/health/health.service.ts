import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { DatabaseHealth } from '@/infra/database/database.health';
import { AGENTS_QUEUE, WEBHOOKS_QUEUE } from '@/jobs/queues';
import { Storage } from '@/storage/storage';
import { readSystemStats, SystemStats } from './system-stats';

const CHECK_TIMEOUT_MS = 2_000;

/** What a caller may learn about a failed check; the dependency's own message is only logged. */
export type CheckFailure = 'timed out' | 'unavailable';

export type CheckResult =
  | ({ status: 'up'; latency_ms: number } & Record<string, unknown>)
  | { status: 'down'; latency_ms: number; error: CheckFailure };

export interface DetailedHealth {
  status: 'ok' | 'degraded';
  timestamp: string;
  uptime_seconds: number;
  checks: {
    document_store: CheckResult;
    redis: CheckResult;
    storage: CheckResult;
    queue: CheckResult;
  };
  system: SystemStats;
}

class CheckTimeout extends Error {}

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    private readonly redis: Redis,
    private readonly storage: Storage,
    @InjectQueue(AGENTS_QUEUE) private readonly agentsQueue: Queue,
    @InjectQueue(WEBHOOKS_QUEUE) private readonly webhooksQueue: Queue,
  ) {}

  async detailed(): Promise<DetailedHealth> {
    const timed = (name: string, check: () => Promise<Record<string, unknown>>) =>
      timedCheck(check, (error) =>
        this.logger.warn({ err: error, check: name }, 'Health check failed'),
      );
    const [documentStore, redis, storage, queue, system] = await Promise.all([
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
          [AGENTS_QUEUE]: await this.agentsQueue.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
          ),
          // Delayed here is mostly retries waiting out their backoff.
          [WEBHOOKS_QUEUE]: await this.webhooksQueue.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
          ),
        },
      })),
      readSystemStats(this.config.dataDir),
    ]);
    const checks = { document_store: documentStore, redis, storage, queue };
    const allUp = Object.values(checks).every((check) => check.status === 'up');
    return {
      status: allUp ? 'ok' : 'degraded',
      timestamp: new Date().toISOString(),
      uptime_seconds: Math.round(process.uptime()),
      checks,
      system,
    };
  }
}

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
