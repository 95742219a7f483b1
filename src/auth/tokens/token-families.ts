import { Injectable } from '@nestjs/common';
import Redis, { ChainableCommander } from 'ioredis';

/**
 * Redis side of the token lifecycle. A sign-in opens a token family (refreshes stay in it):
 *   token_family:{family}          -> "{user_id}:{current refresh jti}", TTL = refresh lifetime
 *   user_token_families:{user_id}  -> set of the user's families (for "log out everywhere")
 *   jwt_blacklist:{jti}            -> access tokens logged out before they expire (the contract's key)
 * Access tokens name their family, so ending a family ends its access tokens too, at once.
 * A family lives REFRESH_TOKEN_EXPIRE_DAYS from its login and no longer: rotation keeps the TTL.
 */
export type RotationOutcome =
  | { readonly kind: 'rotated'; readonly remainingSeconds: number }
  | { readonly kind: 'reused' }
  | { readonly kind: 'unknown' };

export interface AccessTokenState {
  readonly denylisted: boolean;
  /** The family's owner, or undefined when the family has ended. */
  readonly familyOwner: string | undefined;
}

// Atomic so that two refreshes racing with one token cannot both win: the loser is a reuse.
// KEEPTTL: the family still ends when its login's lifetime does (an absolute lifetime);
// the reply is what is left of it, in milliseconds, for the new tokens' expiry.
const ROTATE = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  return -1
end
local remaining = redis.call('PTTL', KEYS[1])
if remaining <= 1000 then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('EXPIRE', KEYS[2], ARGV[3])
return remaining
`;

const familyKey = (familyId: string): string => `token_family:${familyId}`;
const userFamiliesKey = (userId: string): string => `user_token_families:${userId}`;
const denylistKey = (tokenId: string): string => `jwt_blacklist:${tokenId}`;

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

  /** Moves the family from `presentedId` to `nextId`; presenting a superseded id ends the family. */
  async rotate(
    userId: string,
    familyId: string,
    presentedId: string,
    nextId: string,
    ttlSeconds: number,
  ): Promise<RotationOutcome> {
    const result = await this.redis.eval(
      ROTATE,
      2,
      familyKey(familyId),
      userFamiliesKey(userId),
      `${userId}:${presentedId}`,
      `${userId}:${nextId}`,
      ttlSeconds,
      familyId,
    );
    const reply = Number(result);
    if (reply > 0) return { kind: 'rotated', remainingSeconds: Math.floor(reply / 1000) };
    return reply === -1 ? { kind: 'reused' } : { kind: 'unknown' };
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

/** MULTI reports a failed command in its results rather than rejecting; a revocation must not fail silently. */
async function run(transaction: ChainableCommander): Promise<void> {
  const results = await transaction.exec();
  const failed = results?.find(([error]) => error !== null);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
}
