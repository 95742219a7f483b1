import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// One round trip, atomic across API instances: count the hit in a fixed window, and once over
// the limit hold a block key for the block duration. Replies in milliseconds.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {hits, ttl, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}
`;

/** @nestjs/throttler storage on the shared Redis client (so its key prefix applies). */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly redis: Redis) {}

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const counter = `throttle:${throttlerName}:${key}`;
    const reply = (await this.redis.eval(
      HIT,
      2,
      counter,
      `${counter}:blocked`,
      Math.max(1, Math.round(ttlMs)),
      limit,
      Math.max(1, Math.round(blockDurationMs)),
    )) as [number, number, number, number];
    const [totalHits, ttlLeftMs, blocked, blockLeftMs] = reply;
    // The throttler's contract is seconds for both times.
    return {
      totalHits,
      timeToExpire: Math.ceil(ttlLeftMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
    };
  }
}
