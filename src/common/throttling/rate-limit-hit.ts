import { ThrottlerStorage } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppError } from '../errors';

export interface GroupLimit {
  readonly name: string;
  readonly limit: number;
  readonly ttlMs: number;
  readonly blockDurationMs: number;
}

/**
 * Counts one request against a group under `key`, sets the rate-limit headers (X-RateLimit-Reset as
 * Unix seconds) and throws RATE_LIMIT_EXCEEDED with Retry-After once the group is over its limit.
 */
export async function countHit(
  storage: ThrottlerStorage,
  res: Response,
  group: GroupLimit,
  key: string,
): Promise<void> {
  const record = await storage.increment(
    key,
    group.ttlMs,
    group.limit,
    group.blockDurationMs,
    group.name,
  );
  const nowSeconds = Math.floor(Date.now() / 1000);
  res.setHeader('X-RateLimit-Limit', group.limit);
  res.setHeader('X-RateLimit-Remaining', Math.max(0, group.limit - record.totalHits));
  res.setHeader('X-RateLimit-Reset', nowSeconds + record.timeToExpire);
  if (record.isBlocked) {
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', nowSeconds + retryAfter);
    res.setHeader('Retry-After', retryAfter);
    throw new AppError('RATE_LIMIT_EXCEEDED', 'Too many requests. Please try again later.', {
      retry_after: retryAfter,
    });
  }
}

/**
 * A per-user group counts every route in it together ("AI operations: 50 requests/hour" is one
 * budget, whichever AI route spends it); the key names the group and the caller only.
 */
export function perUserKey(group: string, tracker: string): string {
  return `${group}:${tracker}`;
}
