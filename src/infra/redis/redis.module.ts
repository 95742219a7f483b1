import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { watchConnection } from './connection-watch';

/**
 * One shared ioredis client for our own keys (denylist, rate limits, lockouts, AI cache),
 * injected by its class. Every key gets the configured prefix so several deployments can share
 * one Redis. BullMQ opens its own connections (it forbids ioredis key prefixes).
 */
@Global()
@Module({
  providers: [
    {
      provide: Redis,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Redis =>
        watchConnection(
          new Redis(requireUrl(config.redis.url), {
            keyPrefix: config.redis.keyPrefix,
            lazyConnect: false,
            // A frozen or unreachable Redis fails the request (503) instead of hanging it; the
            // client reconnects by itself and requests succeed again when Redis is back.
            commandTimeout: config.redis.commandTimeoutMs,
            connectTimeout: config.redis.commandTimeoutMs,
            maxRetriesPerRequest: 1,
            enableOfflineQueue: true,
            // Commands issued in the same tick (the token check and profile reads of concurrent
            // requests, rate-limit counters) leave in one write and come back in one read.
            enableAutoPipelining: true,
          }),
          'shared',
        ),
    },
  ],
  exports: [Redis],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('REDIS_URL is not set and no embedded Redis was started');
  return url;
}
