import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@/common/errors';

export interface LockOptions {
  /** Longer than the work ever takes; a crashed holder frees the lock after it. */
  readonly holdMs?: number;
  /** How long a caller waits for its turn before giving up with SERVICE_UNAVAILABLE. */
  readonly waitMs?: number;
  /** The longest pause between two tries (a random pause from a fifth of it to all of it). */
  readonly pollMs?: number;
  /** The 503 message when the wait runs out. */
  readonly busyMessage: string;
}

const HOLD_MS = 30_000;
const WAIT_MS = 15_000;
const POLL_MS = 50;

// Deletes the lock only if it is still ours: after an expiry someone else may hold it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Runs `work` while holding a Redis lock (SET NX PX), one holder at a time across API instances
 * and workers. The document store cannot be trusted with read-modify-write on its own: FerretDB
 * 1.x applies updates without isolation, so every racing change of one document goes through a
 * lock like this one.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  work: () => Promise<T>,
  options: LockOptions,
): Promise<T> {
  const token = randomUUID();
  const giveUpAt = Date.now() + (options.waitMs ?? WAIT_MS);
  const pollMs = options.pollMs ?? POLL_MS;
  while ((await redis.set(key, token, 'PX', options.holdMs ?? HOLD_MS, 'NX')) !== 'OK') {
    if (Date.now() > giveUpAt) {
      throw new AppError('SERVICE_UNAVAILABLE', options.busyMessage, { retry_after: 1 });
    }
    await sleep(Math.ceil(pollMs / 5 + Math.random() * pollMs * 0.8));
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
