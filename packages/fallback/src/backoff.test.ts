import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryWaitMs } from './backoff';

const settings = { retryDelayMs: 500, maxRetryDelayMs: 3_000, maxRetryAfterMs: 2_000 };

describe('backoffDelayMs', () => {
  it('is random × base × 2^retryIndex (full jitter)', () => {
    expect(backoffDelayMs(0, settings, () => 0.5)).toBe(250);
    expect(backoffDelayMs(1, settings, () => 0.5)).toBe(500);
    expect(backoffDelayMs(2, settings, () => 0.5)).toBe(1_000);
    expect(backoffDelayMs(2, settings, () => 0.25)).toBe(500);
  });
  it('caps the interval at maxRetryDelayMs', () => {
    expect(backoffDelayMs(2, settings, () => 0.999)).toBeCloseTo(1_998);
    expect(backoffDelayMs(3, settings, () => 0.5)).toBe(1_500); // 4,000 capped to 3,000
    expect(backoffDelayMs(60, settings, () => 0.5)).toBe(1_500);
  });
  it('spans the whole interval: 0 for random 0', () => {
    expect(backoffDelayMs(4, settings, () => 0)).toBe(0);
    expect(backoffDelayMs(0, { ...settings, retryDelayMs: 0 }, () => 0.9)).toBe(0);
  });
});

describe('retryWaitMs', () => {
  it('backs off when the server named no wait', () => {
    expect(retryWaitMs({ retryAfterMs: null }, 1, settings, () => 0.5)).toBe(500);
  });
  it('waits exactly what the server asked, up to maxRetryAfterMs', () => {
    expect(retryWaitMs({ retryAfterMs: 1_999 }, 0, settings, () => 0.5)).toBe(1_999);
    expect(retryWaitMs({ retryAfterMs: 2_000 }, 0, settings, () => 0.5)).toBe(2_000);
    expect(retryWaitMs({ retryAfterMs: 0 }, 3, settings, () => 0.5)).toBe(0);
  });
  it('gives up on the model when the server asks for longer than maxRetryAfterMs', () => {
    expect(retryWaitMs({ retryAfterMs: 2_001 }, 0, settings, () => 0.5)).toBeNull();
  });
});
