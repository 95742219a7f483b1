import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '@/config/app-config';

// Count a failure; at the limit, replace the count with a lock that lasts the lockout period.
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if failures >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
end
return failures
`;

/**
 * By default 5 failed logins lock for 15 minutes. Counted per login identifier (email or phone)
 * whether or not an account has it, so a lock says nothing about existence; kept in Redis, so
 * every API instance sees the same count. Identifiers are hashed: no emails in Redis.
 */
@Injectable()
export class LoginLockout {
  private readonly maxAttempts: number;
  private readonly lockoutSeconds: number;

  constructor(
    private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.maxAttempts = config.auth.loginMaxAttempts;
    this.lockoutSeconds = config.auth.lockoutSeconds;
  }

  /** Seconds until the identifier may try again; 0 when it is not locked. */
  async secondsLocked(identifier: string): Promise<number> {
    const ttlMs = await this.redis.pttl(lockKey(identifier));
    return ttlMs > 0 ? Math.ceil(ttlMs / 1000) : 0;
  }

  async recordFailure(identifier: string): Promise<void> {
    await this.redis.eval(
      RECORD_FAILURE,
      2,
      failuresKey(identifier),
      lockKey(identifier),
      this.maxAttempts,
      this.lockoutSeconds,
    );
  }

  async clearFailures(identifier: string): Promise<void> {
    await this.redis.del(failuresKey(identifier));
  }
}

const digest = (identifier: string): string =>
  createHash('sha256').update(identifier).digest('base64url');
const failuresKey = (identifier: string): string => `login_failures:${digest(identifier)}`;
const lockKey = (identifier: string): string => `login_lock:${digest(identifier)}`;
