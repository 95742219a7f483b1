import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from './metrics.service';

/** The `route` label of requests no route template answered. */
export type UnroutedLabel = 'unmatched' | 'preflight' | 'static_asset' | 'invalid_body';

export interface HttpMetricsOptions {
  /** Path prefixes served as static files (Swagger UI's assets under `/docs/`). */
  readonly staticPrefixes?: readonly string[];
}

const UNROUTED_LABEL = Symbol('metrics route label');

/**
 * For middleware that answers before routing (the body checks): what the request was, so it is
 * not counted among requests for routes that do not exist.
 */
export function labelUnrouted(res: Response, label: UnroutedLabel): void {
  (res.locals as Record<symbol, UnroutedLabel>)[UNROUTED_LABEL] = label;
}

/** Observes one finished request: `seconds` it took, labelled as httpMetricsMiddleware says. */
export type HttpMetricsRecorder = (req: Request, res: Response, seconds: number) => void;

/**
 * Labels a finished request by route template (`/api/v1/projects/:id`), never the raw URL, so
 * label cardinality stays bounded. Requests no route answered are told apart: CORS preflights,
 * static assets, bodies refused before routing, and the really unmatched rest.
 */
export function httpMetricsRecorder(
  metrics: MetricsService,
  options: HttpMetricsOptions = {},
): HttpMetricsRecorder {
  const staticPrefixes = options.staticPrefixes ?? [];
  const unrouted = (req: Request, res: Response): UnroutedLabel => {
    const marked = (res.locals as Record<symbol, UnroutedLabel | undefined>)[UNROUTED_LABEL];
    if (marked) return marked;
    // The CORS middleware answers every OPTIONS request itself.
    if (req.method === 'OPTIONS') return 'preflight';
    const path = req.originalUrl.split('?', 1)[0];
    return staticPrefixes.some((prefix) => path.startsWith(prefix)) ? 'static_asset' : 'unmatched';
  };
  return (req, res, seconds) => {
    const template = (req.route as { path?: unknown } | undefined)?.path;
    // Nest's not-found handler is itself a wildcard route: not a route of ours.
    const route =
      typeof template === 'string' && !template.includes('{*')
        ? `${req.baseUrl}${template}`
        : unrouted(req, res);
    metrics.httpDuration.observe(
      { method: req.method, route, status_code: String(res.statusCode) },
      seconds,
    );
  };
}

/** Times every request with httpMetricsRecorder (the HTTP edge middleware does this inline). */
export function httpMetricsMiddleware(
  metrics: MetricsService,
  options: HttpMetricsOptions = {},
): RequestHandler {
  const record = httpMetricsRecorder(metrics, options);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('finish', () => record(req, res, (performance.now() - started) / 1000));
    next();
  };
}
