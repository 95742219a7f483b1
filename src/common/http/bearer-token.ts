import { timingSafeEqual } from 'node:crypto';

/** True when an Authorization header is `Bearer <expected>`, compared in constant time. */
export function bearerMatches(authorization: string | undefined, expected: Buffer): boolean {
  const header = authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
