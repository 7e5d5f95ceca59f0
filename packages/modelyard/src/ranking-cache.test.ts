import type { CallSample, ModelInfo } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, test } from 'vitest';
import { createRankingCache } from './ranking-cache';

const models: ModelInfo[] = [];
const sample = (modelId: string, outcome: CallSample['outcome']): CallSample => ({
  model: { providerId: 'p', modelId },
  outcome,
  timestamp: 0,
  latencyMs: 1,
  timeToFirstTokenMs: null,
  inputTokens: null,
  outputTokens: null,
  tokensPerSecond: null,
  costUsd: null,
  task: null,
  isStreaming: false,
});

describe('createRankingCache', () => {
  test('reuses a ranking for requirements of the same content until the TTL passes', async () => {
    const clock = createFakeClock({ now: 0 });
    const cache = createRankingCache<string>({ clock, ttlMs: 1000 });
    cache.set(models, { task: 'a' }, 'ranking');
    expect(cache.get(models, { task: 'a' })).toBe('ranking');
    expect(cache.get(models, { task: 'b' })).toBeUndefined();
    expect(cache.get([], { task: 'a' })).toBeUndefined(); // another discovery
    await clock.advance(999);
    expect(cache.get(models, { task: 'a' })).toBe('ranking');
    await clock.advance(1);
    expect(cache.get(models, { task: 'a' })).toBeUndefined();
  });

  test("a failure, or a model's first measurement, makes every ranking stale; later successes do not", () => {
    const cache = createRankingCache<string>({ clock: createFakeClock(), ttlMs: 1000 });
    cache.set(models, {}, 'first');
    cache.noteSample(sample('m', 'ok')); // first measurement of m
    expect(cache.get(models, {})).toBeUndefined();
    cache.set(models, {}, 'second');
    cache.noteSample(sample('m', 'ok'));
    expect(cache.get(models, {})).toBe('second');
    cache.noteSample(sample('m', 'rate_limit'));
    expect(cache.get(models, {})).toBeUndefined();
  });

  test('off with ttlMs 0; requirements that are not JSON are never cached', () => {
    const off = createRankingCache<string>({ clock: createFakeClock(), ttlMs: 0 });
    off.set(models, {}, 'x');
    expect(off.get(models, {})).toBeUndefined();
    const cache = createRankingCache<string>({ clock: createFakeClock(), ttlMs: 1000 });
    const odd = { n: 1n };
    cache.set(models, odd, 'x');
    expect(cache.get(models, odd)).toBeUndefined();
  });

  test('keeps at most 64 requirement shapes, dropping the oldest', () => {
    const cache = createRankingCache<number>({ clock: createFakeClock(), ttlMs: 1000 });
    for (let index = 0; index < 65; index += 1) cache.set(models, { index }, index);
    expect(cache.get(models, { index: 0 })).toBeUndefined();
    expect(cache.get(models, { index: 1 })).toBe(1);
    expect(cache.get(models, { index: 64 })).toBe(64);
  });
});
