import { type Clock, systemClock } from '@modelyard/core';

/**
 * The system clock with sub-millisecond resolution (`performance.timeOrigin + performance.now()`):
 * a tiny model streams a token every ~0.3 ms, which `Date.now()` cannot time.
 */
export const highResolutionClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

/**
 * Decode speed: tokens after the first, over the time from the first token to the last, in tokens
 * per second; `null` when fewer than two tokens came or no time passed (prompt processing is
 * excluded: it is what time to first token measures).
 */
export function tokensPerSecond(outputTokens: number, firstTokenAt: number | null, finishedAt: number): number | null {
  if (firstTokenAt === null || outputTokens < 2) return null;
  const seconds = (finishedAt - firstTokenAt) / 1000;
  return seconds > 0 ? (outputTokens - 1) / seconds : null;
}
