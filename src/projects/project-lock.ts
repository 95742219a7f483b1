import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { withRedisLock } from '@/infra/redis/redis-lock';

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

  run<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    return withRedisLock(this.redis, `lock:project:${projectId}`, work, {
      busyMessage: 'The project is busy with another change; try again',
    });
  }

  /**
   * Opening a project's next clarification session: its own key, so it never waits behind a
   * version save.
   */
  runOnSessions<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    return withRedisLock(this.redis, `lock:project-sessions:${projectId}`, work, {
      busyMessage: 'The project is busy opening a session; try again',
    });
  }
}
