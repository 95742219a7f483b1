import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, codeForStatus, ErrorCode } from '../errors';

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  request_id: string;
  [detail: string]: unknown;
}

/** The one place that turns any failure into the `{error, code, request_id}` body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { status, error, code, details } = this.describe(exception);
    if (status >= 500) {
      this.logger.error(
        { err: exception, request_id: req.id, path: req.path },
        'Unhandled error while serving request',
      );
    }
    if (res.headersSent) return;
    const body: ErrorBody = {
      error,
      code,
      request_id: typeof req.id === 'string' ? req.id : '',
      ...details,
    };
    res.status(status).json(body);
  }

  private describe(exception: unknown): {
    status: number;
    error: string;
    code: ErrorCode;
    details?: Record<string, unknown>;
  } {
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

function safeHttpMessage(exception: HttpException, status: number): string {
  if (status === 404 && exception.message.startsWith('Cannot ')) return 'Route not found';
  if (status >= 500) return 'Internal server error';
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message } = response;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}
