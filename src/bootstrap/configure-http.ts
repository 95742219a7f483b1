import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@/config/app-config';
import cors from 'cors';
import { bodyParsing } from '@/common/http/body-parsing';
import { staticSecurityHeaders } from '@/common/http/security-headers';
import { accessLog } from '@/infra/logging/access-log';
import { LOGGERS } from '@/infra/logging/logging.module';
import type { Loggers } from '@/infra/logging/root-logger';
import { httpMetricsRecorder } from '@/infra/metrics/http-metrics.middleware';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { httpEdge } from './http-edge';
import { setupSwagger, SWAGGER_PATH } from './swagger';

export const API_PREFIX = 'api/v1';
const UNPREFIXED_ROUTES = ['health', 'health/detailed', 'metrics'];

/**
 * Everything Express-level, in order: the HTTP edge (request id first so every response carries
 * it, security headers, CORS, the duration metric and the access log), then the size-limited
 * body parsers (a 415 for a body neither JSON nor multipart) and a bound on the shape of a JSON body (depth, array and object sizes), skipped
 * for requests without a body. Shared by main.ts and the e2e app factory so tests exercise the
 * real stack.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  const server = app.getHttpServer();
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  // Above the keep-alive timeout, or Node may drop a request that arrives as it expires.
  server.headersTimeout = config.http.keepAliveTimeoutMs + 1_000;
  // Express's default ETag hashes every JSON answer; API clients do not revalidate with it.
  app.set('etag', false);
  if (config.http.trustProxy) app.set('trust proxy', 1);
  const anyOrigin = config.http.corsOrigins.includes('*');
  app.use(
    httpEdge({
      securityHeaders: staticSecurityHeaders('/'),
      docsSecurityHeaders: staticSecurityHeaders(`/${SWAGGER_PATH}`),
      cors: cors({
        origin: anyOrigin ? true : [...config.http.corsOrigins],
        credentials: !anyOrigin,
        exposedHeaders: [
          'X-Request-ID',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'Retry-After',
        ],
        maxAge: 600,
      }),
      recordMetrics: httpMetricsRecorder(app.get(MetricsService), {
        staticPrefixes: config.ops.swaggerEnabled ? [`/${SWAGGER_PATH}/`] : [],
      }),
      accessLog: accessLog(app.get<Loggers>(LOGGERS)),
    }),
  );
  app.use(bodyParsing(config.http.jsonBodyLimitBytes));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  if (config.ops.swaggerEnabled) setupSwagger(app);
}
