import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@/auth/tokens/authenticated-user';
import { countHit, perUserKey } from './rate-limit-hit';

/**
 * A request that carries files also counts as an upload (the `uploads` group), whatever group its
 * route is in: a chat message with attachments is an AI operation and an upload. Guards run
 * before the multipart body is read, so this runs after MultipartFilesInterceptor instead.
 */
@Injectable()
export class FilesRateLimitInterceptor implements NestInterceptor {
  constructor(
    @InjectThrottlerOptions() private readonly options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest & { files?: unknown }>();
    const throttlers = Array.isArray(this.options) ? this.options : this.options.throttlers;
    const uploads = throttlers.find((throttler) => throttler.name === 'uploads');
    if (uploads && req.user && Array.isArray(req.files) && req.files.length > 0) {
      const ttl = uploads.ttl as number;
      await countHit(
        this.storage,
        http.getResponse<Response>(),
        {
          name: 'uploads',
          limit: uploads.limit as number,
          ttlMs: ttl,
          blockDurationMs: (uploads.blockDuration as number | undefined) ?? ttl,
        },
        perUserKey('uploads', `user:${req.user.id}`),
      );
    }
    return next.handle();
  }
}
