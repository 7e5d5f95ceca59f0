import { describe, expect, it } from 'vitest';
import { highResolutionClock, tokensPerSecond } from './timing';

describe('tokensPerSecond', () => {
  it('counts the tokens after the first over the time since the first', () => {
    // 11 tokens: 10 after the first, in 500 ms → 20 tokens/s.
    expect(tokensPerSecond(11, 1000, 1500)).toBe(20);
    expect(tokensPerSecond(2, 0, 1)).toBe(1000);
  });

  it('is null below two tokens, without a first token, or when no time passed', () => {
    expect(tokensPerSecond(1, 1000, 1500)).toBeNull();
    expect(tokensPerSecond(0, null, 1500)).toBeNull();
    expect(tokensPerSecond(5, null, 1500)).toBeNull();
    expect(tokensPerSecond(5, 1500, 1500)).toBeNull();
  });
});

describe('highResolutionClock', () => {
  it('tells epoch time with sub-millisecond resolution and sleeps like the system clock', async () => {
    const before = Date.now();
    const now = highResolutionClock.now();
    expect(Math.abs(now - before)).toBeLessThan(1000);
    const readings = new Set(Array.from({ length: 50 }, () => highResolutionClock.now()));
    expect([...readings].some((reading) => !Number.isInteger(reading))).toBe(true);
    await highResolutionClock.sleep(1);
    await expect(highResolutionClock.sleep(1000, AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted' });
  });
});
