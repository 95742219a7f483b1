import { randomBytes } from 'node:crypto';

/** Unique values so tests never collide on unique indexes. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}
