const DAY_MS = 86_400_000;
/** ±20 %: receivers that failed together do not all get their retries at the same instant. */
const JITTER = 0.2;

/**
 * The wait after failed attempt `attempt` (1-based) before the next one: base × 2^(attempt-1)
 * with jitter, at most a day. With the defaults (10 min, 8 attempts) the retries come after
 * about 10, 20, 40, 80, 160, 320 and 640 minutes: the last one roughly 21 hours after the first.
 */
export function retryDelayMs(
  baseMs: number,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exact = Math.min(baseMs * 2 ** (attempt - 1), DAY_MS);
  return Math.round(exact * (1 - JITTER + 2 * JITTER * random()));
}
