import { LogLevel, NodeEnv, StorageDriverName } from './env.schema';
import type { LlmConfig } from './llm-config';

/** The typed, validated configuration every module reads. Built once by `loadAppConfig`. */
export class AppConfig {
  readonly env!: NodeEnv;
  readonly http!: {
    readonly host: string;
    readonly port: number;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: boolean;
    readonly jsonBodyLimitBytes: number;
  };
  readonly logLevel!: LogLevel;
  readonly dataDir!: string;
  /** Preferred ports of the embedded services started when MONGODB_URI / REDIS_URL are unset. */
  readonly embeddedPorts!: { readonly mongo: number; readonly redis: number };
  /** Undefined means "start the embedded store" (never in production). */
  readonly mongo!: { readonly uri: string | undefined; readonly timeoutMs: number };
  readonly redis!: {
    readonly url: string | undefined;
    readonly keyPrefix: string;
    readonly commandTimeoutMs: number;
  };
  readonly storage!: {
    readonly driver: StorageDriverName;
    readonly localDir: string;
    readonly urlSecret: string;
    readonly downloadUrlTtlSeconds: number;
    /** Origin of the local driver's download URLs ('' = root-relative). */
    readonly publicBaseUrl: string;
    readonly s3: {
      readonly bucket: string | undefined;
      readonly endpoint: string | undefined;
      readonly forcePathStyle: boolean;
      readonly region: string;
      readonly accessKeyId: string | undefined;
      readonly secretAccessKey: string | undefined;
    };
  };
  readonly auth!: {
    readonly jwtSecret: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly loginMaxAttempts: number;
    readonly lockoutSeconds: number;
    readonly argon2: {
      readonly memoryKib: number;
      readonly timeCost: number;
      readonly parallelism: number;
    };
  };
  /** Requests per window for each rate-limit group (see src/common/throttling). */
  readonly rateLimits!: {
    readonly authPerMinute: number;
    readonly uploadsPerHour: number;
    readonly aiPerHour: number;
  };
  readonly uploads!: { readonly maxFileBytes: number; readonly maxFilesPerRequest: number };
  readonly workers!: { readonly runInApi: boolean; readonly concurrency: number };
  /** The maintenance queue's jobs (src/maintenance). */
  readonly maintenance!: {
    readonly accountRetentionDays: number;
    readonly intervalMinutes: number;
  };
  readonly ops!: { readonly token: string | undefined; readonly swaggerEnabled: boolean };
  readonly shutdownTimeoutMs!: number;
  /** The LLM gateway: fallback chain, providers, retries, circuit breaker, cache, prices. */
  readonly llm!: LlmConfig;

  static from(values: AppConfigValues): AppConfig {
    return Object.freeze(Object.assign(new AppConfig(), values));
  }

  /** A copy with the embedded services' addresses filled in. */
  withServiceUrls(mongoUri: string, redisUrl: string): AppConfig {
    return AppConfig.from({
      ...this,
      mongo: { ...this.mongo, uri: mongoUri },
      redis: { ...this.redis, url: redisUrl },
    });
  }
}

export type AppConfigValues = Omit<AppConfig, 'withServiceUrls'>;
