import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@/config/app-config';
import { createLoggers, Loggers } from './root-logger';

/** Injection token of the process's Loggers (the HTTP edge writes the access log with one). */
export const LOGGERS = Symbol('LOGGERS');

/** One set of loggers for the process, shared by nestjs-pino and the access log. */
@Module({
  providers: [
    {
      provide: LOGGERS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Loggers => createLoggers(config.logLevel),
    },
  ],
  exports: [LOGGERS],
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
      inject: [LOGGERS],
      useFactory: ({ root }: Loggers) => ({
        pinoHttp: { logger: root },
        useExisting: true,
        forRoutes: [],
      }),
    }),
    RootLoggerModule,
  ],
  exports: [RootLoggerModule],
})
export class LoggingModule {}
