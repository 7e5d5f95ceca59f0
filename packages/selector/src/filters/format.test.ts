import { describe, expect, it } from 'vitest';
import { formatCount, formatGibibytes, formatUsd } from './format';

describe('formats', () => {
  it('groups counts and keeps two decimals at most', () => {
    expect(formatCount(131_072)).toBe('131,072');
    expect(formatCount(0.125)).toBe('0.13');
    expect(formatCount(0)).toBe('0');
  });

  it('writes USD with up to six significant digits', () => {
    expect(formatUsd(0.000_225)).toBe('$0.000225');
    expect(formatUsd(15)).toBe('$15');
    expect(formatUsd(1234.5678)).toBe('$1,234.57');
    expect(formatUsd(0)).toBe('$0');
  });

  it('writes bytes as GiB with one decimal', () => {
    expect(formatGibibytes(5 * 2 ** 30)).toBe('5.0 GiB');
    expect(formatGibibytes(1.25 * 2 ** 30)).toBe('1.3 GiB');
    expect(formatGibibytes(0)).toBe('0.0 GiB');
  });
});
