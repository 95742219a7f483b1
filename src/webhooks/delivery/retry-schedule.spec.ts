import { retryDelayMs } from './retry-schedule';

describe('retryDelayMs', () => {
  it('doubles from the base for each failed attempt', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 7].map((attempt) => retryDelayMs(600_000, attempt, middle))).toEqual([
      600_000, 1_200_000, 2_400_000, 4_800_000, 38_400_000,
    ]);
  });

  it('spreads each wait by at most 20 % either way', () => {
    expect(retryDelayMs(1_000, 1, () => 0)).toBe(800);
    expect(retryDelayMs(1_000, 1, () => 0.999_999)).toBe(1_200);
    expect(retryDelayMs(1_000, 3, () => 0)).toBe(3_200);
  });

  it('never waits more than a day (plus jitter) between two attempts', () => {
    expect(retryDelayMs(600_000, 14, () => 0.5)).toBe(86_400_000);
  });

  it('puts the eighth attempt of the default schedule about a day after the first', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce(
      (sum, attempt) => sum + retryDelayMs(600_000, attempt, () => 0.5),
      0,
    );
    expect(total / 3_600_000).toBeCloseTo(21.17, 1);
  });
});
