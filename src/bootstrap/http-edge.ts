import type { RequestHandler } from 'express';
import { requestIdOf } from '@/common/http/request-id.middleware';
import { isDocsPath } from '@/common/http/security-headers';
import type { AccessLog } from '@/infra/logging/access-log';
import type { HttpMetricsRecorder } from '@/infra/metrics/http-metrics.middleware';

export interface HttpEdgeOptions {
  /** Set on every response (computed once: staticSecurityHeaders()). */
  readonly securityHeaders: readonly (readonly [string, string])[];
  /** The same for Swagger UI and the README page (a CSP without upgrade-insecure-requests). */
  readonly docsSecurityHeaders: readonly (readonly [string, string])[];
  /** The CORS middleware, run only for requests that carry an Origin and for preflights. */
  readonly cors: RequestHandler;
  readonly recordMetrics: HttpMetricsRecorder;
  readonly accessLog: AccessLog;
}

/**
 * Everything each request needs before routing, in one middleware instead of six: the request
 * id (first, so every response carries it), the security headers, CORS, one timer and one
 * listener for both the duration metric and the access line, and request_id bound for the
 * request's log lines. A request without an Origin is not a cross-origin one: it only gets the
 * `Vary: Origin` the CORS middleware would have added, so caches still keep the answers apart.
 */
export function httpEdge(options: HttpEdgeOptions): RequestHandler {
  const { securityHeaders, docsSecurityHeaders, cors, recordMetrics, accessLog } = options;
  return (req, res, next) => {
    const started = performance.now();
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader('X-Request-ID', id);
    const headers = isDocsPath(req.path) ? docsSecurityHeaders : securityHeaders;
    for (const [name, value] of headers) res.setHeader(name, value);
    // 'close' comes after 'finish', and also when the client goes away before the answer.
    res.once('close', () => {
      const latencyMs = performance.now() - started;
      if (res.writableFinished) recordMetrics(req, res, latencyMs / 1000);
      accessLog.finished(req, res, id, latencyMs);
    });
    const proceed = () => accessLog.bind(id, next);
    if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
      cors(req, res, proceed);
      return;
    }
    res.setHeader('Vary', 'Origin');
    proceed();
  };
}
