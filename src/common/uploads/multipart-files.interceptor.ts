import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { Observable } from 'rxjs';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { formatBytes } from './upload-check';

/** The multipart field files come in (seed 000: `files: [File1, File2]`). */
export const FILES_FIELD = 'files';
/** Text fields such as initial_idea: generous, but bounded before validation sees them. */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
const MAX_TEXT_FIELDS = 10;

/**
 * Parses multipart bodies into memory (files are at most MAX_UPLOAD_SIZE each and at most
 * MAX_FILES_PER_REQUEST of them, so memory is bounded) and turns multer's limit errors into our
 * error codes: an oversized file is a 413, too many files a 400 naming `files`. Requests that
 * are not multipart pass through untouched (JSON bodies still work where no file is needed).
 */
@Injectable()
export class MultipartFilesInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler;

  constructor(private readonly config: AppConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      defParamCharset: 'utf8',
      // Keep the name as sent: sanitizeFilename strips paths itself, and the record keeps the original.
      preservePath: true,
      limits: {
        fileSize: config.uploads.maxFileBytes,
        files: config.uploads.maxFilesPerRequest,
        fields: MAX_TEXT_FIELDS,
        fieldSize: MAX_TEXT_FIELD_BYTES,
        fieldNameSize: 100,
      },
    }).array(FILES_FIELD, config.uploads.maxFilesPerRequest);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    await new Promise<void>((resolve, reject) => {
      this.parse(req, res, (error: unknown) => (error ? reject(this.describe(error)) : resolve()));
    });
    return next.handle();
  }

  private describe(error: unknown): AppError {
    if (!(error instanceof MulterError)) {
      return new AppError('VALIDATION_ERROR', 'Malformed multipart body');
    }
    const { maxFileBytes, maxFilesPerRequest } = this.config.uploads;
    const field = error.field ?? FILES_FIELD;
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError(
          'PAYLOAD_TOO_LARGE',
          `File too large: ${FILES_FIELD} must be at most ${formatBytes(maxFileBytes)} each`,
          { fields: [{ field, message: `${field}: larger than ${formatBytes(maxFileBytes)}` }] },
        );
      case 'LIMIT_FILE_COUNT':
        return tooManyFiles(maxFilesPerRequest);
      case 'LIMIT_UNEXPECTED_FILE':
        return field === FILES_FIELD
          ? tooManyFiles(maxFilesPerRequest)
          : invalid(field, `${field}: files go in the "${FILES_FIELD}" field`);
      case 'LIMIT_FIELD_VALUE':
        return invalid(field, `${field}: longer than ${formatBytes(MAX_TEXT_FIELD_BYTES)}`);
      // Multer 2 has more codes than its types list (nesting, array index, invalid names).
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_FIELD_KEY':
      case 'MISSING_FIELD_NAME':
      default:
        return invalid(field, `${field}: ${error.message}`);
    }
  }
}

function tooManyFiles(max: number): AppError {
  return invalid(FILES_FIELD, `${FILES_FIELD}: at most ${max} files per request`);
}

function invalid(field: string, message: string): AppError {
  return AppError.validation([{ field, message }]);
}
