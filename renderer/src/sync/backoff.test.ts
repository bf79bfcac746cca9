import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';

describe('backoff after failures', () => {
  it('doubles from one second up to five minutes', () => {
    const nominal = (failures: number) => backoffDelay(failures, () => 1);
    expect([1, 2, 3, 4, 5].map(nominal)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(nominal(9)).toBe(256_000);
    expect(nominal(10)).toBe(DEFAULT_BACKOFF.capMs);
    expect(nominal(1_000)).toBe(300_000);
  });

  it('spreads devices out: half the delay is random, never less than half', () => {
    expect(backoffDelay(3, () => 0)).toBe(2_000);
    expect(backoffDelay(3, () => 0.5)).toBe(3_000);
    expect(backoffDelay(3, () => 0.999)).toBeLessThanOrEqual(4_000);
    const delays = new Set([0.1, 0.3, 0.7].map((r) => backoffDelay(6, () => r)));
    expect(delays.size).toBe(3);
  });

  it('waits nothing before the first failure, and takes its own limits', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(0);
    expect(backoffDelay(4, () => 1, { baseMs: 100, capMs: 500 })).toBe(500);
  });
});
