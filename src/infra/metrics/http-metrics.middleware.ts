import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Times every request and labels it by route template (`/api/v1/projects/:id`), never the raw
 * URL, so label cardinality stays bounded. Unknown routes share one label.
 */
export function httpMetricsMiddleware(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const template = (req.route as { path?: unknown } | undefined)?.path;
      // Nest's not-found handler is itself a wildcard route: report it as unmatched.
      const route =
        typeof template === 'string' && !template.includes('{*')
          ? `${req.baseUrl}${template}`
          : 'unmatched';
      metrics.httpDuration.observe(
        { method: req.method, route, status_code: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
