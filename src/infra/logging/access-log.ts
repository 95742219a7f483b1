import type { Request, Response } from 'express';
import { storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import type { Loggers } from './root-logger';

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

interface SignedInRequest extends Request {
  user?: { id?: string };
}

/**
 * What nestjs-pino's PinoLogger reads while a request is served. The child logger that puts
 * request_id on every line is made on the first line logged, not for every request: most
 * requests log nothing but their access line.
 */
class RequestLogStore {
  private child?: Logger;

  constructor(
    private readonly root: Logger,
    private readonly requestId: string,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ request_id: this.requestId }));
  }

  set logger(value: Logger) {
    this.child = value;
  }
}

export interface AccessLog {
  /** Runs `next` with request_id bound to every line logged while the request is served. */
  bind(requestId: string, next: () => void): void;
  /** The one access line, when the response is done (or the client went away first). */
  finished(req: Request, res: Response, requestId: string, latencyMs: number): void;
}

/**
 * One JSON line per request with request id, user id, status and latency, written straight
 * from the access logger (no per-request child loggers, no header or body serialisation: nothing
 * secret to leak). Probes and scrapes are not logged. 5xx lines are at error level.
 */
export function accessLog({ root, access }: Loggers): AccessLog {
  return {
    bind(requestId, next) {
      storage.run(new RequestLogStore(root, requestId), next);
    },
    finished(req: SignedInRequest, res, requestId, latencyMs) {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : 'info';
      if (!access.isLevelEnabled(level) || QUIET_PATHS.test(req.originalUrl)) return;
      const url = req.originalUrl;
      const query = url.indexOf('?');
      const line: Record<string, unknown> = {
        request_id: requestId,
        req: {
          method: req.method,
          url: query === -1 ? url : url.slice(0, query),
          remote_address: req.socket.remoteAddress,
        },
        res: { status_code: status },
        latency_ms: Math.round(latencyMs),
      };
      const userId = req.user?.id;
      if (userId) line.user_id = userId;
      const message = res.writableFinished ? 'request completed' : 'request aborted';
      access[level](line, message);
    },
  };
}
