import pino, { Logger } from 'pino';
import type { LogLevel } from '@/config/runtime.config';

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

/** The process's one pino logger: Nest's own logs, service logs and the access log. */
export function createRootLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
