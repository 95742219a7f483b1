import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';

// Reserve one attempt before the password is checked, in one step: a locked identifier gets the
// lock's remaining milliseconds (negated); otherwise the attempt is counted, and one past the
// limit locks at once. So however many attempts race, at most the limit reach verification.
const RESERVE_ATTEMPT = `
local locked = redis.call('PTTL', KEYS[2])
if locked > 0 then return -locked end
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if attempts > tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
  return -(tonumber(ARGV[2]) * 1000)
end
return attempts
`;

// The reserved attempt failed: at the limit, replace the count with a lock for the lockout period.
const RECORD_FAILURE = `
if tonumber(ARGV[1]) >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
  redis.call('DEL', KEYS[1])
end
return 1
`;

/** A reserved attempt: report how it went (the count stays reserved until then). */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

/**
 * By default 5 failed logins lock for 15 minutes. Counted per login identifier (email or phone)
 * whether or not an account has it, so a lock says nothing about existence; kept in Redis, so
 * every API instance sees the same count. Identifiers are hashed: no emails in Redis.
 * Wrong current passwords on change-password count against the account's identifier too.
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

  /** Counts an attempt before it is verified, or throws 429 ACCOUNT_LOCKED. */
  async reserve(identifier: string): Promise<LoginAttempt> {
    const keys = [failuresKey(identifier), lockKey(identifier)];
    const reply = Number(
      await this.redis.eval(RESERVE_ATTEMPT, 2, ...keys, this.maxAttempts, this.lockoutSeconds),
    );
    if (reply <= 0) throw locked(Math.max(1, Math.ceil(-reply / 1000)));
    return {
      failed: async () => {
        await this.redis.eval(
          RECORD_FAILURE,
          2,
          ...keys,
          reply,
          this.maxAttempts,
          this.lockoutSeconds,
        );
      },
      succeeded: async () => {
        await this.redis.del(keys[0]);
      },
    };
  }
}

function locked(seconds: number): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Too many failed login attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    { retry_after: seconds },
  );
}

const digest = (identifier: string): string =>
  createHash('sha256').update(identifier).digest('base64url');
const failuresKey = (identifier: string): string => `login_failures:${digest(identifier)}`;
const lockKey = (identifier: string): string => `login_lock:${digest(identifier)}`;
