import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RateLimitGroup } from './rate-limit.decorator';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The rate limits, counted in Redis so they hold across API instances. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Redis],
      useFactory: (config: AppConfig, redis: Redis) => ({
        storage: new RedisThrottlerStorage(redis),
        throttlers: [
          group('auth', config.rateLimits.authPerMinute, MINUTE_MS),
          group('uploads', config.rateLimits.uploadsPerHour, HOUR_MS),
          group('ai', config.rateLimits.aiPerHour, HOUR_MS),
          group('versions', config.rateLimits.versionsPerHour, HOUR_MS),
          group('profiles', config.rateLimits.profilesPerMinute, MINUTE_MS),
        ],
      }),
    }),
  ],
})
export class ThrottlingModule {}

function group(name: RateLimitGroup, limit: number, ttl: number) {
  return { name, limit, ttl };
}
