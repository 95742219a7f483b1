import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { withRedisLock } from '@/infra/redis/redis-lock';

/**
 * One writer at a time per chat, across tabs, API instances and workers: every change of a chat
 * document, and every message insert with the count update that follows it, runs under this lock.
 * The document store may apply concurrent updates non-atomically (FerretDB 1.x: 50 concurrent
 * `$inc` left 6), so the lock plus counts derived from the messages keep message_count,
 * last_message_at and the message order exact. Held for single writes only, never while a model
 * answers. Callers check that the chat is the caller's before they queue for it, so a
 * stranger's requests never hold or wait for an owner's lock.
 */
@Injectable()
export class ChatLock {
  constructor(private readonly redis: Redis) {}

  run<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    return withRedisLock(this.redis, `lock:chat:${chatId}`, work, {
      busyMessage: 'The chat is busy with another change; try again',
    });
  }
}
