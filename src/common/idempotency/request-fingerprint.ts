import { createHash } from 'node:crypto';
import type { Request } from 'express';

/** What a request sent, for "is this the same request again?": method, path, body and files. */
export function requestFingerprint(req: Request): string {
  const files = Array.isArray(req.files) ? req.files : [];
  const hash = createHash('sha256');
  hash.update(`${req.method} ${req.path}\n`);
  // The body is already bounded (size, depth, breadth) before it gets here.
  // A bodiless request has no parsed body at all (undefined, which JSON.stringify leaves out).
  hash.update(JSON.stringify(canonical(req.body)) ?? '');
  for (const file of files) {
    hash.update(`\n${file.fieldname}:${file.originalname}:`);
    hash.update(createHash('sha256').update(file.buffer).digest('hex'));
  }
  return hash.digest('hex');
}

/** Objects with their keys sorted, so the same fields sent in another order still match. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
