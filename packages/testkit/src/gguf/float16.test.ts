import { describe, expect, it } from 'vitest';
import { float16BitsToNumber, float32ToFloat16Bits } from './float16';

describe('float32ToFloat16Bits', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [65504, 0x7bff],
    [65519, 0x7bff],
    [65520, 0x7c00],
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [Number.POSITIVE_INFINITY, 0x7c00],
    [Number.NEGATIVE_INFINITY, 0xfc00],
    [Number.NaN, 0x7e00],
    [2 ** -14, 0x0400],
    [6.1e-5, 0x03ff],
    [2 ** -24, 0x0001],
    [2 ** -25 * 1.5, 0x0001],
    [2 ** -25, 0x0000],
    [-(2 ** -24), 0x8001],
    [1e-10, 0x0000],
  ])('%s → 0x%s', (value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
  });

  it('rounds halfway cases to even', () => {
    // 1 + 2^-11 is halfway between 1 (even mantissa) and 1 + 2^-10: rounds down.
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3·2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9: rounds up.
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    // Just above halfway rounds up.
    expect(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    // Subnormals: 3·2^-25 is halfway between 1·2^-24 (odd) and 2·2^-24: rounds up.
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(0x0002);
    // A carry out of the subnormal mantissa gives the smallest normal.
    expect(float32ToFloat16Bits(2 ** -14 - 2 ** -26)).toBe(0x0400);
  });
});

describe('float16BitsToNumber', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x0400, 2 ** -14],
    [0x7c00, Number.POSITIVE_INFINITY],
    [0xfc00, Number.NEGATIVE_INFINITY],
  ])('0x%s → %s', (bits, value) => {
    expect(float16BitsToNumber(bits)).toBe(value);
  });

  it('reads NaN patterns as NaN and keeps the sign of zero', () => {
    expect(float16BitsToNumber(0x7e00)).toBeNaN();
    expect(float16BitsToNumber(0x7c01)).toBeNaN();
    expect(Object.is(float16BitsToNumber(0x8000), -0)).toBe(true);
  });

  it('is the exact inverse of the encoder on every non-NaN half', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16BitsToNumber(bits);
      if (!Number.isNaN(value)) expect(float32ToFloat16Bits(value)).toBe(bits);
    }
  });
});
