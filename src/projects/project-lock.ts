import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@/common/errors';

/** Longer than any one change takes (a version is three small objects); a crashed holder frees it. */
const HOLD_MS = 30_000;
/** How long a request waits for its turn before answering 503. */
const WAIT_MS = 15_000;

// Deletes the lock only if it is still ours: after an expiry someone else may hold it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * One writer at a time per project document, across API instances (Redis SET NX PX).
 *
 * Why not rely on single-document atomic updates alone: MongoDB applies `$inc` and a filtered
 * update atomically, but FerretDB 1.x on SQLite reads, modifies and writes a document back
 * without isolation (measured: 50 concurrent `$inc` left the counter at 6), so a concurrent
 * save, rollback or rename could lose another's change. Saves, rollbacks and PATCH/DELETE go
 * through this lock; the versions' unique (project, seq) index is the last line behind it.
 */
@Injectable()
export class ProjectLock {
  constructor(private readonly redis: Redis) {}

  async run<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    const key = `lock:project:${projectId}`;
    const token = randomUUID();
    const giveUpAt = Date.now() + WAIT_MS;
    while ((await this.redis.set(key, token, 'PX', HOLD_MS, 'NX')) !== 'OK') {
      if (Date.now() > giveUpAt) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'The project is busy with another change; try again',
          {
            retry_after: 1,
          },
        );
      }
      await sleep(10 + Math.floor(Math.random() * 40));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token);
    }
  }
}
