import { ConfigError, ERROR_KINDS } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { createMonitor } from './monitor';
import { keyOf, keyValue, sketchMapping } from './sketch-mapping';
import { createFakeClock } from './test-support/fake-clock';
import { OLLAMA_LLAMA, OPENROUTER_LLAMA, sampleOf } from './test-support/samples';

// Midnight UTC: every default bucket width (5 s, 30 s, 5 min, 1 h) divides it.
const T0 = 1_699_920_000_000;
const mapping = sketchMapping(0.01);
const readBack = (value: number) => keyValue(mapping, keyOf(mapping, value));

function setup() {
  const clock = createFakeClock(T0);
  return { clock, monitor: createMonitor({ clock }) };
}

const noErrors = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0]));

describe('Monitor: counts and rates', () => {
  it('counts attempts by outcome, and sums tokens, known costs and streams', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ latencyMs: 100, inputTokens: 10, outputTokens: 1, costUsd: 0.25 }));
    monitor.record(sampleOf({ latencyMs: 200, inputTokens: 20, outputTokens: 2, costUsd: null, isStreaming: false }));
    monitor.record(sampleOf({ latencyMs: 300, inputTokens: null, outputTokens: null, costUsd: 0.5 }));
    monitor.record(sampleOf({ outcome: 'rate_limit', latencyMs: 5, inputTokens: 40, costUsd: 0 }));
    monitor.record(sampleOf({ outcome: 'timeout', latencyMs: 30_000, timeToFirstTokenMs: null, costUsd: null }));
    const stats = monitor.modelStats(OPENROUTER_LLAMA, '1m');
    expect(stats).toMatchObject({
      window: '1m',
      windowMs: 60_000,
      requestCount: 5,
      successCount: 3,
      errorCount: 2,
      errorsByKind: { ...noErrors, rate_limit: 1, timeout: 1 },
      successRate: 0.6,
      inputTokens: 10 + 20 + 40 + 100,
      outputTokens: 1 + 2 + 50 + 50,
      costUsd: 0.75,
      costReportedCount: 3,
      streamingCount: 4,
    });
  });

  it('summarizes the latency, time to first token and tokens/s of successful attempts only', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ latencyMs: 100, timeToFirstTokenMs: 10, tokensPerSecond: 40 }));
    monitor.record(sampleOf({ latencyMs: 200, timeToFirstTokenMs: null, tokensPerSecond: 60 }));
    monitor.record(sampleOf({ latencyMs: 300, timeToFirstTokenMs: 30, tokensPerSecond: null }));
    monitor.record(sampleOf({ outcome: 'unavailable', latencyMs: 90_000, timeToFirstTokenMs: 1, tokensPerSecond: 1 }));
    const stats = monitor.modelStats(OPENROUTER_LLAMA, '1m');
    expect(stats?.latencyMs).toEqual({
      count: 3,
      p50: readBack(200),
      p90: readBack(200),
      p95: readBack(200),
      p99: readBack(200),
      min: 100,
      max: 300,
      mean: 200,
    });
    // Of two values, every quantile below 1 is the lower one (rank ⌊q·1⌋ = 0), read back from its bin.
    const [ten, forty] = [readBack(10), readBack(40)];
    expect(stats?.timeToFirstTokenMs).toEqual({
      count: 2,
      p50: ten,
      p90: ten,
      p95: ten,
      p99: ten,
      min: 10,
      max: 30,
      mean: 20,
    });
    expect(stats?.tokensPerSecond).toEqual({
      count: 2,
      p50: forty,
      p90: forty,
      p95: forty,
      p99: forty,
      min: 40,
      max: 60,
      mean: 50,
    });
  });

  it('answers p50/p90/p95/p99 of 1…1000 ms within 1%', () => {
    const { monitor } = setup();
    for (let latency = 1; latency <= 1000; latency += 1) monitor.record(sampleOf({ latencyMs: latency }));
    const latency = monitor.modelStats(OPENROUTER_LLAMA, '1m')?.latencyMs;
    // Ranks ⌊q·999⌋: 499, 899, 949, 989 → values 500, 900, 950, 990.
    for (const [answer, exact] of [
      [latency?.p50, 500],
      [latency?.p90, 900],
      [latency?.p95, 950],
      [latency?.p99, 990],
    ] as const) {
      expect(Math.abs((answer as number) - exact)).toBeLessThanOrEqual(0.01 * exact);
    }
    expect(latency?.count).toBe(1000);
    expect(latency?.mean).toBe(500.5);
  });

  it('has no figures and no rates for a window without attempts', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf());
    clock.advance(86_400_000);
    expect(monitor.modelStats(OPENROUTER_LLAMA, '24h')).toEqual({
      window: '24h',
      windowMs: 86_400_000,
      requestCount: 0,
      successCount: 0,
      errorCount: 0,
      errorsByKind: noErrors,
      successRate: null,
      latencyMs: null,
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      costReportedCount: 0,
      streamingCount: 0,
    });
  });

  it('records a latency of 0 and a cost of 0 as values', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ latencyMs: 0, costUsd: 0 }));
    const stats = monitor.modelStats(OPENROUTER_LLAMA, '1m');
    expect(stats?.latencyMs?.p50).toBe(0);
    expect(stats?.costReportedCount).toBe(1);
  });
});

