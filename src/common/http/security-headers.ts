import type { RequestHandler } from 'express';
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
