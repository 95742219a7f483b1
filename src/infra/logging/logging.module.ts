import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppConfig } from '@/config/app-config';
import { createRootLogger } from './root-logger';

/** Injection token of the root pino logger (the HTTP edge writes the access log with it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** One root logger for the process, shared by nestjs-pino and the access log. */
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Logger => createRootLogger(config.logLevel),
    },
  ],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * The one logger: pino JSON lines, shared by Nest's own logs and the access log. nestjs-pino
 * gets the root logger and no middleware of its own (`forRoutes: []`): the HTTP edge middleware
 * binds request_id for lines logged during a request and writes the access line itself, without
 * pino-http's two or three child loggers per request.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({
        pinoHttp: { logger },
        useExisting: true,
        forRoutes: [],
      }),
    }),
    RootLoggerModule,
  ],
  exports: [RootLoggerModule],
})
export class LoggingModule {}
