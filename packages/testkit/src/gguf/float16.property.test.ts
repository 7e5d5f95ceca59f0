import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float16BitsToNumber, float32ToFloat16Bits } from './float16';

const finiteInRange = fc.float({ min: -65504, max: 65504, noNaN: true });

describe('float16 properties', () => {
  it('rounds to the nearest half: no half is closer than the chosen one', () => {
    fc.assert(
      fc.property(finiteInRange, (value) => {
        const bits = float32ToFloat16Bits(value);
        const chosen = float16BitsToNumber(bits);
        const error = Math.abs(chosen - value);
        for (const neighbour of [bits - 1, bits + 1]) {
          const other = float16BitsToNumber(neighbour & 0xffff);
          if (Number.isFinite(other) && Math.sign(other) === Math.sign(chosen))
            expect(error).toBeLessThanOrEqual(Math.abs(other - value));
        }
      }),
    );
  });

  it('is monotonic', () => {
    fc.assert(
      fc.property(finiteInRange, finiteInRange, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(float16BitsToNumber(float32ToFloat16Bits(low))).toBeLessThanOrEqual(
          float16BitsToNumber(float32ToFloat16Bits(high)),
        );
      }),
    );
  });

  it('keeps the sign', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (value) => {
        expect(float32ToFloat16Bits(value) >= 0x8000).toBe(Object.is(value, -0) || value < 0);
      }),
    );
  });
});
