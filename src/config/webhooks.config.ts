import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { configArea, type ConfigContext } from './config-area';
import { developmentSecret } from './development-secret';
import { emptyToUndefined, toBoolean } from './env-transforms';

/** The webhooks' variables: endpoints per user, delivery schedule, URL safety, secrets. */
export class WebhooksEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_MAX_ENDPOINTS_PER_USER = 10;

  /** The whole attempt: connect, TLS, request and the response headers. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** Attempts per delivery, the first included (8: the last is about a day after the first). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(15)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Wait before the first retry; each later one doubles it (±20 % jitter), at most a day. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_BASE_MS = 600_000;

  /** An endpoint whose deliveries have all failed for this long is disabled. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8_760)
  WEBHOOK_DISABLE_AFTER_HOURS = 72;

  /** After a rotation the old secret still signs (a second v1) for this long. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(720)
  WEBHOOK_SECRET_GRACE_HOURS = 24;

  /** Delivery records older than this are deleted by the maintenance queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

  /** Deliveries sent at once by one worker process (each mostly waits on the receiver). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_CONCURRENCY = 8;

  /** Attempts in flight at once to one endpoint, across all workers (a hanging receiver's share). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WEBHOOK_ENDPOINT_CONCURRENCY = 2;

  /** Development and tests only: lets endpoints resolve to loopback and private addresses. */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** Encrypts the signing secrets at rest; generated outside production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_ENCRYPTION_KEY must be at least 32 characters' })
  WEBHOOK_ENCRYPTION_KEY?: string;

  /** Comma-separated URLs that receive operator events (user.created). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  WEBHOOK_OPERATOR_URLS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_OPERATOR_SECRET must be at least 16 characters' })
  @MaxLength(256)
  WEBHOOK_OPERATOR_SECRET?: string;
}

const HOUR_MS = 3_600_000;

/**
 * Outgoing webhooks: quotas, delivery schedule, URL safety, secrets (encrypted at rest with a
 * key derived from WEBHOOK_ENCRYPTION_KEY), and the operator endpoints.
 */
export const webhooksConfig = configArea(WebhooksEnv, (vars, context) => {
  const production = context.env === 'production';
  if (production && !vars.WEBHOOK_ENCRYPTION_KEY) {
    context.problems.push(
      'WEBHOOK_ENCRYPTION_KEY: required when NODE_ENV=production (got missing)',
    );
  }
  const urls = operatorUrls(vars, context);
  return {
    webhooks: {
      maxEndpointsPerUser: vars.WEBHOOK_MAX_ENDPOINTS_PER_USER,
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      maxAttempts: vars.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: vars.WEBHOOK_RETRY_BASE_MS,
      disableAfterMs: vars.WEBHOOK_DISABLE_AFTER_HOURS * HOUR_MS,
      secretGraceMs: vars.WEBHOOK_SECRET_GRACE_HOURS * HOUR_MS,
      deliveryRetentionDays: vars.WEBHOOK_DELIVERY_RETENTION_DAYS,
      concurrency: vars.WEBHOOK_CONCURRENCY,
      endpointConcurrency: vars.WEBHOOK_ENDPOINT_CONCURRENCY,
      /** https only (production). */
      requireHttps: production,
      allowPrivateUrls: vars.WEBHOOK_ALLOW_PRIVATE_URLS,
      /** Key material for the secrets' encryption (a key is derived from it). */
      encryptionKey: vars.WEBHOOK_ENCRYPTION_KEY ?? developmentSecret(context, 'webhooks'),
      operator: { urls, secret: vars.WEBHOOK_OPERATOR_SECRET },
    },
  };
});

/** The operator URLs, each one refused (by name) when it is not http(s), or https in production. */
function operatorUrls(vars: WebhooksEnv, context: ConfigContext): string[] {
  const urls = (vars.WEBHOOK_OPERATOR_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const production = context.env === 'production';
  const allowed = production ? ['https:'] : ['https:', 'http:'];
  const bad = urls.filter((url) => !URL.canParse(url) || !allowed.includes(new URL(url).protocol));
  if (bad.length > 0) {
    const rule = production ? 'https URLs (production)' : 'http(s) URLs';
    context.problems.push(
      `WEBHOOK_OPERATOR_URLS: must be ${rule}, comma-separated (got ${bad.join(', ')})`,
    );
  }
  if (urls.length > 0 && !vars.WEBHOOK_OPERATOR_SECRET) {
    context.problems.push(
      'WEBHOOK_OPERATOR_SECRET: required when WEBHOOK_OPERATOR_URLS is set (got missing)',
    );
  }
  return urls;
}
