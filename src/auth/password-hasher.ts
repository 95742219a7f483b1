import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@/config/app-config';

/** Argon2id with OWASP's parameters by default (ARGON2_* to change them). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly options: argon2.HashOptions & { raw?: false };
  private decoy = '';

  constructor(config: AppConfig) {
    const { memoryKib, timeCost, parallelism } = config.auth.argon2;
    this.options = { type: argon2.argon2id, memoryCost: memoryKib, timeCost, parallelism };
  }

  /** A hash of nothing anyone knows, so an unknown account costs one full verification too. */
  async onModuleInit(): Promise<void> {
    this.decoy = await this.hash(randomBytes(24).toString('base64'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  /**
   * argon2's comparison is constant-time. Without a stored hash (no such account) the decoy is
   * verified instead, so the answer takes as long and is just as negative.
   */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await argon2.verify(storedHash ?? this.decoy, password);
      return matches && storedHash !== undefined;
    } catch {
      return false;
    }
  }

  /** True when the hash was made with other parameters than today's (rehash after a login). */
  isOutdated(storedHash: string): boolean {
    try {
      return argon2.needsRehash(storedHash, this.options);
    } catch {
      return true;
    }
  }
}
