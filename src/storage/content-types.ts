import { extname } from 'node:path';

/** What the stored object kinds are served as (the local driver keeps no per-object metadata). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.md': 'text/markdown; charset=utf-8',
  '.mmd': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

export function contentTypeForKey(key: string): string {
  return BY_EXTENSION[extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Types a browser may show in place (an `<img>` on the web client, a plain-text view): none of
 * them can run script, and nosniff keeps the browser from reading them as anything else.
 * Everything else (markdown, JSON, PDF, Word) is downloaded, never rendered by the API's origin.
 */
const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'text/plain']);

export function isSafeInline(contentType: string): boolean {
  return SAFE_INLINE.has(contentType.split(';')[0].trim().toLowerCase());
}

/** `inline` for the safe types, else `attachment`; with the file name when there is one. */
export function contentDisposition(contentType: string, filename: string | undefined): string {
  const kind = isSafeInline(contentType) ? 'inline' : 'attachment';
  return filename === undefined ? kind : namedDisposition(kind, filename);
}

/**
 * The disposition with an ASCII fallback and the RFC 5987 UTF-8 name, so the header can never be
 * broken by quotes or line breaks in a user's file name.
 */
function namedDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
