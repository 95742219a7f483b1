import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { LoggingModule } from './common/logging/logging.module';
import { createValidationPipe } from './common/pipes/validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { RedisModule } from './infra/redis/redis.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { StorageModule } from './storage/storage.module';

/** Infrastructure shared by the API and the worker entry. */
export function coreModules(config: AppConfig): DynamicModule['imports'] {
  return [
    ConfigModule.forRoot(config),
    LoggingModule,
    DatabaseModule,
    RedisModule,
    StorageModule,
    JobsModule,
  ];
}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...(coreModules(config) ?? []), HealthModule],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
