import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppConfig } from './app-config';
import { ConfigError } from './config-error';
import { EnvironmentVariables } from './env.schema';
import { buildLlmConfig } from './llm-config';

type Env = Record<string, string | undefined>;

export function loadAppConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, stripEmpty(env), {
    exposeDefaultValues: true,
  });
  const problems = validateSync(vars, { whitelist: false }).flatMap(describe);
  problems.push(...crossFieldProblems(vars));
  const corsOrigins = parseOrigins(vars.CORS_ORIGINS, problems);
  const llm = buildLlmConfig(vars, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(cwd, vars.DATA_DIR);
  const secrets = (name: 'jwt' | 'storage', given: string | undefined): string =>
    given ?? developmentSecret(dataDir, name, vars.NODE_ENV === 'test');

  return AppConfig.from({
    env: vars.NODE_ENV,
    http: {
      host: vars.HOST,
      port: vars.PORT,
      corsOrigins,
      trustProxy: vars.TRUST_PROXY,
      jsonBodyLimitBytes: vars.JSON_BODY_LIMIT,
    },
    logLevel: vars.LOG_LEVEL,
    dataDir,
    embeddedPorts: { mongo: vars.EMBEDDED_MONGODB_PORT, redis: vars.EMBEDDED_REDIS_PORT },
    mongo: { uri: vars.MONGODB_URI, timeoutMs: vars.MONGODB_TIMEOUT_MS },
    redis: {
      url: vars.REDIS_URL,
      keyPrefix: vars.REDIS_KEY_PREFIX,
      commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS,
    },
    storage: {
      driver: vars.STORAGE_DRIVER,
      localDir: vars.STORAGE_LOCAL_DIR
        ? resolve(cwd, vars.STORAGE_LOCAL_DIR)
        : join(dataDir, 'objects'),
      urlSecret: secrets('storage', vars.STORAGE_URL_SECRET),
      downloadUrlTtlSeconds: vars.S3_PRESIGNED_URL_EXPIRY,
      publicBaseUrl: vars.PUBLIC_BASE_URL ?? '',
      s3: {
        bucket: vars.S3_BUCKET_NAME,
        endpoint: vars.S3_ENDPOINT,
        forcePathStyle: vars.S3_FORCE_PATH_STYLE,
        region: vars.AWS_REGION,
        accessKeyId: vars.AWS_ACCESS_KEY_ID,
        secretAccessKey: vars.AWS_SECRET_ACCESS_KEY,
      },
    },
    auth: {
      jwtSecret: secrets('jwt', vars.JWT_SECRET_KEY),
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
      refreshTokenTtlSeconds: Math.round(vars.REFRESH_TOKEN_EXPIRE_DAYS * 86_400),
      loginMaxAttempts: vars.LOGIN_MAX_ATTEMPTS,
      lockoutSeconds: vars.LOGIN_LOCKOUT_MINUTES * 60,
      argon2: {
        memoryKib: vars.ARGON2_MEMORY_KIB,
        timeCost: vars.ARGON2_TIME_COST,
        parallelism: vars.ARGON2_PARALLELISM,
      },
    },
    rateLimits: {
      authPerMinute: vars.RATE_LIMIT_AUTH_PER_MINUTE,
      uploadsPerHour: vars.RATE_LIMIT_UPLOADS_PER_HOUR,
      aiPerHour: vars.RATE_LIMIT_AI_PER_HOUR,
    },
    uploads: { maxFileBytes: vars.MAX_UPLOAD_SIZE, maxFilesPerRequest: vars.MAX_FILES_PER_REQUEST },
    workers: { runInApi: vars.RUN_WORKERS_IN_API, concurrency: vars.WORKER_CONCURRENCY },
    maintenance: {
      accountRetentionDays: vars.ACCOUNT_RETENTION_DAYS,
      intervalMinutes: vars.MAINTENANCE_INTERVAL_MINUTES,
    },
    ops: { token: vars.OPS_TOKEN, swaggerEnabled: vars.SWAGGER_ENABLED },
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    llm,
  });
}

function stripEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

function describe(error: ValidationError): string[] {
  const value = error.value === undefined ? 'missing' : JSON.stringify(error.value);
  const rules = Object.values(error.constraints ?? {}).join('; ');
  return [`${error.property}: ${rules} (got ${value})`];
}

/** Rules that involve more than one variable, or the environment. */
function crossFieldProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (vars.NODE_ENV === 'production') {
    for (const name of [
      'MONGODB_URI',
      'REDIS_URL',
      'JWT_SECRET_KEY',
      'STORAGE_URL_SECRET',
      // Detailed health and metrics describe the deployment: never public in production.
      'OPS_TOKEN',
    ] as const) {
      if (!vars[name]) problems.push(`${name}: required when NODE_ENV=production (got missing)`);
    }
  }
  if (vars.STORAGE_DRIVER === 's3' && !vars.S3_BUCKET_NAME) {
    problems.push('S3_BUCKET_NAME: required when STORAGE_DRIVER=s3 (got missing)');
  }
  if (Boolean(vars.AWS_ACCESS_KEY_ID) !== Boolean(vars.AWS_SECRET_ACCESS_KEY)) {
    problems.push(
      'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: set both or neither (the SDK chain is used when neither is set)',
    );
  }
  return problems;
}

function parseOrigins(raw: string, problems: string[]): string[] {
  const trimmed = raw.trim();
  let origins: unknown;
  try {
    origins = trimmed.startsWith('[') ? JSON.parse(trimmed) : trimmed.split(',');
  } catch {
    problems.push(`CORS_ORIGINS: not a valid JSON array (got ${JSON.stringify(raw)})`);
    return [];
  }
  if (!Array.isArray(origins) || !origins.every((origin) => typeof origin === 'string')) {
    problems.push(`CORS_ORIGINS: must list strings (got ${JSON.stringify(raw)})`);
    return [];
  }
  const list = origins.map((origin: string) => origin.trim()).filter(Boolean);
  const bad = list.filter((origin) => origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin));
  if (bad.length > 0) {
    problems.push(`CORS_ORIGINS: not an origin (scheme://host[:port]): ${bad.join(', ')}`);
  }
  return list;
}

/**
 * Outside production a missing secret is generated once and kept under DATA_DIR, so a fresh
 * clone runs with no configuration and tokens survive restarts; tests get a fresh one per process.
 */
function developmentSecret(dataDir: string, name: string, ephemeral: boolean): string {
  if (ephemeral) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('hex');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
}