describe('Monitor: sliding windows', () => {
  const counts = (monitor: ReturnType<typeof createMonitor>) =>
    ['1m', '5m', '1h', '24h'].map((window) => monitor.modelStats(OPENROUTER_LLAMA, window)?.requestCount);

  it('keeps a sample in each window for its length from the start of its bucket', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ timestamp: T0 }));
    for (const [at, expected] of [
      [59_999, [1, 1, 1, 1]],
      [60_000, [0, 1, 1, 1]],
      [299_999, [0, 1, 1, 1]],
      [300_000, [0, 0, 1, 1]],
      [3_599_999, [0, 0, 1, 1]],
      [3_600_000, [0, 0, 0, 1]],
      [86_399_999, [0, 0, 0, 1]],
      [86_400_000, [0, 0, 0, 0]],
    ] as const) {
      clock.set(T0 + at);
      expect(counts(monitor), `at +${at} ms`).toEqual(expected);
    }
  });

  it('lets a sample from late in a bucket leave with its bucket', () => {
    const { monitor, clock } = setup();
    clock.set(T0 + 4999);
    monitor.record(sampleOf({ timestamp: T0 + 4999 }));
    clock.set(T0 + 5000);
    monitor.record(sampleOf({ timestamp: T0 + 5000 }));
    clock.set(T0 + 59_999);
    expect(counts(monitor)).toEqual([2, 2, 2, 2]);
    clock.set(T0 + 60_000);
    expect(counts(monitor)).toEqual([1, 2, 2, 2]);
    clock.set(T0 + 64_999);
    expect(counts(monitor)).toEqual([1, 2, 2, 2]);
    clock.set(T0 + 65_000);
    expect(counts(monitor)).toEqual([0, 2, 2, 2]);
  });

  it('places a sample by its timestamp, so an old one skips the windows it has already left', () => {
    const { monitor, clock } = setup();
    clock.set(T0 + 120_000);
    monitor.record(sampleOf({ timestamp: T0 }));
    expect(counts(monitor)).toEqual([0, 1, 1, 1]);
    monitor.record(sampleOf({ timestamp: T0 - 86_400_000 }));
    expect(counts(monitor)).toEqual([0, 1, 1, 1]);
    expect(monitor.totals()[0]?.outcomes.ok).toBe(2);
  });

  it('counts a timestamp ahead of the clock as now', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ timestamp: T0 + 86_400_000 }));
    clock.set(T0 + 60_000);
    expect(counts(monitor)).toEqual([0, 1, 1, 1]);
  });

  it('keeps everything a window holds while samples move into longer windows', () => {
    const { monitor, clock } = setup();
    for (let second = 0; second < 600; second += 1) {
      clock.set(T0 + second * 1000);
      monitor.record(sampleOf({ timestamp: T0 + second * 1000, latencyMs: second + 1 }));
    }
    // At 599 s the current 5 s bucket is 119: 1m holds buckets 108–119 (seconds 540–599);
    // the current 30 s bucket is 19: 5m holds buckets 10–19 (seconds 300–599).
    expect(counts(monitor)).toEqual([60, 300, 600, 600]);
    const hour = monitor.modelStats(OPENROUTER_LLAMA, '1h')?.latencyMs;
    expect(hour?.min).toBe(1);
    expect(hour?.max).toBe(600);
    expect(hour?.mean).toBe(300.5);
  });
});

