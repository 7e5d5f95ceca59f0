import type { RandomSource } from '@modelyard/core';

/** The backoff settings {@link retryWaitMs} reads, in ms. */
export interface BackoffSettings {
  retryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
}

/**
 * Exponential backoff with full jitter: `random() × min(maxRetryDelayMs, retryDelayMs × 2^retryIndex)`,
 * where `retryIndex` is 0 before the first retry. Full jitter spreads the retries of many callers
 * over the whole interval instead of bunching them at its end.
 */
export function backoffDelayMs(retryIndex: number, settings: BackoffSettings, random: RandomSource): number {
  const ceiling = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** retryIndex);
  return random() * ceiling;
}

/**
 * How long to wait before retrying after an error: the server's `retryAfterMs` when it gave one
 * (exactly, as asked), otherwise the backoff. Returns `null` when the server asks for longer than
 * `maxRetryAfterMs`: retrying sooner would fail again, so the runner moves on instead.
 */
export function retryWaitMs(
  error: { retryAfterMs: number | null },
  retryIndex: number,
  settings: BackoffSettings,
  random: RandomSource,
): number | null {
  if (error.retryAfterMs === null) return backoffDelayMs(retryIndex, settings, random);
  return error.retryAfterMs > settings.maxRetryAfterMs ? null : error.retryAfterMs;
}
