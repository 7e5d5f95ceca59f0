import { describe, expect, it } from 'vitest';
import { capLimit, PRICE_TOLERANCE } from './price-tolerance';

describe('capLimit', () => {
  it('lets a price at the cap pass despite floating-point noise', () => {
    expect(PRICE_TOLERANCE).toBe(1e-9);
    expect(5.7e-7 * 1e6).toBe(0.570_000_000_000_000_1);
    expect(5.7e-7 > capLimit(0.57, 1e6)).toBe(false);
    expect(0.57 > capLimit(0.57)).toBe(false);
    expect(0.57 * (1 + 0.5e-9) > capLimit(0.57)).toBe(false);
  });

  it('fails a value above the cap beyond the tolerance', () => {
    expect(0.57 * (1 + 2e-9) > capLimit(0.57)).toBe(true);
    expect(0.570_001 > capLimit(0.57)).toBe(true);
    expect(capLimit(1.5, 1e6)).toBe((1.5 * (1 + 1e-9)) / 1e6);
  });

  it('allows only 0 under a cap of 0, and anything without a cap', () => {
    expect(capLimit(0)).toBe(0);
    expect(Number.MIN_VALUE > capLimit(0, 1e6)).toBe(true);
    expect(capLimit(undefined)).toBe(Number.POSITIVE_INFINITY);
  });
});
