import { createHmac } from 'node:crypto';

/** The header receivers verify: `t=<unix seconds>,v1=<hex>[,v1=<hex>]`. */
export const SIGNATURE_HEADER = 'X-PRDForge-Signature';

export interface WebhookPayload {
  readonly event: string;
  /** When the event happened (ISO 8601); the same on every attempt. */
  readonly timestamp: string;
  readonly data: unknown;
  /** Unique per event and endpoint, the same on every attempt: the receiver's idempotency key. */
  readonly delivery_id: string;
}

/**
 * The payload as the exact bytes the body's `signature` covers: compact JSON, members in this
 * order. Built once when the event is recorded and stored as it is, so every attempt sends the
 * same bytes.
 */
export function canonicalPayload(payload: WebhookPayload): string {
  return JSON.stringify({
    event: payload.event,
    timestamp: payload.timestamp,
    data: payload.data,
    delivery_id: payload.delivery_id,
  });
}

export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/**
 * The body sent: the canonical payload with `"signature":"<hex>"` appended as its last member,
 * where the hex is HMAC-SHA256(secret, canonical payload). A receiver recovers the signed bytes
 * by cutting `,"signature":"<64 hex>"` off the end of the raw body, with no JSON re-encoding
 * (which would not reproduce the bytes across languages).
 */
export function signedBody(canonical: string, secret: string): string {
  if (!canonical.endsWith('}')) throw new Error('A webhook payload is a JSON object');
  return `${canonical.slice(0, -1)},"signature":"${hmacHex(secret, canonical)}"}`;
}

/**
 * `t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<raw body>")` for each secret: the current one
 * first, then the previous one while a rotation's grace period lasts, so receivers configured
 * with either verify.
 */
export function signatureHeader(
  body: string,
  secrets: readonly string[],
  unixSeconds: number,
): string {
  const signed = `${unixSeconds}.${body}`;
  return [`t=${unixSeconds}`, ...secrets.map((secret) => `v1=${hmacHex(secret, signed)}`)].join(
    ',',
  );
}
