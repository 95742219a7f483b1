import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection, Types } from 'mongoose';
import { AppConfig } from '@/config/app-config';
import { withRedisLock } from '@/infra/redis/redis-lock';

/**
 * One update at a time per document, when the store needs it. FerretDB 1.x (SQLite) applies an
 * update as read, modify in Go, write back, without isolation: measured, 50 concurrent `$set`s of
 * 50 different fields on one document kept 1 to 26 of them, and 50 concurrent `$inc`s counted 1
 * to 8. So every repository update of a single document goes through `update()`, which holds
 * `lock:doc:{collection}:{id}` (Redis SET NX PX) for that one statement. MongoDB applies a
 * single-document update atomically, so there the lock is skipped: `auto` asks the server once
 * (FerretDB names itself in `buildInfo`). Reads never lock.
 *
 * The lock is the innermost one: it wraps one statement and never another lock, so it cannot
 * deadlock with the per-record locks (project, chat, webhook) that services hold across a read
 * and the write computed from it.
 */
@Injectable()
export class DocumentLocks {
  private readonly logger = new Logger(DocumentLocks.name);
  private needed: Promise<boolean> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /** Runs one update of the document `id` of `collection`, alone when the store needs it. */
  async update<R>(collection: string, id: unknown, write: () => Promise<R>): Promise<R> {
    if (!(id instanceof Types.ObjectId)) {
      // A programming error, not bad input: an update here names exactly one document.
      throw new Error(`An update of one ${collection} document must name its _id`);
    }
    if (!(await this.areNeeded())) return write();
    return withRedisLock(this.redis, `lock:doc:${collection}:${id.toHexString()}`, write, {
      // Longer than one statement can take (the driver gives up after the store timeout).
      holdMs: 2 * this.config.mongo.timeoutMs,
      // Held for one statement (milliseconds): try again soon.
      pollMs: 10,
      busyMessage: 'The record is busy with another change; try again',
    });
  }

  private areNeeded(): Promise<boolean> {
    const mode = this.config.mongo.documentLocks;
    if (mode !== 'auto') return Promise.resolve(mode === 'on');
    this.needed ??= this.askServer().catch((error: unknown) => {
      // Asked again by the next update: the store may only be starting.
      this.needed = undefined;
      throw error;
    });
    return this.needed;
  }

  private async askServer(): Promise<boolean> {
    const db = (await this.connection.asPromise()).db;
    if (!db) throw new Error('The document store connection has no database');
    const info = await db.admin().command({ buildInfo: 1 });
    const ferret = typeof info.ferretdbVersion === 'string';
    this.logger.log(
      ferret
        ? `FerretDB ${String(info.ferretdbVersion)}: single-document updates run under a Redis lock`
        : 'The document store applies single-document updates atomically: no update lock',
    );
    return ferret;
  }
}
