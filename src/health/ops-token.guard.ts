import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '@/config/app-config';
import { AppError } from '@/common/errors';
import { bearerMatches } from '@/common/http/bearer-token';

/** When OPS_TOKEN is set, operator endpoints (detailed health, metrics) need it as a bearer token. */
@Injectable()
export class OpsTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(config: AppConfig) {
    this.expected = config.ops.token ? Buffer.from(config.ops.token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    if (bearerMatches(header, this.expected)) return true;
    throw new AppError('UNAUTHORIZED', 'Operator token required');
  }
}
