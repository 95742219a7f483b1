import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Types } from 'mongoose';

/**
 * How an email or phone number becomes the unique key stored beside it (see user.schema.ts).
 * Placeholders start with `~`, which neither a lower-cased email nor an E.164 number can.
 */
export function emailKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164 (`+` and up to 15 digits) for a valid number, else undefined. */
export function normalisePhoneNumber(raw: string): string | undefined {
  if (!/^\+[1-9]\d{1,14}$/.test(raw)) return undefined;
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : undefined;
}

export function absentKey(userId: Types.ObjectId): string {
  return `~${userId.toHexString()}`;
}

/** Deleted accounts give their email and phone back, so the person can register again. */
export function releasedKey(userId: Types.ObjectId, kind: 'email' | 'phone'): string {
  return `~deleted:${kind}:${userId.toHexString()}`;
}
