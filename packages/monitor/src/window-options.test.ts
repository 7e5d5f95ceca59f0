import { ConfigError, parseWithSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOWS, sortWindows, type WindowDefinition, windowListSchema } from './window-options';

function errorOf(windows: unknown): string {
  try {
    parseWithSchema(windowListSchema, windows, 'windows');
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

const window = (name: string, lengthMs: number, bucketCount: number): WindowDefinition => ({
  name,
  lengthMs,
  bucketCount,
});

describe('windowListSchema', () => {
  it('accepts the default windows: 1 min, 5 min, 1 h, 24 h in 58 buckets', () => {
    expect(parseWithSchema(windowListSchema, DEFAULT_WINDOWS, 'windows')).toEqual(DEFAULT_WINDOWS);
    expect(DEFAULT_WINDOWS.map((definition) => definition.lengthMs / definition.bucketCount)).toEqual([
      5000, 30_000, 300_000, 3_600_000,
    ]);
    expect(DEFAULT_WINDOWS.reduce((sum, definition) => sum + definition.bucketCount, 0)).toBe(58);
  });

  it('accepts windows in any order and a single window', () => {
    expect(() => parseWithSchema(windowListSchema, [...DEFAULT_WINDOWS].reverse(), 'windows')).not.toThrow();
    expect(() => parseWithSchema(windowListSchema, [window('10s', 10_000, 1)], 'windows')).not.toThrow();
  });

  it.each([
    ['no window', [], 'expected ≥ 1 items'],
    ['nine windows', Array.from({ length: 9 }, (_, index) => window(`w${index}`, 1000 * 2 ** index, 1)), '≤ 8 items'],
    ['a bad name', [window('one minute', 60_000, 12)], '[0].name: expected a name of 1-16 letters'],
    ['a window under 1 s', [window('x', 999, 1)], '[0].lengthMs: expected a number ≥ 1000, received 999'],
    ['a window over 31 days', [window('x', 31 * 86_400_000 + 1, 1)], '[0].lengthMs: expected a number ≤ 2678400000'],
    ['no bucket', [window('x', 60_000, 0)], '[0].bucketCount: expected a number ≥ 1, received 0'],
    ['121 buckets', [window('x', 121_000, 121)], '[0].bucketCount: expected a number ≤ 120, received 121'],
    [
      'buckets of fractional ms',
      [window('x', 10_000, 3)],
      '[0].bucketCount: expected a divisor of lengthMs (10000), received 3',
    ],
    [
      'a name used twice',
      [window('a', 60_000, 12), window('a', 300_000, 10)],
      '[1].name: expected a name no other window has',
    ],
    [
      'two windows of one length',
      [window('a', 60_000, 12), window('b', 60_000, 6)],
      "[1].lengthMs: expected at least a's length plus one bucket (70000)",
    ],
    [
      'a window shorter than the next by less than a bucket',
      [window('a', 60_000, 12), window('b', 80_000, 2)],
      "[1].lengthMs: expected at least a's length plus one bucket (100000), received 80000",
    ],
    [
      'buckets that do not nest',
      [window('a', 60_000, 12), window('b', 300_000, 40)],
      "[1].bucketCount: expected a count that makes each bucket a multiple of a's (5000 ms), received 40",
    ],
  ])('refuses %s', (_label, windows, message) => {
    expect(errorOf(windows)).toContain(message);
  });

  it('accepts a longer window exactly one bucket longer than the shorter one', () => {
    expect(() =>
      parseWithSchema(windowListSchema, [window('a', 60_000, 12), window('b', 120_000, 2)], 'windows'),
    ).not.toThrow();
  });

  it('names the index of the offending window as given, not as sorted', () => {
    expect(errorOf([window('b', 80_000, 2), window('a', 60_000, 12)])).toContain('[0].lengthMs');
  });
});

describe('sortWindows', () => {
  it('puts the shortest first without touching its input', () => {
    const reversed = [...DEFAULT_WINDOWS].reverse();
    expect(sortWindows(reversed).map((definition) => definition.name)).toEqual(['1m', '5m', '1h', '24h']);
    expect(reversed[0]?.name).toBe('24h');
  });
});
