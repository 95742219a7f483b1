/**
 * One attempt's deadline. Armed for the whole answer, or re-armed per chunk for a stream (an idle
 * timeout: a long answer that keeps flowing is fine, a stalled one is not). Firing aborts the
 * SDK request through `signal` and leaves `timedOut` set, because an aborted SDK stream may
 * simply end instead of throwing.
 */
export class Watchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private fired = false;

  constructor(private readonly timeoutMs: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.fired;
  }

  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The caller went away (a stream consumer stopped reading): free the connection. */
  cancel(): void {
    this.disarm();
    this.controller.abort();
  }
}
