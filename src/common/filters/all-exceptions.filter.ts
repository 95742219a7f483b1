import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, codeForStatus, ErrorCode, unavailableDependency } from '../errors';
import { allowedMethods } from '../http/allowed-methods';

/** Seconds a client is asked to wait after a dependency failed (a restart or a brief freeze). */
const RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  request_id: string;
  [detail: string]: unknown;
}

/**
 * The one place that turns any failure into the `{error, code, request_id}` body (and its
 * Retry-After header). Doing it here rather than in a global interceptor keeps rxjs and
 * AsyncResource.bind off every successful request.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const dependency = unavailableDependency(exception);
    if (dependency) {
      this.logger.warn(
        { err: exception, dependency, request_id: req.id, path: req.path },
        'A dependency is unavailable',
      );
      if (res.headersSent) return;
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      const body: ErrorBody = {
        error: 'Service temporarily unavailable; try again shortly',
        code: 'SERVICE_UNAVAILABLE',
        request_id: typeof req.id === 'string' ? req.id : '',
      };
      res.status(503).json(body);
      return;
    }
    const { status, error, code, details } = this.describe(exception, req, res);
    if (status >= 500) {
      this.logger.error(
        { err: exception, request_id: req.id, path: req.path },
        'Unhandled error while serving request',
      );
    }
    if (res.headersSent) return;
    // A service that refuses for a while (a login lockout, a busy lock) says when to come back
    // in `retry_after`; clients read it from the standard header too.
    const retryAfter = details?.retry_after;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    const body: ErrorBody = {
      error,
      code,
      request_id: typeof req.id === 'string' ? req.id : '',
      ...details,
    };
    res.status(status).json(body);
  }

  private describe(
    exception: unknown,
    req: Request,
    res: Response,
  ): {
    status: number;
    error: string;
    code: ErrorCode;
    details?: Record<string, unknown>;
  } {
    if (isRouteMiss(exception)) {
      // A path that exists, asked with a method it does not answer: 405 and what it does answer.
      const allowed = allowedMethods(req);
      if (allowed.length > 0 && !allowed.includes(req.method)) {
        if (!res.headersSent) res.setHeader('Allow', allowed.join(', '));
        return {
          status: 405,
          error: `Method ${req.method} is not allowed here; use ${allowed.join(', ')}`,
          code: 'METHOD_NOT_ALLOWED',
        };
      }
    }
    if (exception instanceof AppError) {
      return {
        status: exception.status,
        error: exception.message,
        code: exception.code,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, error: safeHttpMessage(exception, status), code: codeForStatus(status) };
    }
    return { status: 500, error: 'Internal server error', code: 'INTERNAL_ERROR' };
  }
}

/** Nest's answer when no route matched the method and path: a NotFoundException "Cannot GET /x". */
function isRouteMiss(exception: unknown): boolean {
  return (
    exception instanceof HttpException &&
    exception.getStatus() === 404 &&
    exception.message.startsWith('Cannot ')
  );
}

function safeHttpMessage(exception: HttpException, status: number): string {
  if (isRouteMiss(exception)) return 'Route not found';
  if (status >= 500) return 'Internal server error';
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message } = response;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}
