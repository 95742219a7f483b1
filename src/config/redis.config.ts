import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { configArea, requiredInProduction } from './config-area';
import { emptyToUndefined } from './env-transforms';

export class RedisEnv {
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,32}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-32 of A-Z a-z 0-9 : _ -',
  })
  REDIS_KEY_PREFIX = 'prd:';

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

  /** Where the embedded Redis listens (when REDIS_URL is unset). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_REDIS_PORT = 6380;
}

/** Redis: queues, rate limits, the token denylist, the AI cache. Undefined URL: embedded. */
export const redisConfig = configArea(RedisEnv, (vars, context) => {
  requiredInProduction(context, { REDIS_URL: vars.REDIS_URL });
  return {
    redis: {
      url: vars.REDIS_URL,
      keyPrefix: vars.REDIS_KEY_PREFIX,
      commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS,
      embeddedPort: vars.EMBEDDED_REDIS_PORT,
    },
  };
});
