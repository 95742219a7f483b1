import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { bearerToken } from '../passport/bearer-token';
import { AccessAttempt, JWT_STRATEGY } from '../passport/jwt.strategy';
import { AccessTokenVerifier } from '../tokens/access-token.verifier';
import type { AuthenticatedRequest, AuthenticatedUser } from '../tokens/authenticated-user';
import { jwtKey } from '../tokens/jwt-key';

/**
 * Global: every HTTP route needs a valid access token unless it is @Public(). Passport's jwt
 * strategy checks it (JwtStrategy, with AccessTokenVerifier); Socket.IO handshakes use the same
 * verifier directly. Failures are the API's own 401s.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  private readonly key: KeyObject;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
    config: AppConfig,
  ) {
    super();
    this.key = jwtKey(config);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic || ((await super.canActivate(context)) as boolean);
  }

  /** Passport works on an AccessAttempt, not on Express's request object (see there why). */
  override getRequest(context: ExecutionContext): AccessAttempt {
    const { headers } = httpRequest(context);
    return {
      token: bearerToken(headers.authorization) ?? null,
      key: this.key,
      verifier: this.verifier,
    };
  }

  /** `error` is the verifier's (an AppError); `info` is passport-jwt's reason for a bad token. */
  override handleRequest<User = AuthenticatedUser>(
    error: unknown,
    user: User | false,
    info: unknown,
    context: ExecutionContext,
  ): User {
    if (error instanceof Error) throw error;
    if (error) throw new Error('Passport failed without an Error');
    const request = httpRequest(context);
    if (user) {
      request.user = user as unknown as AuthenticatedUser;
      return user;
    }
    if (!bearerToken(request.headers.authorization)) {
      throw new AppError('UNAUTHORIZED', 'Authentication required');
    }
    if ((info as { name?: unknown } | undefined)?.name === 'TokenExpiredError') {
      throw new AppError('UNAUTHORIZED', 'Token expired');
    }
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
}

function httpRequest(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
