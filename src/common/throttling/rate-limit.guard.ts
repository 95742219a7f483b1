import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '@/auth/tokens/authenticated-user';
import { countHit, perUserKey } from './rate-limit-hit';
import { RATE_LIMIT_GROUP, RateLimitGroup } from './rate-limit.decorator';

/**
 * @nestjs/throttler's guard, narrowed to the one group a route opts into with @RateLimit(), with
 * seed 004's headers (X-RateLimit-Reset as Unix seconds) and its 429 body through AppError.
 * Runs after the JWT guard so per-user groups can count by user. `auth` counts each route per
 * IP; the per-user groups (`ai`, `uploads`) count all their routes together.
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
      getTracker: (req) => this.trackerFor(group, req as AuthenticatedRequest),
      generateKey: this.commonOptions.generateKey!,
    });
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const tracker = await getTracker(req, context);
    const name = throttler.name!;
    const key = name === 'auth' ? generateKey(context, tracker, name) : perUserKey(name, tracker);
    await countHit(
      this.storageService,
      http.getResponse<Response>(),
      { name, limit, ttlMs: ttl, blockDurationMs: blockDuration },
      key,
    );
    return true;
  }

  private async trackerFor(group: RateLimitGroup, req: AuthenticatedRequest): Promise<string> {
    if (group !== 'auth' && req.user) return `user:${req.user.id}`;
    return `ip:${await this.getTracker(req)}`;
  }
}
