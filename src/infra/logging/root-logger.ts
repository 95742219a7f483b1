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

export interface Loggers {
  /** Nest's own logs and service logs, with secrets redacted. */
  readonly root: Logger;
  /**
   * The access log. Its line is built field by field from values known to hold no secret, so
   * it skips the redaction pass every line of the root logger goes through.
   */
  readonly access: Logger;
}

/**
 * The process's pino loggers, writing to one destination: stdout by default, asynchronously, so
 * that under load lines written while a write is under way leave together in one syscall
 * instead of one each. Pino flushes what is pending when the process exits.
 */
export function createLoggers(level: LogLevel, destination?: pino.DestinationStream): Loggers {
  const sink = destination ?? pino.destination({ dest: 1, sync: false });
  return {
    root: pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink),
    access: pino({ level }, sink),
  };
}
