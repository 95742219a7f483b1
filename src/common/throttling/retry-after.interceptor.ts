import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { AppError } from '../errors';

/**
 * A service that refuses for a while (a login lockout, later AI quotas) puts `retry_after` in its
 * AppError; this mirrors it into the standard Retry-After header. The rate-limit guard sets the
 * header itself, since guards run before interceptors.
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const retryAfter = error instanceof AppError ? error.details?.retry_after : undefined;
        if (typeof retryAfter === 'number' && context.getType() === 'http') {
          const res = context.switchToHttp().getResponse<Response>();
          if (!res.headersSent) res.setHeader('Retry-After', retryAfter);
        }
        return throwError(() => error);
      }),
    );
  }
}
