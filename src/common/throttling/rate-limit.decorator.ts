import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { errorExample } from '../decorators/api-errors.decorator';

/**
 * The rate-limit groups. `auth` counts per client IP, the others per user (per IP before
 * sign-in). Limits come from config (RATE_LIMIT_*); see throttling.module.ts.
 */
export const RATE_LIMIT_GROUPS = ['auth', 'uploads', 'ai', 'versions', 'profiles'] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

export const RATE_LIMIT_GROUP = 'rateLimitGroup';

const RATE_HEADERS = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed in the window',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the window',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Reset': {
    description: 'When the window resets (Unix time, seconds)',
    schema: { type: 'integer' },
  },
};

/** Puts a route in a rate-limit group; routes without one are not limited (and cost no Redis call). */
export const RateLimit = (group: RateLimitGroup): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_GROUP, group),
    ApiResponse({
      status: 429,
      description: `Rate limit (${group}) exceeded; retry after Retry-After seconds`,
      headers: {
        ...RATE_HEADERS,
        'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
      },
      schema: errorExample('Too many requests. Please try again later.', 'RATE_LIMIT_EXCEEDED', {
        retry_after: 42,
      }),
    }),
  );
