import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { QuantileSketch } from './quantile-sketch';

const valid = { keys: [0, 55], counts: [2, 1], sum: 5, min: 1, max: 3 };

function errorOf(input: unknown): string {
  try {
    QuantileSketch.fromJSON(input);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('sketchJsonSchema (through QuantileSketch.fromJSON)', () => {
  it('accepts what toJSON writes', () => {
    expect(QuantileSketch.fromJSON(valid).count).toBe(3);
  });

  it.each([
    ['a count per key', { ...valid, counts: [2] }, 'counts: expected one count per key (2), received "1 counts"'],
    ['ascending keys', { ...valid, keys: [55, 0] }, 'keys[1]: expected keys in strictly ascending order, received 0'],
    ['distinct keys', { ...valid, keys: [55, 55] }, 'keys[1]: expected keys in strictly ascending order, received 55'],
    ['keys in range', { ...valid, keys: [0, 1038] }, 'keys[1]: expected a number ≤ 1037, received 1038'],
    ['keys in range below', { ...valid, keys: [-347, 0] }, 'keys[0]: expected a number ≥ -346, received -347'],
    ['integer keys', { ...valid, keys: [0, 1.5] }, 'keys[1]: expected an integer'],
    ['positive counts', { ...valid, counts: [2, 0] }, 'counts[1]: expected a number ≥ 1, received 0'],
    ['a min for values', { ...valid, min: null }, 'min: expected a number for a sketch with values, received null'],
    [
      'no max when empty',
      { keys: [], counts: [], sum: 0, min: null, max: 2 },
      'max: expected null for an empty sketch',
    ],
    ['min ≤ max', { ...valid, min: 4 }, 'max: expected a number ≥ min (4), received 3'],
    ['a finite sum', { ...valid, sum: -1 }, 'sum: expected a number ≥ 0, received -1'],
    ['known fields only', { ...valid, extra: 1 }, 'unknown field "extra"'],
  ])('requires %s', (_label, input, message) => {
    expect(errorOf(input)).toContain(message);
  });

  it('names the subject', () => {
    expect(errorOf({})).toMatch(/^Invalid quantile sketch:/);
  });
});
