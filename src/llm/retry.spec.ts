import { ProviderFailure } from './llm-failure';
import { RetryHooks, retryDelayMs, withRetries } from './retry';

const policy = { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('grows exponentially up to the maximum, with full jitter', () => {
    const top = () => 0.999999;
    expect(retryDelayMs(policy, 0, undefined, top)).toBeCloseTo(10, 3);
    expect(retryDelayMs(policy, 3, undefined, top)).toBeCloseTo(80, 3);
    expect(retryDelayMs(policy, 20, undefined, top)).toBeCloseTo(1000, 2);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
  });

  it('waits at least as long as Retry-After asks, and gives up when it asks for too long', () => {
    expect(retryDelayMs(policy, 0, 500, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 0, 500, () => 0.5)).toBe(505);
    expect(retryDelayMs(policy, 0, 1001, () => 0)).toBeNull();
  });
});

describe('withRetries', () => {
  const hooks = (overrides: Partial<RetryHooks> = {}): RetryHooks => ({
    mayAttempt: () => true,
    onFailure: jest.fn(),
    onSuccess: jest.fn(),
    classify: (error) =>
      error instanceof ProviderFailure ? error : new ProviderFailure('connection', String(error)),
    ...overrides,
  });
  const serverError = () => new ProviderFailure('server_error', 'boom', 500);

  it('retries a retryable failure and reports each outcome', async () => {
    const h = hooks();
    const attempt = jest.fn().mockRejectedValueOnce(serverError()).mockResolvedValueOnce('ok');
    await expect(withRetries(policy, h, attempt)).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(h.onFailure).toHaveBeenCalledTimes(1);
    expect(h.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('stops after maxRetries and throws the last failure', async () => {
    const attempt = jest.fn().mockRejectedValue(serverError());
    await expect(withRetries(policy, hooks(), attempt)).rejects.toMatchObject({
      reason: 'server_error',
    });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('moves on without waiting when Retry-After asks for longer than the maximum delay', async () => {
    // An hour: waiting it out (or the maximum delay, then retrying) would call attempt again.
    const limited = new ProviderFailure('rate_limited', 'slow down', 429, 3_600_000);
    const attempt = jest.fn().mockRejectedValueOnce(limited).mockResolvedValueOnce('ok');
    await expect(withRetries(policy, hooks(), attempt)).rejects.toBe(limited);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('does not retry what would fail the same way (400, 401)', async () => {
    const attempt = jest.fn().mockRejectedValue(new ProviderFailure('auth', 'bad key', 401));
    await expect(withRetries(policy, hooks(), attempt)).rejects.toMatchObject({ reason: 'auth' });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('stops when the breaker refuses, reporting the failure that opened it', async () => {
    let allowed = 1;
    const h = hooks({ mayAttempt: () => allowed-- > 0 });
    const attempt = jest.fn().mockRejectedValue(serverError());
    await expect(withRetries(policy, h, attempt)).rejects.toMatchObject({ reason: 'server_error' });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('reports circuit_open when the breaker refuses the first attempt', async () => {
    const attempt = jest.fn();
    await expect(
      withRetries(policy, hooks({ mayAttempt: () => false }), attempt),
    ).rejects.toMatchObject({ reason: 'circuit_open', retryable: false });
    expect(attempt).not.toHaveBeenCalled();
  });
});
