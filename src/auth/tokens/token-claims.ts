/** What our JWTs carry besides iat/exp. `typ` stops a refresh token from being used as an access token. */
export interface TokenClaims {
  readonly sub: string;
  readonly jti: string;
  readonly fam: string;
  readonly typ: 'access' | 'refresh';
  readonly exp: number;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** A verified signature proves who wrote the token, not that it is one of ours in the right shape. */
export function isTokenClaims(value: unknown, typ: TokenClaims['typ']): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    claims.typ === typ &&
    typeof claims.sub === 'string' &&
    OBJECT_ID.test(claims.sub) &&
    typeof claims.jti === 'string' &&
    claims.jti.length > 0 &&
    typeof claims.fam === 'string' &&
    claims.fam.length > 0 &&
    typeof claims.exp === 'number'
  );
}
