import express, { type RequestHandler } from 'express';
import { bodyContentType } from './body-content-type';
import { bodyParserErrors } from './body-parser-errors';
import { bodyShapeGuard } from './body-shape';

/**
 * A 415 for a body neither JSON nor multipart, the size-limited JSON parser, the bound on a JSON body's shape and the
 * mapping of parser failures, as one middleware that steps aside at once for a request with no
 * body (every GET, HEAD and DELETE a client sends) instead of four router layers each looking.
 */
export function bodyParsing(limitBytes: number): RequestHandler {
  const json = express.json({ limit: limitBytes });
  return (req, res, next) => {
    // type-is's hasBody: a body is announced by Transfer-Encoding or a Content-Length.
    const { headers } = req;
    if (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined) {
      return next();
    }
    const failed = (error: unknown) => bodyParserErrors(error, req, res, next);
    bodyContentType(req, res, (refused?: unknown) => {
      if (refused) return next(refused);
      json(req, res, (error?: unknown) => {
        if (error) return failed(error);
        bodyShapeGuard(req, res, next);
      });
    });
  };
}
