import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@/config/app-config';
import { pinoHttpOptions } from './pino-http-options';

/** The one logger: pino JSON lines, shared by Nest's own logs and the request log. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: pinoHttpOptions(config.logLevel),
      }),
    }),
  ],
})
export class LoggingModule {}
