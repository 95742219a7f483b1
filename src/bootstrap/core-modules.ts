import type { DynamicModule } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { ConfigModule } from '@/config/config.module';
import { DatabaseModule } from '@/infra/database/database.module';
import { LoggingModule } from '@/infra/logging/logging.module';
import { MetricsModule } from '@/infra/metrics/metrics.module';
import { RedisModule } from '@/infra/redis/redis.module';
import { JobsModule } from '@/jobs/jobs.module';
import { StorageModule } from '@/storage/storage.module';

/** What the API and the worker entry both stand on: config, logs, stores, queues, metrics. */
export function coreModules(config: AppConfig): NonNullable<DynamicModule['imports']> {
  return [
    ConfigModule.forRoot(config),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    StorageModule,
    JobsModule,
    MetricsModule,
  ];
}
