import { UrlSigner } from './url-signer';

describe('UrlSigner', () => {
  const signer = new UrlSigner('s'.repeat(64));
  const now = Date.UTC(2024, 0, 16, 14, 25);
  const download = {
    key: 'test/projects/u/p/uploads/a.pdf',
    expires: now / 1000 + 60,
    filename: 'a.pdf',
  };

  it('accepts its own signature until the expiry', () => {
    const signature = signer.sign(download);
    expect(signature).toMatch(/^[\w-]{43}$/);
    expect(signer.check(download, signature, now)).toBe('valid');
    expect(signer.check(download, signature, now + 59_999)).toBe('valid');
    expect(signer.check(download, signature, now + 60_000)).toBe('expired');
  });

  it('refuses a signature over anything else, or from another secret', () => {
    const signature = signer.sign(download);
    expect(signer.check({ ...download, key: 'test/other' }, signature, now)).toBe('invalid');
    expect(signer.check({ ...download, expires: download.expires + 1 }, signature, now)).toBe(
      'invalid',
    );
    expect(signer.check({ ...download, filename: 'b.pdf' }, signature, now)).toBe('invalid');
    expect(signer.check({ ...download, filename: undefined }, signature, now)).toBe('invalid');
    expect(signer.check(download, `${signature}x`, now)).toBe('invalid');
    expect(signer.check(download, '', now)).toBe('invalid');
    expect(signer.check(download, new UrlSigner('t'.repeat(64)).sign(download), now)).toBe(
      'invalid',
    );
  });

  it('says invalid, not expired, for a wrong signature on an expired URL', () => {
    expect(signer.check(download, 'A'.repeat(43), now + 3_600_000)).toBe('invalid');
  });
});
