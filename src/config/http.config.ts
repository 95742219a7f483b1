import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';
import { configArea } from './config-area';
import { toBoolean } from './env-transforms';

export class HttpEnv {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HOST = '0.0.0.0';

  /** JSON array or a comma-separated list; `*` allows any origin. */
  @IsString()
  CORS_ORIGINS = 'http://localhost:3000';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  JSON_BODY_LIMIT = 1_048_576;

  /**
   * How long an idle keep-alive connection stays open. Longer than the 60 s idle timeout of
   * common load balancers, so they close first and never send on a socket we just closed.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;
}

/** Where the API listens and what it accepts from browsers and proxies. */
export const httpConfig = configArea(HttpEnv, (vars, { problems }) => ({
  http: {
    host: vars.HOST,
    port: vars.PORT,
    corsOrigins: parseOrigins(vars.CORS_ORIGINS, problems),
    trustProxy: vars.TRUST_PROXY,
    jsonBodyLimitBytes: vars.JSON_BODY_LIMIT,
    keepAliveTimeoutMs: vars.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  },
}));

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
