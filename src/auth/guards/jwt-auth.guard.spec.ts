import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { sign } from 'jsonwebtoken';
import { AppError } from '@/common/errors';
import type { AppConfig } from '@/config/app-config';
import { Public } from '../decorators/public.decorator';
import { JwtStrategy } from '../passport/jwt.strategy';
import type { AccessTokenVerifier } from '../tokens/access-token.verifier';
import type { AuthenticatedUser } from '../tokens/authenticated-user';
import { JwtAuthGuard } from './jwt-auth.guard';

class Routes {
  @Public()
  open(): void {}

  closed(): void {}
}

const SECRET = 'a'.repeat(64);
const SUB = 'b'.repeat(24);

function contextFor(handler: keyof Routes, request: Record<string, unknown>): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

function aToken(expiresIn: number, secret = SECRET): string {
  return sign({ sub: SUB, fam: 'family-1', typ: 'access' }, secret, {
    algorithm: 'HS256',
    jwtid: 'token-1',
    expiresIn,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

/** The guard as the app builds it, over passport's real jwt strategy and a recording verifier. */
describe('JwtAuthGuard (passport jwt strategy)', () => {
  new JwtStrategy();
  const admit = jest.fn((claims: { sub: string; jti: string; fam: string; exp: number }) =>
    Promise.resolve<AuthenticatedUser>({
      id: claims.sub,
      tokenId: claims.jti,
      familyId: claims.fam,
      expiresAt: claims.exp,
    }),
  );
  const guard = new JwtAuthGuard(
    new Reflector(),
    { admit } as unknown as AccessTokenVerifier,
    { auth: { jwtSecret: SECRET } } as AppConfig,
  );

  beforeEach(() => admit.mockClear());

  it('lets @Public() routes through without looking at any token', async () => {
    await expect(guard.canActivate(contextFor('open', { headers: {} }))).resolves.toBe(true);
    expect(admit).not.toHaveBeenCalled();
  });

  it('checks the signature, hands the claims to the verifier and attaches the user', async () => {
    const request = { headers: { authorization: `Bearer ${aToken(60)}` } };
    await expect(guard.canActivate(contextFor('closed', request))).resolves.toBe(true);
    expect(admit).toHaveBeenCalledWith(expect.objectContaining({ sub: SUB, jti: 'token-1' }));
    expect((request as { user?: unknown }).user).toMatchObject({ id: SUB, familyId: 'family-1' });
    // Passport's helpers (login, logout, authInfo, …) stay off the HTTP request: they slow it.
    expect(Object.keys(request).sort()).toEqual(['headers', 'user']);
  });

  it('refuses a missing, expired, forged or malformed token with the API 401s', async () => {
    const check = (authorization?: string) =>
      refusal(guard.canActivate(contextFor('closed', { headers: { authorization } })));
    expect(await check()).toBe('Authentication required');
    expect(await check('Basic abc')).toBe('Authentication required');
    expect(await check(`Bearer ${aToken(-60)}`)).toBe('Token expired');
    expect(await check(`Bearer ${aToken(60, 'c'.repeat(64))}`)).toBe('Invalid token');
    expect(await check('Bearer not.a.jwt')).toBe('Invalid token');
    expect(admit).not.toHaveBeenCalled();
  });

  it("passes on the verifier's refusal (a revoked token)", async () => {
    admit.mockRejectedValueOnce(new AppError('UNAUTHORIZED', 'Token has been revoked'));
    const request = { headers: { authorization: `Bearer ${aToken(60)}` } };
    expect(await refusal(guard.canActivate(contextFor('closed', request)))).toBe(
      'Token has been revoked',
    );
  });
});
