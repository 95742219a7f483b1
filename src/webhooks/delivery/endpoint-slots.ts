import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@/config/app-config';

/** A lease outlives any attempt (the timeout plus margin); a crashed worker's lease expires. */
const LEASE_MARGIN_MS = 30_000;

// Drops expired leases, then takes one if fewer than the cap are held: one atomic step.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

/**
 * At most WEBHOOK_ENDPOINT_CONCURRENCY attempts in flight per endpoint, across every worker
 * process (a sorted set of expiring leases in Redis). Without it, a receiver that hangs would
 * fill every worker slot with attempts waiting out their timeout, and everyone else's
 * deliveries would queue behind it.
 */
@Injectable()
export class EndpointSlots {
  constructor(
    private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** A lease id, or null when the endpoint already has its share in flight. */
  async acquire(endpointId: string): Promise<string | null> {
    const now = Date.now();
    const holdMs = this.config.webhooks.timeoutMs + LEASE_MARGIN_MS;
    const lease = randomUUID();
    const taken = await this.redis.eval(
      ACQUIRE,
      1,
      key(endpointId),
      now,
      this.config.webhooks.endpointConcurrency,
      now + holdMs,
      lease,
      holdMs,
    );
    return taken === 1 ? lease : null;
  }

  async release(endpointId: string, lease: string): Promise<void> {
    await this.redis.zrem(key(endpointId), lease);
  }
}

function key(endpointId: string): string {
  return `webhook_inflight:${endpointId}`;
}