describe('Monitor: the selector view (PerformanceStatsSource)', () => {
  it('reads the 5-minute window by default: count, success rate, p50/p95, median tokens/s', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ latencyMs: 100, timeToFirstTokenMs: 20, tokensPerSecond: 30 }));
    monitor.record(sampleOf({ outcome: 'timeout', latencyMs: 60_000 }));
    clock.advance(120_000);
    expect(monitor.statsWindow).toBe('5m');
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toEqual({
      sampleCount: 2,
      successRate: 0.5,
      latencyMs: { p50: 100, p95: 100 },
      timeToFirstTokenMs: { p50: 20, p95: 20 },
      tokensPerSecond: 30,
      windowMs: 300_000,
    });
  });

  it('has null figures when no attempt succeeded, and nothing for a model without attempts in the window', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ outcome: 'auth' }));
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toEqual({
      sampleCount: 1,
      successRate: 0,
      latencyMs: null,
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
      windowMs: 300_000,
    });
    expect(monitor.getModelStats(OLLAMA_LLAMA)).toBeUndefined();
    clock.advance(300_000);
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toBeUndefined();
  });

  it('answers with the same frozen object until a sample lands, a snapshot merges or a bucket starts', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ latencyMs: 100 }));
    const first = monitor.getModelStats(OPENROUTER_LLAMA);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.latencyMs)).toBe(true);
    // Within the same 5 s bucket of the shortest window, nothing changed: the same object.
    clock.advance(4999);
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toBe(first);
    monitor.record(sampleOf({ latencyMs: 300 }));
    const second = monitor.getModelStats(OPENROUTER_LLAMA);
    expect(second).not.toBe(first);
    expect(second?.sampleCount).toBe(2);
    expect(second?.latencyMs?.p50).toBe(readBack(100));
    // A new bucket: recomputed (same figures, still inside the window).
    clock.advance(1);
    const third = monitor.getModelStats(OPENROUTER_LLAMA);
    expect(third).not.toBe(second);
    expect(third).toEqual(second);
    const other = createMonitor({ clock });
    other.record(sampleOf({ latencyMs: 200 }));
    monitor.merge(other.snapshot());
    expect(monitor.getModelStats(OPENROUTER_LLAMA)?.sampleCount).toBe(3);
  });

  it('lets a cached view expire with its window', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf());
    expect(monitor.getModelStats(OPENROUTER_LLAMA)?.sampleCount).toBe(1);
    clock.advance(299_999);
    expect(monitor.getModelStats(OPENROUTER_LLAMA)?.sampleCount).toBe(1);
    clock.advance(1);
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toBeUndefined();
    expect(monitor.getModelStats(OPENROUTER_LLAMA)).toBeUndefined();
  });

  it('reads the window it is told to', () => {
    const clock = createFakeClock(T0);
    const monitor = createMonitor({ clock, statsWindow: '1m' });
    monitor.record(sampleOf());
    expect(monitor.getModelStats(OPENROUTER_LLAMA)?.windowMs).toBe(60_000);
  });
});

