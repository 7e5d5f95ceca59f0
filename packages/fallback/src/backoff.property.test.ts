import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

const settingsArbitrary = fc.record({
  retryDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxRetryDelayMs: fc.integer({ min: 0, max: 60_000 }),
  maxRetryAfterMs: fc.constant(0),
});
const randomValue = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoffDelayMs (properties)', () => {
  it('stays in [0, min(cap, base × 2^n)]', () => {
    fc.assert(
      fc.property(settingsArbitrary, fc.integer({ min: 0, max: 100 }), randomValue, (settings, retry, value) => {
        const delay = backoffDelayMs(retry, settings, () => value);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** retry));
      }),
    );
  });
  it('never shrinks the interval from one retry to the next (same random draw)', () => {
    fc.assert(
      fc.property(settingsArbitrary, fc.integer({ min: 0, max: 60 }), randomValue, (settings, retry, value) => {
        expect(backoffDelayMs(retry + 1, settings, () => value)).toBeGreaterThanOrEqual(
          backoffDelayMs(retry, settings, () => value),
        );
      }),
    );
  });
});
