import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker(3, 1000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('opens after the threshold of consecutive failures, not before', () => {
    const circuit = breaker();
    circuit.recordFailure();
    circuit.recordFailure();
    expect(circuit.tryAcquire()).toBe(true);
    circuit.recordFailure();
    expect(circuit.state).toBe('open');
    expect(circuit.tryAcquire()).toBe(false);
  });

  it('forgets failures after a success', () => {
    const circuit = breaker();
    circuit.recordFailure();
    circuit.recordFailure();
    circuit.recordSuccess();
    circuit.recordFailure();
    circuit.recordFailure();
    expect(circuit.state).toBe('closed');
  });

  it('lets exactly one trial through after the cool-down', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    now = 999;
    expect(circuit.tryAcquire()).toBe(false);
    now = 1000;
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.state).toBe('half_open');
    expect(circuit.tryAcquire()).toBe(false);
  });

  it('closes when the trial succeeds and reopens for a new cool-down when it fails', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure();
    now = 1000;
    circuit.tryAcquire();
    circuit.recordFailure();
    expect(circuit.state).toBe('open');
    now = 1999;
    expect(circuit.tryAcquire()).toBe(false);
    now = 2000;
    expect(circuit.tryAcquire()).toBe(true);
    circuit.recordSuccess();
    expect(circuit.state).toBe('closed');
    expect(circuit.tryAcquire()).toBe(true);
  });
});
