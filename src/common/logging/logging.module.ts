import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@/config/app-config';

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** Secrets never reach the log sink, whatever the level. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.current_password',
  '*.new_password',
  '*.access_token',
  '*.refresh_token',
  '*.token',
  '*.api_key',
];

interface RequestWithUser extends IncomingMessage {
  user?: { id?: string };
}

/** Structured JSON logs: one line per request with request id, user id and latency. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage) => req.id,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customAttributeKeys: { responseTime: 'latency_ms', reqId: 'request_id' },
          customProps: (req: RequestWithUser) => (req.user?.id ? { user_id: req.user.id } : {}),
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
          serializers: {
            req: (req: { method: string; url: string; remoteAddress?: string }) => ({
              method: req.method,
              url: req.url.split('?')[0],
              remote_address: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ status_code: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
