import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configArea } from './config-area';

export class RateLimitsEnv {
  /** Per client IP and endpoint on register, login, refresh and change-password. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_AUTH_PER_MINUTE = 5;

  /** Per user. */
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

  /** Per user: manual version saves (POST /projects/{id}/versions), across their projects. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_VERSIONS_PER_HOUR = 120;

  /** Per user: other users' profiles read (GET /users/{user_id}). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_PROFILES_PER_MINUTE = 60;
}

/** Requests per window for each rate-limit group (src/common/throttling), counted in Redis. */
export const rateLimitsConfig = configArea(RateLimitsEnv, (vars) => ({
  rateLimits: {
    authPerMinute: vars.RATE_LIMIT_AUTH_PER_MINUTE,
    uploadsPerHour: vars.RATE_LIMIT_UPLOADS_PER_HOUR,
    aiPerHour: vars.RATE_LIMIT_AI_PER_HOUR,
    versionsPerHour: vars.RATE_LIMIT_VERSIONS_PER_HOUR,
    profilesPerMinute: vars.RATE_LIMIT_PROFILES_PER_MINUTE,
  },
}));
