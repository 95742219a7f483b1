import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedDownload {
  readonly key: string;
  /** Unix seconds. */
  readonly expires: number;
  readonly filename?: string;
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

/**
 * HMAC-SHA256 over the key, the expiry and the offered file name, for the filesystem driver's
 * download URLs. Changing any of them (or the signature) invalidates the URL; the comparison is
 * constant-time so the signature cannot be guessed byte by byte.
 */
export class UrlSigner {
  constructor(private readonly secret: string) {}

  sign(download: SignedDownload): string {
    return createHmac('sha256', this.secret).update(payload(download)).digest('base64url');
  }

  check(download: SignedDownload, signature: string, nowMs = Date.now()): SignatureCheck {
    const expected = Buffer.from(this.sign(download));
    const given = Buffer.from(signature);
    // Checked before the expiry so an expired URL cannot be used to probe for valid signatures.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return download.expires * 1000 <= nowMs ? 'expired' : 'valid';
  }
}

function payload({ key, expires, filename }: SignedDownload): string {
  // Newlines cannot occur in keys (assertSafeKey) and are stripped from file names before signing.
  return `${key}\n${expires}\n${filename ?? ''}`;
}
