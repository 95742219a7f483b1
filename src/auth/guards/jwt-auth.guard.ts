import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { bearerToken } from '../passport/bearer-token';
import { AccessCheck, attachAccessCheck, JWT_STRATEGY } from '../passport/jwt.strategy';
import { AccessTokenVerifier } from '../tokens/access-token.verifier';
import type { AuthenticatedUser } from '../tokens/authenticated-user';
import { jwtKey } from '../tokens/jwt-key';

/**
 * Global: every HTTP route needs a valid access token unless it is @Public(). Passport's jwt
 * strategy checks it (JwtStrategy, with AccessTokenVerifier); Socket.IO handshakes use the same
 * verifier directly. Failures are the API's own 401s.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  private readonly check: AccessCheck;

  constructor(
    private readonly reflector: Reflector,
    verifier: AccessTokenVerifier,
    config: AppConfig,
  ) {
    super();
    this.check = { key: jwtKey(config), verifier };
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('UNAUTHORIZED', 'Authentication required');
    attachAccessCheck(request, this.check, token);
    return (await super.canActivate(context)) as boolean;
  }

  /** `error` is the verifier's (an AppError); `info` is passport-jwt's reason for a bad token. */
  override handleRequest<User = AuthenticatedUser>(
    error: unknown,
    user: User | false,
    info: unknown,
  ): User {
    if (error instanceof Error) throw error;
    if (error) throw new Error('Passport failed without an Error');
    if (user) return user;
    if ((info as { name?: unknown } | undefined)?.name === 'TokenExpiredError') {
      throw new AppError('UNAUTHORIZED', 'Token expired');
    }
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
}
