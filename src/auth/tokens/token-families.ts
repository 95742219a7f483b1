import { Injectable } from '@nestjs/common';
import Redis, { ChainableCommander } from 'ioredis';

/**
 * Redis side of the token lifecycle. A sign-in opens a token family (refreshes stay in it):
 *   token_family:{family}          -> "{user_id}:{current refresh jti}", TTL = refresh lifetime
 *   user_token_families:{user_id}  -> set of the user's families (for "log out everywhere")
 *   jwt_blacklist:{jti}            -> access tokens logged out before they expire (the contract's key)
 *   token_rotation:{family}:{jti}  -> what a refresh with that (now spent) token was given, kept
 *                                     REFRESH_REUSE_WINDOW_SECONDS: a second tab presenting it again
 *                                     in that window is given the same pair, not taken as theft
 * Access tokens name their family, so ending a family ends its access tokens too, at once.
 * A family lives REFRESH_TOKEN_EXPIRE_DAYS from its login and no longer: rotation keeps the TTL.
 */
/** What one rotation issued, enough to sign exactly the same pair again. */
export interface IssuedPair {
  readonly refreshId: string;
  readonly accessId: string;
  /** Unix seconds: both tokens' `iat`. */
  readonly issuedAt: number;
  /** The family's remaining life at that moment: the refresh token's lifetime. */
  readonly familyTtlSeconds: number;
}

export type RotationOutcome =
  | { readonly kind: 'rotated'; readonly remainingSeconds: number }
  /** The token was spent moments ago (inside the reuse window): what it was exchanged for. */
  | { readonly kind: 'replayed'; readonly issued: IssuedPair }
  | { readonly kind: 'reused' }
  | { readonly kind: 'unknown' };

export interface AccessTokenState {
  readonly denylisted: boolean;
  /** The family's owner, or undefined when the family has ended. */
  readonly familyOwner: string | undefined;
}

// Atomic so that two refreshes racing with one token cannot both rotate: the second finds the
// first one's record (inside the reuse window) and gets the same pair, or, outside it, is a reuse.
// KEEPTTL: the family still ends when its login's lifetime does (an absolute lifetime).
// KEYS: family, user's families, rotation record of the presented token.
// ARGV: presented value, next value, families ttl s, family id, issued "refresh:access:iat", window ms.
// Replies: {0} unknown or expiring, {-1} reuse (the family is ended), {1, remaining ms} rotated,
// {2, record} replayed (record: "refresh:access:iat:remaining ms").
const ROTATE = `
local current = redis.call('GET', KEYS[1])
if not current then return {0} end
if current ~= ARGV[1] then
  local issued = redis.call('GET', KEYS[3])
  if issued then return {2, issued} end
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  return {-1}
end
local remaining = redis.call('PTTL', KEYS[1])
if remaining <= 1000 then return {0} end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('EXPIRE', KEYS[2], ARGV[3])
if tonumber(ARGV[6]) > 0 then
  redis.call('SET', KEYS[3], ARGV[5] .. ':' .. remaining, 'PX', ARGV[6])
end
return {1, remaining}
`;

const familyKey = (familyId: string): string => `token_family:${familyId}`;
const userFamiliesKey = (userId: string): string => `user_token_families:${userId}`;
const denylistKey = (tokenId: string): string => `jwt_blacklist:${tokenId}`;
const rotationKey = (familyId: string, refreshId: string): string =>
  `token_rotation:${familyId}:${refreshId}`;

@Injectable()
export class TokenFamilies {
  constructor(private readonly redis: Redis) {}

  async open(
    userId: string,
    familyId: string,
    refreshId: string,
    ttlSeconds: number,
  ): Promise<void> {
    await run(
      this.redis
        .multi()
        .set(familyKey(familyId), `${userId}:${refreshId}`, 'EX', ttlSeconds)
        .sadd(userFamiliesKey(userId), familyId)
        .expire(userFamiliesKey(userId), ttlSeconds),
    );
  }

  /**
   * Moves the family from `presentedId` to `next.refreshId`, remembering for `windowMs` what
   * `presentedId` was exchanged for. Presenting a superseded id again is a replay inside that
   * window and ends the family outside it.
   */
  async rotate(
    userId: string,
    familyId: string,
    presentedId: string,
    next: Omit<IssuedPair, 'familyTtlSeconds'>,
    ttlSeconds: number,
    windowMs: number,
  ): Promise<RotationOutcome> {
    const reply = (await this.redis.eval(
      ROTATE,
      3,
      familyKey(familyId),
      userFamiliesKey(userId),
      rotationKey(familyId, presentedId),
      `${userId}:${presentedId}`,
      `${userId}:${next.refreshId}`,
      ttlSeconds,
      familyId,
      `${next.refreshId}:${next.accessId}:${next.issuedAt}`,
      windowMs,
    )) as [number, (number | string)?];
    switch (reply[0]) {
      case 1:
        return { kind: 'rotated', remainingSeconds: Math.floor(Number(reply[1]) / 1000) };
      case 2:
        return issuedFrom(String(reply[1]));
      case -1:
        return { kind: 'reused' };
      default:
        return { kind: 'unknown' };
    }
  }

  /** The one Redis round trip an authenticated request costs. */
  async accessState(tokenId: string, familyId: string): Promise<AccessTokenState> {
    const [denylisted, family] = await this.redis.mget(denylistKey(tokenId), familyKey(familyId));
    return {
      denylisted: denylisted !== null,
      familyOwner: family ? family.slice(0, family.indexOf(':')) : undefined,
    };
  }

  async end(userId: string, familyId: string): Promise<void> {
    await run(this.redis.multi().del(familyKey(familyId)).srem(userFamiliesKey(userId), familyId));
  }

  /**
   * Ends every family of the user but `keepFamilyId` (change-password keeps the caller's)
   * and returns the ended ones, so their live connections can end too.
   */
  async endAllFor(userId: string, keepFamilyId?: string): Promise<string[]> {
    const families = await this.redis.smembers(userFamiliesKey(userId));
    const ending = families.filter((familyId) => familyId !== keepFamilyId);
    if (ending.length === 0) return [];
    await run(
      this.redis
        .multi()
        .del(...ending.map(familyKey))
        .srem(userFamiliesKey(userId), ...ending),
    );
    return ending;
  }

  async denylist(tokenId: string, ttlSeconds: number): Promise<void> {
    if (ttlSeconds > 0) await this.redis.set(denylistKey(tokenId), '1', 'EX', ttlSeconds);
  }
}

/** A rotation record ("refresh:access:iat:remaining ms"; ids are uuids, so no ':' inside). */
function issuedFrom(record: string): RotationOutcome {
  const [refreshId, accessId, issuedAt, remainingMs] = record.split(':');
  if (!refreshId || !accessId || !issuedAt || !remainingMs) return { kind: 'unknown' };
  return {
    kind: 'replayed',
    issued: {
      refreshId,
      accessId,
      issuedAt: Number(issuedAt),
      familyTtlSeconds: Math.floor(Number(remainingMs) / 1000),
    },
  };
}

/** MULTI reports a failed command in its results rather than rejecting; a revocation must not fail silently. */
async function run(transaction: ChainableCommander): Promise<void> {
  const results = await transaction.exec();
  const failed = results?.find(([error]) => error !== null);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
}
