import { monitorEventLoopDelay } from 'node:perf_hooks';
import type TestAgent from 'supertest/lib/agent';

/**
 * A blocked loop before the fixes lasted tens of seconds to minutes; a bound this loose catches
 * that on any machine, however loaded, and is not a speed target (speed lives in bench/).
 */
export const STALL_BOUND_MS = 10_000;

export interface Probed<T> {
  readonly result: T;
  /** `GET /health` answers that arrived before `work` settled. */
  readonly healthAnswers: number;
  /** The longest the event loop (shared by the app and this test) was blocked meanwhile. */
  readonly longestStallMs: number;
}

/**
 * Runs `work` (a request that should not freeze the server) while `GET /health` is asked again
 * and again. The app runs in this process, so a handler that blocks the event loop blocks the
 * probes too: the loop's longest stall is what a hostile request costs everyone else. Before the
 * fixes these stalls were tens of seconds to minutes, so bounds in seconds leave a wide margin.
 */
export async function whileProbingHealth<T>(
  http: TestAgent,
  work: () => Promise<T>,
): Promise<Probed<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let settled = false;
  let healthAnswers = 0;
  const probing = (async () => {
    while (!settled) {
      const res = await http.get('/health');
      if (res.status === 200 && !settled) healthAnswers += 1;
    }
  })();
  try {
    const result = await work();
    return {
      result,
      healthAnswers,
      longestStallMs: histogram.max / 1e6,
    };
  } finally {
    settled = true;
    histogram.disable();
    await probing;
  }
}
