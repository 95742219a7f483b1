import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@/config/app-config';
import { AppError } from '@/common/errors';

/** When OPS_TOKEN is set, operator endpoints (detailed health, metrics) need it as a bearer token. */
@Injectable()
export class OpsTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(config: AppConfig) {
    this.expected = config.ops.token ? Buffer.from(config.ops.token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new AppError('UNAUTHORIZED', 'Operator token required');
  }
}