describe('Monitor: bad samples', () => {
  it('counts a bad sample as rejected, by field, and nowhere else', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ latencyMs: -1 }));
    monitor.record(sampleOf({ latencyMs: Number.NaN }));
    monitor.record(sampleOf({ costUsd: Number.POSITIVE_INFINITY }));
    monitor.record(sampleOf({ model: { providerId: 'Not Valid', modelId: 'x' } }));
    monitor.record(sampleOf({ model: { providerId: 'ollama', modelId: '' } }));
    monitor.record(null as never);
    expect(monitor.rejectedSamples()).toEqual({
      total: 6,
      byField: { latencyMs: 2, costUsd: 1, 'model.providerId': 1, 'model.modelId': 1, sample: 1 },
    });
    expect(monitor.models()).toEqual([]);
    expect(monitor.summary().overall.requestCount).toBe(0);
    expect(monitor.summary().rejectedSampleCount).toBe(6);
  });

  it('never throws, whatever it is given', () => {
    const { monitor } = setup();
    for (const garbage of [undefined, 3, 'sample', [], {}, { model: {} }]) {
      expect(() => monitor.record(garbage as never)).not.toThrow();
    }
    expect(monitor.rejectedSamples().total).toBe(6);
  });

  it('starts with nothing rejected', () => {
    expect(setup().monitor.rejectedSamples()).toEqual({ total: 0, byField: {} });
  });
});

describe('Monitor: windows and options', () => {
  it('refuses an unknown window, naming it', () => {
    const { monitor } = setup();
    expect(() => monitor.modelStats(OPENROUTER_LLAMA, '2m')).toThrow(ConfigError);
    expect(() => monitor.providerStats('openrouter', '2m')).toThrow(
      'window: expected one of "1m", "5m", "1h", "24h", received "2m"',
    );
    expect(() => monitor.summary('2m')).toThrow(ConfigError);
    expect(() => monitor.window('2m')).toThrow(/^Invalid window:/);
    expect(() => monitor.listModelStats('2m')).toThrow(ConfigError);
    expect(monitor.window('1h')).toEqual({ name: '1h', lengthMs: 3_600_000, bucketCount: 12 });
  });

  it('keeps its windows shortest first, and reads the first as stats window when there is no 5m', () => {
    const monitor = createMonitor({
      windows: [
        { name: 'minute', lengthMs: 60_000, bucketCount: 6 },
        { name: 'ten-seconds', lengthMs: 10_000, bucketCount: 5 },
      ],
    });
    expect(monitor.windows.map((window) => window.name)).toEqual(['ten-seconds', 'minute']);
    expect(monitor.statsWindow).toBe('ten-seconds');
    expect(Object.isFrozen(monitor.windows[0])).toBe(true);
  });

  it('uses the defaults: systemClock, 4 windows, 1% accuracy, 5m for the selector', () => {
    const monitor = createMonitor();
    expect(monitor.windows.map((window) => window.name)).toEqual(['1m', '5m', '1h', '24h']);
    expect(monitor.relativeAccuracy).toBe(0.01);
    monitor.record(sampleOf({ timestamp: Date.now() }));
    expect(monitor.modelStats(OPENROUTER_LLAMA, '1m')?.requestCount).toBe(1);
  });

  it.each([
    [{ maxModels: 0 }, 'maxModels: expected a number ≥ 1, received 0'],
    [{ maxTasksPerModel: 257 }, 'maxTasksPerModel: expected a number ≤ 256, received 257'],
    [{ relativeAccuracy: 0.5 }, 'relativeAccuracy: expected a number ≤ 0.1, received 0.5'],
    [{ statsWindow: '2m' }, 'statsWindow: expected the name of a window ("1m", "5m", "1h", "24h"), received "2m"'],
    [{ clock: { now: 5 } }, 'clock: expected a Clock (an object with a now() method)'],
    [{ windows: [] }, 'windows: expected ≥ 1 items'],
    [{ window: '5m' }, 'unknown field "window"'],
  ])('refuses %j', (options, message) => {
    expect(() => createMonitor(options as never)).toThrow(message);
    expect(() => createMonitor(options as never)).toThrow(/^Invalid monitor options:/);
  });

  it('keeps no timer: the process may exit while it lives', () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    const monitor = createMonitor();
    monitor.record(sampleOf({ timestamp: Date.now() }));
    monitor.summary();
    monitor.snapshot();
    expect(timers()).toBe(before);
  });
});
