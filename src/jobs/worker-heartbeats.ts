import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';

/** How often a process that consumes the queues says it is alive. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A consumer not heard from for this long (six missed beats) counts as gone. */
export const HEARTBEAT_STALE_MS = 60_000;
/** Beats older than this are dropped, and the key itself expires a day after the last beat. */
const RETENTION_MS = 86_400_000;
const KEY = 'workers:heartbeats';

export interface HeartbeatReading {
  /** Consumers heard from within HEARTBEAT_STALE_MS. */
  readonly alive: number;
  /** When the most recent beat was written (ms since the epoch), or null if none is kept. */
  readonly lastBeatAt: number | null;
}

/**
 * The queue consumers' liveness, shared in Redis: one sorted set of consumer ids scored by their
 * last beat. Workers write it (src/worker/), the API reads it for /metrics and /health/detailed.
 */
@Injectable()
export class WorkerHeartbeats {
  constructor(private readonly redis: Redis) {}

  async beat(consumerId: string, now = Date.now()): Promise<void> {
    await this.redis
      .multi()
      .zadd(KEY, now, consumerId)
      .zremrangebyscore(KEY, '-inf', now - RETENTION_MS)
      .pexpire(KEY, RETENTION_MS)
      .exec();
  }

  /** A consumer that stops cleanly leaves at once instead of going stale. */
  async remove(consumerId: string): Promise<void> {
    await this.redis.zrem(KEY, consumerId);
  }

  async read(now = Date.now()): Promise<HeartbeatReading> {
    const results = await this.redis
      .multi()
      .zrange(KEY, -1, -1, 'WITHSCORES')
      .zcount(KEY, now - HEARTBEAT_STALE_MS, '+inf')
      .exec();
    const [newest, alive] = (results ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [string[], number];
    return { alive, lastBeatAt: newest.length === 2 ? Number(newest[1]) : null };
  }
}
