import { describe, expect, test } from 'vitest';
import {
  formatBytes,
  formatModel,
  formatMs,
  formatPercent,
  formatPricePerMillion,
  formatScore,
  formatTokens,
  formatUsd,
} from './format';

describe('formatters', () => {
  test('milliseconds', () => {
    expect(formatMs(null)).toBe('—');
    expect(formatMs(undefined)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatMs(0.42)).toBe('0.42 ms');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
  });

  test('USD: 0 is $0, unknown is unknown', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(null)).toBe('unknown');
    expect(formatUsd(0.000_123_45)).toBe('$0.000123');
    expect(formatUsd(2.5)).toBe('$2.50');
  });

  test('prices per million tokens', () => {
    expect(formatPricePerMillion(0.000_003)).toBe('$3');
    expect(formatPricePerMillion(0)).toBe('free');
    expect(formatPricePerMillion(null)).toBe('?');
    expect(formatPricePerMillion(0.000_000_123_4)).toBe('$0.123');
  });

  test('bytes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(24_000_000_000)).toBe('24.0 GB');
    expect(formatBytes(250_000_000_000)).toBe('250 GB');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });

  test('tokens', () => {
    expect(formatTokens(512)).toBe('512');
    expect(formatTokens(4096)).toBe('4.1k');
    expect(formatTokens(131_072)).toBe('131k');
    expect(formatTokens(2_000_000)).toBe('2M');
    expect(formatTokens(null)).toBe('?');
  });

  test('scores, percentages and models', () => {
    expect(formatScore(0.5)).toBe('0.500');
    expect(formatScore(null)).toBe('—');
    expect(formatPercent(0.875)).toBe('87.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
    expect(formatModel({ providerId: 'ollama', modelId: 'llama3.1:8b' })).toBe('ollama/llama3.1:8b');
  });
});
