import { describe, expect, it } from 'vitest';
import { costScale } from './cost-scale';

describe('costScale', () => {
  it('is ln(1 + millionths of a USD)', () => {
    expect(costScale(0)).toBe(0);
    expect(costScale(0.000_001)).toBeCloseTo(Math.log(2), 12);
    expect(costScale(0.002)).toBeCloseTo(Math.log(2001), 12);
    expect(costScale(Number.NaN)).toBeNaN();
  });
});
