import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@/config/app-config';
import { httpMetricsMiddleware } from '@/infra/metrics/http-metrics.middleware';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { bodyContentType } from '@/common/http/body-content-type';
import { bodyParserErrors } from '@/common/http/body-parser-errors';
import { bodyShapeGuard } from '@/common/http/body-shape';
import { requestIdMiddleware } from '@/common/http/request-id.middleware';
import { securityHeaders } from '@/common/http/security-headers';
import { setupSwagger, SWAGGER_PATH } from './swagger';

export const API_PREFIX = 'api/v1';
const UNPREFIXED_ROUTES = ['health', 'health/detailed', 'metrics'];

/**
 * Everything Express-level, in order: request id first so every response carries it,
 * then metrics, security headers, CORS, a 415 for bodies that are neither JSON nor multipart,
 * the size-limited JSON parser and a bound on the shape of a JSON body (depth, array and object
 * sizes). Shared by main.ts and
 * the e2e app factory so tests exercise the real stack.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  if (config.http.trustProxy) app.set('trust proxy', 1);
  app.use(requestIdMiddleware);
  app.use(
    httpMetricsMiddleware(app.get(MetricsService), {
      staticPrefixes: config.ops.swaggerEnabled ? [`/${SWAGGER_PATH}/`] : [],
    }),
  );
  app.use(...securityHeaders());
  app.enableCors({
    origin: config.http.corsOrigins.includes('*') ? true : [...config.http.corsOrigins],
    credentials: !config.http.corsOrigins.includes('*'),
    exposedHeaders: [
      'X-Request-ID',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ],
    maxAge: 600,
  });
  app.use(bodyContentType);
  app.useBodyParser('json', { limit: config.http.jsonBodyLimitBytes });
  app.use(bodyShapeGuard);
  app.use(bodyParserErrors);
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  if (config.ops.swaggerEnabled) setupSwagger(app);
}
