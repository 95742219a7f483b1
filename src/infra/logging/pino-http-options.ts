import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '@/config/runtime.config';

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** Secrets never reach the log sink, whatever the level or whatever gets logged with an error. */
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

/**
 * One JSON line per request with request id, user id and latency. Requests are logged without
 * headers or bodies (nothing secret to leak); probes and scrapes are not logged at all.
 */
export function pinoHttpOptions(level: LogLevel): Options {
  return {
    level,
    genReqId: (req: IncomingMessage) => req.id,
    // Puts request_id at the top level of every line logged while serving the request.
    quietReqLogger: true,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    customAttributeKeys: { responseTime: 'latency_ms', reqId: 'request_id' },
    // pino-http calls this again when the response finishes, after the auth guard set req.user.
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
  };
}
