import { Types } from 'mongoose';
import { absentKey, emailKeyOf, normalisePhoneNumber, releasedKey } from './user-identity';

describe('user identity keys', () => {
  it('keys an email by its trimmed lower-case form', () => {
    expect(emailKeyOf('  John.Doe@Example.COM ')).toBe('john.doe@example.com');
  });

  it('accepts valid E.164 numbers only', () => {
    expect(normalisePhoneNumber('+14155552671')).toBe('+14155552671');
    expect(normalisePhoneNumber('+447911123456')).toBe('+447911123456');
    for (const bad of ['14155552671', '+1 415 555 2671', '+0123456789', '+15555555555', '+1']) {
      expect(normalisePhoneNumber(bad)).toBeUndefined();
    }
  });

  it('makes placeholders no real email or phone number can equal, distinct per user', () => {
    const a = new Types.ObjectId();
    const b = new Types.ObjectId();
    expect(absentKey(a)).toMatch(/^~/);
    expect(absentKey(a)).not.toBe(absentKey(b));
    expect(releasedKey(a, 'email')).not.toBe(releasedKey(a, 'phone'));
    expect(releasedKey(a, 'email')).not.toBe(absentKey(a));
  });
});
