import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppError } from '../errors';
import { RATE_LIMIT_GROUP, RateLimitGroup } from './rate-limit.decorator';

/** What the authentication guard, which runs first, leaves on the request. */
type MaybeSignedInRequest = Request & { user?: { readonly id: string } };

/**
 * @nestjs/throttler's guard, narrowed to the one group a route opts into with @RateLimit(), with
 * the API contract's headers (X-RateLimit-Reset as Unix seconds) and its 429 body through AppError.
 * Runs after the JWT guard so per-user groups can count by user.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const group = this.reflector.getAllAndOverride<RateLimitGroup | undefined>(RATE_LIMIT_GROUP, [
      context.getHandler(),
      context.getClass(),
    ]);
    const throttler = group && this.throttlers.find((candidate) => candidate.name === group);
    if (!throttler) return true;
    const limit = throttler.limit as number;
    const ttl = throttler.ttl as number;
    return this.handleRequest({
      context,
      limit,
      ttl,
      throttler,
      blockDuration: (throttler.blockDuration as number | undefined) ?? ttl,
      getTracker: (req) => this.trackerFor(group, req as MaybeSignedInRequest),
      generateKey: this.commonOptions.generateKey!,
    });
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const key = generateKey(context, await getTracker(req, context), throttler.name!);
    const record = await this.storageService.increment(
      key,
      ttl,
      limit,
      blockDuration,
      throttler.name!,
    );
    const nowSeconds = Math.floor(Date.now() / 1000);
    res.setHeader('X-RateLimit-Limit', limit);
    res.setHeader('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    res.setHeader('X-RateLimit-Reset', nowSeconds + record.timeToExpire);
    if (record.isBlocked) {
      const retryAfter = Math.max(1, record.timeToBlockExpire);
      res.setHeader('X-RateLimit-Remaining', 0);
      res.setHeader('X-RateLimit-Reset', nowSeconds + retryAfter);
      res.setHeader('Retry-After', retryAfter);
      throw new AppError('RATE_LIMIT_EXCEEDED', 'Too many requests. Please try again later.', {
        retry_after: retryAfter,
      });
    }
    return true;
  }

  private async trackerFor(group: RateLimitGroup, req: MaybeSignedInRequest): Promise<string> {
    if (group !== 'auth' && req.user) return `user:${req.user.id}`;
    return `ip:${await this.getTracker(req)}`;
  }
}
