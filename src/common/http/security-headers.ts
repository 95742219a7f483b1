import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The API contract's security headers on top of helmet's defaults. */
export function securityHeaders(): RequestHandler[] {
  const base = helmet({
    frameguard: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    // Helmet sets "0" (the modern advice); the API contract asks for the legacy blocking mode.
    xXssProtection: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI at /docs loads its own scripts and inline styles from this origin.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  const legacyXss: RequestHandler = (_req, res, next) => {
    res.setHeader('X-XSS-Protection', '1; mode=block');
    next();
  };
  return [base, legacyXss];
}

/**
 * The headers securityHeaders() sets, computed once: with no per-request values (no nonces) they
 * are the same on every response, so the edge middleware sets them from this list instead of
 * running helmet's dozen middlewares on each request.
 */
export function staticSecurityHeaders(): readonly (readonly [string, string])[] {
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
    middleware({ headers: {} } as Request, recorder as unknown as Response, (error?: unknown) => {
      if (error)
        throw error instanceof Error ? error : new Error('a security header middleware failed');
      called = true;
    });
    synchronous &&= called;
  }
  if (!synchronous) throw new Error('a security header middleware is not synchronous');
  return [...headers];
}
