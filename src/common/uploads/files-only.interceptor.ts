import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { AppError } from '@/common/errors';

/**
 * For a multipart route that takes files and nothing else (after MultipartFilesInterceptor): a
 * text field is refused with a 400 naming it, as an unknown JSON field is, rather than ignored.
 */
@Injectable()
export class FilesOnlyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body;
    const fields = body && typeof body === 'object' ? Object.keys(body) : [];
    if (fields.length > 0) {
      throw AppError.validation(
        fields.map((field) => ({ field, message: `${field}: not a field of this form` })),
      );
    }
    return next.handle();
  }
}
