import * as Anthropic from '@anthropic-ai/sdk';
import * as OpenAI from 'openai';

/** Why one attempt failed; the label of llm_errors_total. */
export const FAILURE_REASONS = [
  'rate_limited',
  'server_error',
  'timeout',
  'connection',
  'malformed',
  'auth',
  'bad_request',
  'circuit_open',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const RETRYABLE: ReadonlySet<FailureReason> = new Set([
  'rate_limited',
  'server_error',
  'timeout',
  'connection',
  'malformed',
]);

/** One failed attempt, classified once so retries, breaker and metrics agree on what happened. */
export class ProviderFailure extends Error {
  readonly retryable: boolean;

  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly status?: number,
    /** From Retry-After / retry-after-ms: the provider said when to come back. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderFailure';
    this.retryable = RETRYABLE.has(reason);
  }
}

/**
 * Maps whatever an adapter threw to a ProviderFailure. Both SDKs share one error hierarchy shape
 * (Stainless), so one function covers them; `timedOut` says our own deadline fired the abort.
 */
export function classifyFailure(error: unknown, timedOut: boolean): ProviderFailure {
  // Our deadline first: an aborted SDK call surfaces as an abort or as an early end of stream.
  if (timedOut) return new ProviderFailure('timeout', 'no answer before the deadline');
  if (error instanceof ProviderFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isSdkError(error, 'APIConnectionTimeoutError')) {
    return new ProviderFailure('timeout', message);
  }
  if (isSdkError(error, 'APIConnectionError') || isSdkError(error, 'APIUserAbortError')) {
    return new ProviderFailure('connection', message);
  }
  if (isSdkError(error, 'APIError')) {
    const { status, headers } = error as { status?: number; headers?: Headers };
    return fromStatus(status, message, headers);
  }
  // A body that is not JSON, or an SSE event that does not parse. Checked by name: fetch's
  // JSON parser may throw from another realm (jest's sandbox), where instanceof Error fails.
  if (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    error.name === 'SyntaxError'
  ) {
    return new ProviderFailure('malformed', message);
  }
  return new ProviderFailure('connection', message);
}

function fromStatus(
  status: number | undefined,
  message: string,
  headers: Headers | undefined,
): ProviderFailure {
  // No status: an error event inside an SSE stream, which providers send when they fail mid-answer.
  if (status === undefined) return new ProviderFailure('server_error', message);
  if (status === 429) {
    return new ProviderFailure('rate_limited', message, status, retryAfterMs(headers));
  }
  if (status === 408) return new ProviderFailure('timeout', message, status);
  // 409 is OpenAI's "lock timeout, try again"; 529 is Anthropic's "overloaded".
  if (status === 409 || status >= 500) {
    return new ProviderFailure('server_error', message, status, retryAfterMs(headers));
  }
  if (status === 401 || status === 403) return new ProviderFailure('auth', message, status);
  return new ProviderFailure('bad_request', message, status);
}

/** `retry-after-ms` (OpenAI) wins over `retry-after` (seconds, or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type SdkErrorName =
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError';

function isSdkError(error: unknown, name: SdkErrorName): boolean {
  return error instanceof OpenAI[name] || error instanceof Anthropic[name];
}
