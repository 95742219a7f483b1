import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
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
}

/** Redis: queues, rate limits, the token denylist, the AI cache. Undefined URL: embedded. */
export const redisConfig = configArea(RedisEnv, (vars, context) => {
  requiredInProduction(context, { REDIS_URL: vars.REDIS_URL });
  return { redis: { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX } };
});
