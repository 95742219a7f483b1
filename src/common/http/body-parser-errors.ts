import type { ErrorRequestHandler } from 'express';
import { labelUnrouted } from '@/infra/metrics/http-metrics.middleware';
import { AppError } from '../errors';

/**
 * Express body parsers fail with http-errors carrying a `type`. Turned into domain errors here,
 * right after the parsers, so the client gets a clear message instead of the parser's internals.
 */
export const bodyParserErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const type =
    typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (typeof type === 'string') labelUnrouted(res, 'invalid_body');
  switch (type) {
    case 'entity.parse.failed':
      return next(new AppError('VALIDATION_ERROR', 'Malformed JSON body'));
    case 'entity.too.large':
      return next(new AppError('PAYLOAD_TOO_LARGE', 'Request body too large'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding'));
    default:
      return next(error);
  }
};
