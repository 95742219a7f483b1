import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's id when it is short and plain (so traces join up), a fresh UUID otherwise. */
export function requestIdOf(req: Request): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming)
    ? incoming
    : randomUUID();
}

/**
 * Runs first so that every response, including body-parser failures and unknown routes,
 * carries an X-Request-ID. The HTTP edge middleware does the same inline; this stays for
 * servers that mount only this piece.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req);
  req.id = id;
  res.setHeader('X-Request-ID', id);
  next();
}
