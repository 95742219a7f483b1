import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(32));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const secret = SecretBox.newSecret();
    const sealed = box.seal(secret, 'endpoint-1');
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed, 'endpoint-1')).toBe(secret);
  });

  it('makes 32-byte secrets with a recognisable prefix, different every time', () => {
    const [a, b] = [SecretBox.newSecret(), SecretBox.newSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a value sealed under another key, for another endpoint, or altered', () => {
    const sealed = box.seal('whsec_x', 'endpoint-1');
    expect(() => new SecretBox('j'.repeat(32)).open(sealed, 'endpoint-1')).toThrow();
    expect(() => box.open(sealed, 'endpoint-2')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('whsec_y').toString('base64url');
    expect(() => box.open(parts.join('.'), 'endpoint-1')).toThrow();
    expect(() => box.open('plain', 'endpoint-1')).toThrow('Not a sealed webhook secret');
  });
});
