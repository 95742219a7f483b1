import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { RealtimeService } from '@/realtime/realtime.service';
import { AuthenticatedUser } from './authenticated-user';
import { isTokenClaims, TokenClaims } from './token-claims';
import { IssuedPair, TokenFamilies } from './token-families';

export interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: number;
}

/**
 * Issues, rotates and revokes tokens. Checking an access token is AccessTokenVerifier's job.
 * Every way a token family ends goes through here, so this is also where its live connections end
 * (RealtimeService), instead of listening on until their access token expires.
 */
@Injectable()
export class TokensService {
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly reuseWindowMs: number;

  constructor(
    private readonly jwt: JwtService,
    private readonly families: TokenFamilies,
    private readonly realtime: RealtimeService,
    config: AppConfig,
  ) {
    this.accessTtl = config.auth.accessTokenTtlSeconds;
    this.refreshTtl = config.auth.refreshTokenTtlSeconds;
    this.reuseWindowMs = config.auth.refreshReuseWindowSeconds * 1000;
  }

  /** A sign-in: a new token family. */
  async openFamily(userId: string): Promise<TokenPair> {
    const familyId = randomUUID();
    const issued = this.nextIssue(this.refreshTtl);
    await this.families.open(userId, familyId, issued.refreshId, this.refreshTtl);
    return this.pair(userId, familyId, issued);
  }

  /** Signature, expiry and shape only; whether the family still accepts it is `rotate`'s call. */
  readRefreshToken(token: string): TokenClaims {
    let claims: unknown;
    try {
      claims = this.jwt.verify(token, { algorithms: ['HS256'] });
    } catch {
      throw invalidRefreshToken();
    }
    if (!isTokenClaims(claims, 'refresh')) throw invalidRefreshToken();
    return claims;
  }

  /**
   * Every refresh replaces the refresh token. A superseded one coming back means it was copied:
   * the whole family ends, so the thief's and the owner's tokens all stop working. Except within
   * REFRESH_REUSE_WINDOW_SECONDS of its rotation: two tabs refreshing at once with the same token
   * both get the same new pair (signed again from the rotation's record, byte for byte), so a
   * multi-tab client is not logged out everywhere. The new tokens expire when the family does:
   * refreshing never extends a family past its login's REFRESH_TOKEN_EXPIRE_DAYS.
   */
  async rotate(claims: TokenClaims): Promise<TokenPair> {
    const next = this.nextIssue(0);
    const outcome = await this.families.rotate(
      claims.sub,
      claims.fam,
      claims.jti,
      next,
      this.refreshTtl,
      this.reuseWindowMs,
    );
    switch (outcome.kind) {
      case 'rotated':
        return this.pair(claims.sub, claims.fam, {
          ...next,
          familyTtlSeconds: outcome.remainingSeconds,
        });
      case 'replayed':
        return this.pair(claims.sub, claims.fam, outcome.issued);
      case 'reused':
        this.realtime.endFamilies([claims.fam]);
        throw new AppError('UNAUTHORIZED', 'Refresh token reuse detected: the session was ended');
      case 'unknown':
        throw invalidRefreshToken();
    }
  }

  /** Logout: this access token is denylisted until it expires and its family ends. */
  async endFamily(user: AuthenticatedUser): Promise<void> {
    const remaining = user.expiresAt - Math.floor(Date.now() / 1000);
    await this.families.denylist(user.tokenId, remaining);
    await this.families.end(user.id, user.familyId);
    this.realtime.endFamilies([user.familyId]);
  }

  async endOtherFamilies(user: AuthenticatedUser): Promise<void> {
    this.realtime.endFamilies(await this.families.endAllFor(user.id, user.familyId));
  }

  /** Account deletion: every token family ends, and so does every socket of the user. */
  async endAllFamilies(userId: string): Promise<void> {
    await this.families.endAllFor(userId);
    this.realtime.endUser(userId);
  }

  /** Fresh ids, issued now. */
  private nextIssue(familyTtlSeconds: number): IssuedPair {
    return {
      refreshId: randomUUID(),
      accessId: randomUUID(),
      issuedAt: Math.floor(Date.now() / 1000),
      familyTtlSeconds,
    };
  }

  /**
   * The pair an issue describes. Deterministic (HS256 over the same claims, iat included), so a
   * replayed rotation signs exactly the tokens the first request got.
   */
  private pair(userId: string, familyId: string, issued: IssuedPair): TokenPair {
    const accessTtl = Math.min(this.accessTtl, issued.familyTtlSeconds);
    const sign = (typ: TokenClaims['typ'], tokenId: string, ttlSeconds: number) =>
      this.jwt.sign(
        { sub: userId, fam: familyId, typ, iat: issued.issuedAt },
        { algorithm: 'HS256', jwtid: tokenId, expiresIn: ttlSeconds },
      );
    const age = Math.max(0, Math.floor(Date.now() / 1000) - issued.issuedAt);
    return {
      access_token: sign('access', issued.accessId, accessTtl),
      refresh_token: sign('refresh', issued.refreshId, issued.familyTtlSeconds),
      expires_in: Math.max(1, accessTtl - age),
    };
  }
}

function invalidRefreshToken(): AppError {
  return new AppError('UNAUTHORIZED', 'Invalid or expired refresh token');
}
