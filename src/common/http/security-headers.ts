import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Swagger UI's pages and assets, and the README page beside them. */
const DOCS_PATH = /^\/docs(?:[/-]|$)/;

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
