import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Swagger UI's pages and assets, and the README page beside them. */
const DOCS_PATH = /^\/docs(?:[/-]|$)/;

export const isDocsPath = (path: string): boolean => DOCS_PATH.test(path);

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Swagger UI at /docs loads its own scripts and inline styles from this origin.
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
};

const options = (upgradeInsecureRequests: boolean): Parameters<typeof helmet>[0] => ({
  frameguard: { action: 'deny' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  // Helmet sets "0" (the modern advice); the API contract asks for the legacy blocking mode.
  xXssProtection: false,
  contentSecurityPolicy: {
    directives: {
      ...DIRECTIVES,
      // Helmet's default; null leaves it out.
      upgradeInsecureRequests: upgradeInsecureRequests ? [] : null,
    },
  },
});

/**
 * The API contract's security headers on top of helmet's defaults. The docs pages get the same
 * policy without `upgrade-insecure-requests`: over plain HTTP on any host but localhost it made
 * the browser fetch Swagger UI's own assets over https, which failed, and the page stayed blank.
 */
export function securityHeaders(): RequestHandler[] {
  const api = helmet(options(true));
  const docs = helmet(options(false));
  const byPath: RequestHandler = (req, res, next) =>
    DOCS_PATH.test(req.path) ? docs(req, res, next) : api(req, res, next);
  const legacyXss: RequestHandler = (_req, res, next) => {
    res.setHeader('X-XSS-Protection', '1; mode=block');
    next();
  };
  return [byPath, legacyXss];
}

/**
 * The headers securityHeaders() sets, computed once: with no per-request values (no nonces) they
 * are the same on every response, so the edge middleware sets them from this list instead of
 * running helmet's dozen middlewares on each request.
 */
export function staticSecurityHeaders(path: string): readonly (readonly [string, string])[] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
    getHeader(name: string) {
      return headers.get(name);
    },
  };
  let synchronous = true;
  for (const middleware of securityHeaders()) {
    let called = false;
    middleware(
      { headers: {}, path } as Request,
      recorder as unknown as Response,
      (error?: unknown) => {
        if (error)
          throw error instanceof Error ? error : new Error('a security header middleware failed');
        called = true;
      },
    );
    synchronous &&= called;
  }
  if (!synchronous) throw new Error('a security header middleware is not synchronous');
  return [...headers];
}
