import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';

/** How long a key answers with the same response once its request succeeded. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/**
 * How long a key stays claimed by a request still running. Longer than any request takes (a chat
 * reply waits on the model); a crashed request frees its key after it.
 */
const PENDING_TTL_MS = 5 * 60_000;

/** A key's record: claimed by a request still running, or the response it answered with. */
export type IdempotencyRecord =
  | { readonly state: 'pending'; readonly fingerprint: string; readonly owner: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly body: unknown };

// Finishes or releases a claim only while it is still the caller's (it may have expired and
// been taken by another request meanwhile). KEYS: record. ARGV: owner, new value or '', ttl ms.
const SETTLE = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local ok, record = pcall(cjson.decode, current)
if not ok or record.state ~= 'pending' or record.owner ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1
`;

/**
 * Idempotency-Key records in Redis, one per user and key (the key is hashed: any length or
 * character a client sends makes a fixed-size Redis key). Claiming is SET NX, so of two requests
 * with one key exactly one runs, on any API replica.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly redis: Redis) {}

  /** True when this request now holds the key; false when another request has it. */
  async claim(recordKey: string, fingerprint: string, owner: string): Promise<boolean> {
    const record: IdempotencyRecord = { state: 'pending', fingerprint, owner };
    const set = await this.redis.set(recordKey, JSON.stringify(record), 'PX', PENDING_TTL_MS, 'NX');
    return set === 'OK';
  }

  async read(recordKey: string): Promise<IdempotencyRecord | null> {
    const raw = await this.redis.get(recordKey);
    return raw === null ? null : (JSON.parse(raw) as IdempotencyRecord);
  }

  /** The response the key answers with from now on. */
  async complete(recordKey: string, owner: string, fingerprint: string, body: unknown) {
    const record: IdempotencyRecord = { state: 'done', fingerprint, body };
    await this.redis.eval(SETTLE, 1, recordKey, owner, JSON.stringify(record), IDEMPOTENCY_TTL_MS);
  }

  /** A failed request frees its key: errors are not replayed, a retry runs again. */
  async release(recordKey: string, owner: string): Promise<void> {
    await this.redis.eval(SETTLE, 1, recordKey, owner, '', 0);
  }

  static recordKey(userId: string, key: string): string {
    return `idempotency:${userId}:${createHash('sha256').update(key).digest('hex')}`;
  }
}
