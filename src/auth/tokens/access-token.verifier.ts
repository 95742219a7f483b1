import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AppError } from '@/common/errors';
import { AuthenticatedUser } from './authenticated-user';
import { isTokenClaims } from './token-claims';
import { TokenFamilies } from './token-families';

/**
 * The one access-token check. HTTP requests reach `admit` through passport's jwt strategy (which
 * has checked the HS256 signature and expiry); Socket.IO handshakes call `verify`, which checks
 * those first. Either way: one Redis MGET for the denylist and the token family, no database
 * read (a deleted account's families are ended when it is deleted).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly families: TokenFamilies,
  ) {}

  async verify(token: string | undefined): Promise<AuthenticatedUser> {
    if (!token) throw new AppError('UNAUTHORIZED', 'Authentication required');
    let claims: unknown;
    try {
      // Pinning the algorithm is what refuses `alg: none` and any algorithm-confusion trick.
      claims = this.jwt.verify(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new AppError('UNAUTHORIZED', 'Token expired');
      throw invalidToken();
    }
    return this.admit(claims);
  }

  /**
   * Claims whose signature and expiry were checked: one of our access tokens, not logged out,
   * of a token family that is still open and belongs to the token's subject.
   */
  async admit(claims: unknown): Promise<AuthenticatedUser> {
    if (!isTokenClaims(claims, 'access')) throw invalidToken();
    const state = await this.families.accessState(claims.jti, claims.fam);
    if (state.denylisted || state.familyOwner !== claims.sub) {
      throw new AppError('UNAUTHORIZED', 'Token has been revoked');
    }
    return { id: claims.sub, tokenId: claims.jti, familyId: claims.fam, expiresAt: claims.exp };
  }
}

function invalidToken(): AppError {
  return new AppError('UNAUTHORIZED', 'Invalid token');
}
