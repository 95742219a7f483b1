import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriverName = (typeof STORAGE_DRIVERS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable the service reads, with seed 000's defaults.
 * `.env.example` documents the same list; keep them in step.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** JSON array (seed 000 style) or a comma-separated list; `*` allows any origin. */
  @IsString()
  CORS_ORIGINS = 'http://localhost:3000';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  JSON_BODY_LIMIT = 1_048_576;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_SIZE = 10_485_760;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MAX_FILES_PER_REQUEST = 5;

  @IsString()
  DATA_DIR = '.data';

  /** Where the embedded FerretDB and Redis listen (when MONGODB_URI / REDIS_URL are unset). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_MONGODB_PORT = 27018;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_REDIS_PORT = 6380;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, {
    message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI',
  })
  MONGODB_URI?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * How long a Redis command may wait for its answer (and a connection for its handshake): a
   * frozen Redis makes requests fail fast with 503 instead of hanging. Queues are not bounded
   * by it (BullMQ's blocking commands wait on purpose).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS = 2_000;

  /** Server selection, connection and socket timeout of the document store, same purpose. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  MONGODB_TIMEOUT_MS = 5_000;

  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,32}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-32 of A-Z a-z 0-9 : _ -',
  })
  REDIS_KEY_PREFIX = 'prd:';

  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriverName = 'local';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORAGE_LOCAL_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  STORAGE_URL_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET_NAME must be a valid bucket name',
  })
  S3_BUCKET_NAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string;

  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  @IsString()
  AWS_REGION = 'us-east-1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AWS_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AWS_SECRET_ACCESS_KEY?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(604_800)
  S3_PRESIGNED_URL_EXPIRY = 3600;

  /** Origin put in front of the local driver's download URLs; empty gives root-relative URLs. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*[^/\s?#])?$/, {
    message:
      'PUBLIC_BASE_URL must be an http(s) origin with an optional path and no trailing slash',
  })
  PUBLIC_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET_KEY must be at least 32 characters (256 bits)' })
  JWT_SECRET_KEY?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  ACCESS_TOKEN_EXPIRE_MINUTES = 30;

  /** The absolute lifetime of a session (refreshing never extends it); 0.5 is 12 hours. */
  @Type(() => Number)
  @IsNumber()
  @Min(0.0001)
  @Max(365)
  REFRESH_TOKEN_EXPIRE_DAYS = 7;

  /** Failed logins for one email or phone before it is locked (seed 000: 5). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_ATTEMPTS = 5;

  /** How long a lock lasts, and the window the failures are counted in (seed 000: 15). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCKOUT_MINUTES = 15;

  /** Argon2id cost; the defaults are OWASP's (m=19 MiB, t=2, p=1). */
  @Type(() => Number)
  @IsInt()
  @Min(8192)
  @Max(1_048_576)
  ARGON2_MEMORY_KIB = 19_456;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  ARGON2_TIME_COST = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM = 1;

  /** Per client IP and endpoint on register, login, refresh and change-password (seed 000: 5). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_AUTH_PER_MINUTE = 5;

  /** Per user (seed 000: 10 uploads an hour, 50 AI operations an hour). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_UPLOADS_PER_HOUR = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_AI_PER_HOUR = 50;

  // --- LLM (seed 000 §4; names kept, model defaults updated: see .env.example) ---------------

  /** provider:model entries tried in order; derived from the keys present when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LLM_CHAIN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OPENAI_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  OPENAI_MODEL_PRIMARY = 'gpt-4o';

  @IsString()
  @MinLength(1)
  OPENAI_MODEL_FALLBACK = 'gpt-4o-mini';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  OPENAI_MAX_TOKENS = 4096;

  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(2)
  OPENAI_TEMPERATURE = 0.7;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  ANTHROPIC_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  ANTHROPIC_MODEL = 'claude-sonnet-4-6';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ANTHROPIC_MAX_TOKENS = 4096;

  /** Ollama, vLLM, LM Studio...: used by `compatible:<model>` chain entries. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OPENAI_COMPATIBLE_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_COMPATIBLE_API_KEY?: string;

  /** Per attempt: the whole answer (or, streaming, the gap between two chunks). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  LLM_TIMEOUT_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  LLM_MAX_RETRIES = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  LLM_RETRY_BASE_DELAY_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300_000)
  LLM_RETRY_MAX_DELAY_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LLM_CIRCUIT_FAILURES = 5;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  LLM_CIRCUIT_COOLDOWN_MS = 30_000;

  /** Seed 000: ai_cache lives 24 hours. 0 turns the cache off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_592_000)
  LLM_CACHE_TTL_SECONDS = 86_400;

  /** JSON {"<model>": {"input": usd, "output": usd}} per 1M tokens, over the built-in table. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LLM_PRICES?: string;

  @Transform(toBoolean)
  @IsBoolean()
  RUN_WORKERS_IN_API = true;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 2;

  /** Days a soft-deleted account is kept before the maintenance queue purges it for good. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  ACCOUNT_RETENTION_DAYS = 30;

  /** How often the maintenance jobs (retention purge, expired-session sweep) run. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_080)
  MAINTENANCE_INTERVAL_MINUTES = 60;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  OPS_TOKEN?: string;

  @Transform(toBoolean)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;
}
