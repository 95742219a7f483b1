import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderFailure } from './llm-failure';

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * How long to wait before retry number `retry` (0-based), or null to stop retrying this entry.
 * Exponential backoff with full jitter (spreads a burst of clients over the whole window); a
 * Retry-After from the provider is honoured as the minimum, and one longer than the maximum
 * delay means "move on to the next entry" rather than blocking a request for that long.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number | null {
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxDelayMs) return null;
    return retryAfter + random() * Math.min(policy.baseDelayMs, policy.maxDelayMs - retryAfter);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return random() * ceiling;
}

export interface RetryHooks {
  /** Asked before every attempt: false (an open circuit) stops at once. */
  readonly mayAttempt: () => boolean;
  readonly onFailure: (failure: ProviderFailure, attempt: number) => void;
  readonly onSuccess: () => void;
  readonly classify: (error: unknown) => ProviderFailure;
}

/** Thrown when the breaker refused an attempt; the chain records it as `circuit_open`. */
export class CircuitOpen extends ProviderFailure {
  constructor() {
    super('circuit_open', 'skipped: the circuit is open after repeated failures');
  }
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, the retries are spent, the
 * breaker opens, or Retry-After asks for longer than we wait. Throws the last ProviderFailure.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  hooks: RetryHooks,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  let failure: ProviderFailure | undefined;
  for (let attemptNumber = 0; ; attemptNumber++) {
    // A breaker that opened during our own retries reports the failure that opened it.
    if (!hooks.mayAttempt()) throw failure ?? new CircuitOpen();
    try {
      const value = await attempt(attemptNumber);
      hooks.onSuccess();
      return value;
    } catch (error) {
      failure = hooks.classify(error);
      hooks.onFailure(failure, attemptNumber);
    }
    if (!failure.retryable || attemptNumber >= policy.maxRetries) throw failure;
    const delay = retryDelayMs(policy, attemptNumber, failure.retryAfterMs);
    if (delay === null) throw failure;
    await sleep(delay);
  }
}
