import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { UserProfileDto } from './dto/user-profile.dto';

const TTL_SECONDS = 300;
const GONE = 'gone';

export type CachedProfile = UserProfileDto | 'gone' | undefined;

const key = (userId: string): string => `user_profile:${userId}`;

/**
 * Profiles in Redis, so the hottest authenticated read (GET /users/me) costs no document-store
 * round trip, on any instance. Writes overwrite; a miss fills only if nothing was written
 * meanwhile (NX), so a read that raced an update cannot put the old profile back. A deleted
 * account leaves a tombstone for the same reason. Every entry expires (TTLs, not eviction).
 */
@Injectable()
export class UserProfileCache {
  constructor(private readonly redis: Redis) {}

  async get(userId: string): Promise<CachedProfile> {
    const raw = await this.redis.get(key(userId));
    if (raw === null) return undefined;
    return raw === GONE ? GONE : (JSON.parse(raw) as UserProfileDto);
  }

  async fill(profile: UserProfileDto): Promise<void> {
    await this.redis.set(key(profile.id), JSON.stringify(profile), 'EX', TTL_SECONDS, 'NX');
  }

  async replace(profile: UserProfileDto): Promise<void> {
    await this.redis.set(key(profile.id), JSON.stringify(profile), 'EX', TTL_SECONDS);
  }

  async markGone(userId: string): Promise<void> {
    await this.redis.set(key(userId), GONE, 'EX', TTL_SECONDS);
  }
}
