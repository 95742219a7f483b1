import express, { type RequestHandler } from 'express';
import { bodyParserErrors } from './body-parser-errors';
import { bodyShapeGuard } from './body-shape';

/**
 * The size-limited JSON and urlencoded parsers, the bound on a JSON body's shape and the
 * mapping of parser failures, as one middleware that steps aside at once for a request with no
 * body (every GET, HEAD and DELETE a client sends) instead of four router layers each looking.
 */
export function bodyParsing(limitBytes: number): RequestHandler {
  const json = express.json({ limit: limitBytes });
  const urlencoded = express.urlencoded({ extended: false, limit: limitBytes });
  return (req, res, next) => {
    // type-is's hasBody: a body is announced by Transfer-Encoding or a Content-Length.
    const { headers } = req;
    if (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined) {
      return next();
    }
    const failed = (error: unknown) => bodyParserErrors(error, req, res, next);
    json(req, res, (error?: unknown) => {
      if (error) return failed(error);
      urlencoded(req, res, (error2?: unknown) => {
        if (error2) return failed(error2);
        bodyShapeGuard(req, res, next);
      });
    });
  };
}
