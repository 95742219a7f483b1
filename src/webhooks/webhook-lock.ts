import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@/common/errors';

const HOLD_MS = 10_000;
const WAIT_MS = 5_000;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * One writer at a time (Redis SET NX PX) for the webhook changes that read before they write:
 * counting an account's endpoints before adding one (the quota), and moving the current secret
 * to "previous" on rotation. The document store's filtered updates are not atomic on FerretDB,
 * so without it two racing requests could both pass the quota, or a rotation could hand out a
 * secret that a racing rotation then overwrote.
 */
@Injectable()
export class WebhookLock {
  constructor(private readonly redis: Redis) {}

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const key = `lock:webhooks:${name}`;
    const token = randomUUID();
    const giveUpAt = Date.now() + WAIT_MS;
    while ((await this.redis.set(key, token, 'PX', HOLD_MS, 'NX')) !== 'OK') {
      if (Date.now() > giveUpAt) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'Another change to webhooks is in progress; try again',
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
