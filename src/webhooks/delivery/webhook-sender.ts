import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { UnsafeWebhookUrl } from '../url-guard';

/** How an attempt ended; a label of the deliveries metric. */
export const SEND_OUTCOMES = [
  'success',
  'http_error',
  'redirect',
  'timeout',
  'network_error',
  'refused',
] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

export interface SendResult {
  readonly outcome: SendOutcome;
  /** The receiver's status, when it answered. */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  /** Why it failed, safe to show the endpoint's owner; null on success. */
  readonly error: string | null;
  /** The start of the receiver's answer, for the owner's debugging. */
  readonly responseExcerpt: string | null;
}

export interface SendOptions {
  readonly timeoutMs: number;
  /** Resolves the host and refuses non-public addresses (see url-guard.ts). */
  readonly lookup: LookupFunction;
}

/** Bytes of the response read at most; the rest is never downloaded. */
export const RESPONSE_READ_CAP = 1024;
const EXCERPT_CHARS = 256;

/**
 * One POST to a receiver. Only a 2xx counts; a redirect is not followed (it could point
 * anywhere, including inside our network) and counts as a failure. The timeout covers the whole
 * exchange, connect to the last byte read; a fresh connection each time (no pooled socket
 * outlives the address check of the lookup it came from).
 */
export function sendWebhook(
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const payload = Buffer.from(body, 'utf8');
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const settle = (result: Omit<SendResult, 'latencyMs'>, latencyMs = elapsed()): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs });
    };
    const req = request(url, {
      method: 'POST',
      agent: false,
      lookup: options.lookup,
      headers: { ...headers, 'Content-Length': String(payload.length) },
    });
    const timer = setTimeout(() => {
      settle({
        outcome: 'timeout',
        statusCode: null,
        error: `No complete answer within ${options.timeoutMs} ms`,
        responseExcerpt: null,
      });
      req.destroy();
    }, options.timeoutMs);

    req.on('error', (error: NodeJS.ErrnoException) => {
      settle(
        error instanceof UnsafeWebhookUrl
          ? { outcome: 'refused', statusCode: null, error: error.message, responseExcerpt: null }
          : {
              outcome: 'network_error',
              statusCode: null,
              error: networkError(error),
              responseExcerpt: null,
            },
      );
    });
    req.on('response', (res) => {
      const latencyMs = elapsed();
      readCapped(res, (excerpt) => {
        settle(judge(res.statusCode ?? 0, res.headers.location, excerpt), latencyMs);
        res.destroy();
        req.destroy();
      });
    });
    req.end(payload);
  });
}

function judge(
  status: number,
  location: string | undefined,
  excerpt: string,
): Omit<SendResult, 'latencyMs'> {
  const responseExcerpt = excerpt === '' ? null : excerpt;
  if (status >= 200 && status < 300) {
    return { outcome: 'success', statusCode: status, error: null, responseExcerpt };
  }
  if (status >= 300 && status < 400) {
    const where = location ? ` to ${location.slice(0, 200)}` : '';
    return {
      outcome: 'redirect',
      statusCode: status,
      error: `HTTP ${status}: redirect${where} not followed`,
      responseExcerpt,
    };
  }
  return { outcome: 'http_error', statusCode: status, error: `HTTP ${status}`, responseExcerpt };
}

/** Reads at most RESPONSE_READ_CAP bytes, then reports (a receiver may send forever). */
function readCapped(res: IncomingMessage, done: (excerpt: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    const text = Buffer.concat(chunks).subarray(0, RESPONSE_READ_CAP).toString('utf8');
    done(text.slice(0, EXCERPT_CHARS));
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_READ_CAP) finish();
  });
  res.on('end', finish);
  res.on('error', finish);
  res.on('aborted', finish);
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'The host could not be resolved',
  EAI_AGAIN: 'The host could not be resolved',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by the receiver',
};

function networkError(error: NodeJS.ErrnoException): string {
  if (!error.code) return `Network error: ${error.message}`;
  return NETWORK_ERRORS[error.code] ?? `Network error (${error.code})`;
}
