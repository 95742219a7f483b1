import { Transform, Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { developmentSecret } from './development-secret';
import { emptyToUndefined } from './env-transforms';

export class AuthEnv {
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

  /** The absolute lifetime of a token family (refreshing never extends it); 0.5 is 12 hours. */
  @Type(() => Number)
  @IsNumber()
  @Min(0.0001)
  @Max(365)
  REFRESH_TOKEN_EXPIRE_DAYS = 7;

  /**
   * How long a spent refresh token may come back (a second tab refreshing at the same moment)
   * and be given the same new pair instead of ending its family. 0: never (strict rotation).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_WINDOW_SECONDS = 20;

  /** Failed logins for one email or phone before it is locked. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_ATTEMPTS = 5;

  /** How long a lock lasts, and the window the failures are counted in. */
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
}

/** Tokens, sign-in lockouts and password hashing. */
export const authConfig = configArea(AuthEnv, (vars, context) => {
  requiredInProduction(context, { JWT_SECRET_KEY: vars.JWT_SECRET_KEY });
  return {
    auth: {
      jwtSecret: vars.JWT_SECRET_KEY ?? developmentSecret(context, 'jwt'),
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
      refreshTokenTtlSeconds: Math.round(vars.REFRESH_TOKEN_EXPIRE_DAYS * 86_400),
      refreshReuseWindowSeconds: vars.REFRESH_REUSE_WINDOW_SECONDS,
      loginMaxAttempts: vars.LOGIN_MAX_ATTEMPTS,
      lockoutSeconds: vars.LOGIN_LOCKOUT_MINUTES * 60,
      argon2: {
        memoryKib: vars.ARGON2_MEMORY_KIB,
        timeCost: vars.ARGON2_TIME_COST,
        parallelism: vars.ARGON2_PARALLELISM,
      },
    },
  };
});
