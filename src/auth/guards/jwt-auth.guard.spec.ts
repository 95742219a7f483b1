import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenVerifier } from '@/auth/tokens/access-token.verifier';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { Public } from '../decorators/public.decorator';
import { bearerToken, JwtAuthGuard } from './jwt-auth.guard';

class Routes {
  @Public()
  open(): void {}

  closed(): void {}
}

function contextFor(handler: keyof Routes, request: Record<string, unknown>): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('JwtAuthGuard', () => {
  const user: AuthenticatedUser = { id: 'u', tokenId: 't', sessionId: 's', expiresAt: 1 };
  const verify = jest.fn((token: string | undefined) =>
    Promise.resolve({ ...user, tokenId: token! }),
  );
  const guard = new JwtAuthGuard(new Reflector(), { verify } as unknown as AccessTokenVerifier);

  beforeEach(() => verify.mockClear());

  it('lets @Public() routes through without looking at any token', async () => {
    await expect(guard.canActivate(contextFor('open', { headers: {} }))).resolves.toBe(true);
    expect(verify).not.toHaveBeenCalled();
  });

  it('verifies the bearer token and attaches the user to the request', async () => {
    const request = { headers: { authorization: 'Bearer abc.def.ghi' } } as Record<string, unknown>;
    await expect(guard.canActivate(contextFor('closed', request))).resolves.toBe(true);
    expect(verify).toHaveBeenCalledWith('abc.def.ghi');
    expect(request.user).toMatchObject({ id: 'u', tokenId: 'abc.def.ghi' });
  });

  it.each([
    [undefined, undefined],
    ['Bearer x.y.z', 'x.y.z'],
    ['bearer   x.y.z ', 'x.y.z'],
    ['Basic x.y.z', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
  ])('reads %j as the token %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
