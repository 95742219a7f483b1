import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Wall time before giving up: generous, since a loaded machine is slow, not wrong. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Polls `attempt` until it returns something other than undefined, and returns that. Tests wait
 * for a condition with this instead of sleeping a fixed time or counting a fixed number of polls:
 * on a loaded machine both end too early.
 */
export async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 20_000, intervalMs = 25 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
