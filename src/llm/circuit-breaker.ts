export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * A circuit breaker for one chain entry. `failures` failed attempts in a row open it; while open
 * the entry is skipped; after the cool-down one trial attempt is let through (half-open), and
 * its outcome closes the circuit or opens it for another cool-down. In-process on purpose: each
 * instance learns a provider's health from its own traffic, with no Redis round trip per call.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt = 0;
  private currentState: CircuitState = 'closed';
  private trialInFlight = false;

  constructor(
    private readonly failureThreshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.currentState;
  }

  /** True when an attempt may go out now; a true in half-open claims the single trial. */
  tryAcquire(): boolean {
    switch (this.currentState) {
      case 'closed':
        return true;
      case 'open':
        if (this.now() - this.openedAt < this.cooldownMs) return false;
        this.currentState = 'half_open';
        this.trialInFlight = true;
        return true;
      case 'half_open':
        if (this.trialInFlight) return false;
        this.trialInFlight = true;
        return true;
    }
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    this.currentState = 'closed';
  }

  recordFailure(): void {
    this.consecutiveFailures += 1;
    this.trialInFlight = false;
    if (this.currentState === 'half_open' || this.consecutiveFailures >= this.failureThreshold) {
      this.currentState = 'open';
      this.openedAt = this.now();
    }
  }
}
