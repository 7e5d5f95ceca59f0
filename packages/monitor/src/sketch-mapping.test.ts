import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { keyOf, keyValue, SKETCH_MAX_VALUE, SKETCH_MIN_VALUE, sketchMapping } from './sketch-mapping';

describe('sketchMapping', () => {
  const mapping = sketchMapping(0.01);

  it('derives γ = (1 + α) / (1 − α) and the key range from the accuracy', () => {
    expect(mapping.gamma).toBeCloseTo(1.01 / 0.99, 12);
    expect(mapping.multiplier).toBeCloseTo(1 / Math.log(1.01 / 0.99), 9);
    // ⌈ln(0.001) / ln γ⌉ = ⌈−345.38⌉ = −345, and the zero key sits just below it.
    expect(mapping.zeroKey).toBe(-346);
    // ⌈ln(1e9) / ln γ⌉ = ⌈1036.13⌉.
    expect(mapping.maxKey).toBe(1037);
  });

  it('is shared by every sketch of one accuracy', () => {
    expect(sketchMapping(0.01)).toBe(mapping);
    expect(sketchMapping(0.02)).not.toBe(mapping);
  });

  it.each([
    [0.001, true],
    [0.1, true],
    [0.000_999, false],
    [0.100_001, false],
    [0, false],
    [Number.NaN, false],
  ])('accepts an accuracy of %d: %s', (accuracy, isAccepted) => {
    if (isAccepted) expect(sketchMapping(accuracy).relativeAccuracy).toBe(accuracy);
    else {
      expect(() => sketchMapping(accuracy)).toThrow(ConfigError);
      expect(() => sketchMapping(accuracy)).toThrow(/relativeAccuracy: expected a number/);
      expect(() => sketchMapping(accuracy)).toThrow(/^Invalid sketch options:/);
    }
  });

  it('fits every key of the finest accuracy in 14 bits', () => {
    const finest = sketchMapping(0.001);
    expect(finest.maxKey - finest.zeroKey).toBeLessThan(16_384);
  });
});

describe('keyOf and keyValue', () => {
  const mapping = sketchMapping(0.01);

  it('counts values below the minimum as zero, and reads the zero key back as 0', () => {
    expect(keyOf(mapping, 0)).toBe(mapping.zeroKey);
    expect(keyOf(mapping, SKETCH_MIN_VALUE * 0.999)).toBe(mapping.zeroKey);
    expect(keyOf(mapping, SKETCH_MIN_VALUE)).toBe(mapping.zeroKey + 1);
    expect(keyValue(mapping, mapping.zeroKey)).toBe(0);
  });

  it('counts values above the maximum as the maximum', () => {
    expect(keyOf(mapping, SKETCH_MAX_VALUE)).toBe(mapping.maxKey);
    expect(keyOf(mapping, SKETCH_MAX_VALUE * 1000)).toBe(mapping.maxKey);
    expect(keyOf(mapping, SKETCH_MAX_VALUE * 0.9)).toBeLessThan(mapping.maxKey);
  });

  it('puts 1 in key 0 and 1.01 in key 1, and reads them back as 2γ^k / (1 + γ)', () => {
    expect(keyOf(mapping, 1)).toBe(0);
    expect(keyOf(mapping, 1.01)).toBe(1);
    expect(keyValue(mapping, 0)).toBeCloseTo(0.99, 12);
    expect(keyValue(mapping, 1)).toBeCloseTo(1.01, 12);
    expect(keyValue(mapping, -1)).toBeCloseTo(2 / mapping.gamma / (1 + mapping.gamma), 12);
  });

  it('reads back every value within α, across the whole range', () => {
    for (let value = SKETCH_MIN_VALUE; value <= SKETCH_MAX_VALUE; value *= 1.37) {
      const readBack = keyValue(mapping, keyOf(mapping, value));
      expect(Math.abs(readBack - value)).toBeLessThanOrEqual(0.01 * value * (1 + 1e-9));
    }
  });
});
