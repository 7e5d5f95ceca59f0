import { ConfigError, MemoryStateStore } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, it } from 'vitest';
import { createFallbackRunner } from './fallback-runner';
import { createHarness, request } from './test-support/harness';

function configMessage(options: unknown): string {
  try {
    createFallbackRunner(options as never);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createFallbackRunner options', () => {
  it('applies TTA’s defaults', () => {
    expect(createFallbackRunner().settings).toEqual({
      strategy: 'ranked',
      maxRetries: 3,
      maxAttempts: null,
      retryDelayMs: 500,
      maxRetryDelayMs: 10_000,
      maxRetryAfterMs: 30_000,
      exclusionWindowMs: 60_000,
      maxErrorRate: 0.5,
      preferDifferentProvider: true,
      fallbackOnContentFilter: true,
      restartStreamOnFailure: false,
      expectedOutputTokens: 500,
      breaker: {
        enabled: true,
        failureThreshold: 5,
        windowMs: 60_000,
        minimumSamples: 10,
        cooldownMs: 30_000,
        halfOpenProbes: 1,
      },
      timeouts: { totalMs: null, attemptMs: null, firstTokenMs: null, idleMs: null },
      keyPrefix: 'fallback/',
    });
  });

  it('keeps 0 as a value', () => {
    const { settings } = createFallbackRunner({
      maxRetries: 0,
      retryDelayMs: 0,
      exclusionWindowMs: 0,
      maxErrorRate: 0,
      timeouts: { totalMs: 0 },
      breaker: { cooldownMs: 0 },
    });
    expect(settings).toMatchObject({
      maxRetries: 0,
      retryDelayMs: 0,
      exclusionWindowMs: 0,
      maxErrorRate: 0,
      timeouts: { totalMs: 0, attemptMs: null },
      breaker: { cooldownMs: 0, failureThreshold: 5 },
    });
  });

  it('names every bad option', () => {
    expect(
      configMessage({
        strategy: 'fastest',
        maxRetries: -1,
        maxAttempts: 0,
        maxErrorRate: 1.5,
        retryDelayMs: Number.NaN,
        breaker: { failureThreshold: 0, minimumSamples: 0.5, windowMs: 0 },
        timeouts: { idleMs: -5 },
        clock: { now: () => 0 },
        hooks: { onAttempt: 'log' },
        maxRetry: 3,
      }),
    ).toBe(
      [
        'Invalid fallback options:',
        '  - strategy: expected one of "ranked", "performance", "cost", "availability", received "fastest"',
        '  - maxRetries: expected a number ≥ 0, received -1',
        '  - maxAttempts: expected a number ≥ 1, received 0',
        '  - retryDelayMs: expected a number, received NaN',
        '  - maxErrorRate: expected a number ≤ 1, received 1.5',
        '  - breaker.failureThreshold: expected a number ≥ 1, received 0',
        '  - breaker.windowMs: expected a number > 0, received 0',
        '  - breaker.minimumSamples: expected an integer, received 0.5',
        '  - timeouts.idleMs: expected a number ≥ 0, received -5',
        '  - clock: expected a Clock: { now(), sleep(ms, signal) }, received an object',
        '  - hooks.onAttempt: expected a function, received "log"',
        '  - (root): expected only known fields, received unknown field "maxRetry"',
      ].join('\n'),
    );
  });

  it('checks every injected service by shape', () => {
    expect(
      configMessage({
        random: 0.5,
        stateStore: { get: () => undefined },
        metricsSink: {},
        statsSource: [],
        logger: console.log,
      }),
    ).toBe(
      [
        'Invalid fallback options:',
        '  - random: expected a function returning a number in [0, 1), received 0.5',
        '  - stateStore: expected a StateStore: { get, set, delete, keys }, received an object',
        '  - metricsSink: expected a MetricsSink: { record(sample) }, received an object',
        '  - statsSource: expected a PerformanceStatsSource: { getModelStats(model) }, received an array of 0',
        '  - logger: expected a Logger: { debug, info, warn, error }, received a function',
      ].join('\n'),
    );
  });

  it('reads expectedOutputTokens, and rejects a missing clock', () => {
    expect(createFallbackRunner({ expectedOutputTokens: 250 }).settings.expectedOutputTokens).toBe(250);
    expect(configMessage({ expectedOutputTokens: -1, clock: null })).toBe(
      [
        'Invalid fallback options:',
        '  - expectedOutputTokens: expected a number ≥ 0, received -1',
        '  - clock: expected a Clock: { now(), sleep(ms, signal) }, received null',
      ].join('\n'),
    );
  });

  it('the performance strategy needs a stats source', () => {
    expect(configMessage({ strategy: 'performance' })).toBe(
      'Invalid fallback options:\n  - statsSource: expected a PerformanceStatsSource, because strategy is "performance", received nothing (undefined)',
    );
    expect(
      createFallbackRunner({ strategy: 'performance', statsSource: { getModelStats: () => undefined } }).settings
        .strategy,
    ).toBe('performance');
  });
});

describe('FallbackRunner breaker state', () => {
  it('reports model and provider breakers, shared through the state store', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: true });
    const stateStore = new MemoryStateStore({ clock });
    const options = { clock, stateStore, maxRetries: 0, breaker: { failureThreshold: 1, cooldownMs: 1_000 } };
    const { runner, model } = createHarness(options);
    const failing = model('p1/a', [{ error: { kind: 'unavailable' } }]);
    await expect(runner.generate(request, [failing])).rejects.toMatchObject({ kind: 'unavailable' });
    const other = createFallbackRunner(options);
    expect(await other.modelBreakerState(failing.identity)).toBe('open');
    expect(await other.providerBreakerState('p1')).toBe('open');
    expect(await other.providerBreakerState('p2')).toBe('closed');
    expect(await other.modelBreakerState({ providerId: 'p1', modelId: 'b' })).toBe('closed');
    expect(await stateStore.keys('fallback/')).toEqual(['fallback/model/p1/a', 'fallback/provider/p1']);
  });

  it('a one-candidate run reads the store 4 times and writes it twice; a longer list reads each health first', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: true });
    const inner = new MemoryStateStore({ clock });
    const counts = { get: 0, set: 0 };
    const stateStore = {
      get: <Value>(key: string) => {
        counts.get += 1;
        return inner.get<Value>(key);
      },
      set: <Value>(key: string, value: Value) => {
        counts.set += 1;
        return inner.set(key, value);
      },
      delete: (key: string) => inner.delete(key),
      keys: (prefix?: string) => inner.keys(prefix),
    };
    const { runner, model } = createHarness({ clock, stateStore });
    await runner.generate(request, [model('p1/a')]);
    expect(counts).toEqual({ get: 4, set: 2 });
    await runner.generate(request, [model('p1/a'), model('p1/b')]);
    expect(counts).toEqual({ get: 10, set: 4 });
  });

  it('writes under its key prefix', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: true });
    const stateStore = new MemoryStateStore({ clock });
    const { runner, model } = createHarness({ clock, stateStore, keyPrefix: 'tenant-1:' });
    await runner.generate(request, [model('p1/a')]);
    expect(await stateStore.keys()).toEqual(['tenant-1:model/p1/a', 'tenant-1:provider/p1']);
  });
});
