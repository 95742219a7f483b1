import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/** The body encodings the API reads: JSON everywhere, multipart where a route takes files. */
export const BODY_CONTENT_TYPES = ['application/json', 'multipart/form-data'] as const;

/**
 * A body in any other encoding is refused with a 415 before anything reads it. Without this, a
 * parser that does not know the type leaves the body empty, and a route whose fields are all
 * optional would act on a request it never understood.
 */
export const bodyContentType: RequestHandler = (req, _res, next) => {
  // null: no body at all; false: a body of another type (or of no declared type). An empty body
  // (Content-Length: 0, what many clients send with a bodiless POST) is no body either.
  const empty = req.headers['content-length'] === '0';
  if (!empty && req.is([...BODY_CONTENT_TYPES]) === false) {
    next(
      new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported Content-Type: send application/json (multipart/form-data where a route takes files)',
      ),
    );
    return;
  }
  next();
};
