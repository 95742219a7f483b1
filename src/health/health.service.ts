import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { DatabaseHealth } from '@/infra/database/database.health';
import { AGENTS_QUEUE, WEBHOOKS_QUEUE } from '@/jobs/queues';
import { Storage } from '@/storage/storage';
import { readSystemStats, SystemStats } from './system-stats';

const CHECK_TIMEOUT_MS = 2_000;

export type CheckResult =
  | ({ status: 'up'; latency_ms: number } & Record<string, unknown>)
  | { status: 'down'; latency_ms: number; error: string };

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

@Injectable()
export class HealthService {
  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    private readonly redis: Redis,
    private readonly storage: Storage,
    @InjectQueue(AGENTS_QUEUE) private readonly agentsQueue: Queue,
    @InjectQueue(WEBHOOKS_QUEUE) private readonly webhooksQueue: Queue,
  ) {}

  async detailed(): Promise<DetailedHealth> {
    const [documentStore, redis, storage, queue, system] = await Promise.all([
      timed(async () => ({ ...(await this.database.ping()) })),
      timed(async () => {
        await this.redis.ping();
        return {};
      }),
      timed(async () => {
        await this.storage.check();
        return { driver: this.storage.driver };
      }),
      timed(async () => ({
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

async function timed(check: () => Promise<Record<string, unknown>>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const details = await Promise.race([check(), timeout]);
    return { status: 'up', latency_ms: elapsed(started), ...details };
  } catch (error) {
    return { status: 'down', latency_ms: elapsed(started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
