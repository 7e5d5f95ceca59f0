import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { createMonitor, restoreMonitor } from './monitor';
import { createFakeClock } from './test-support/fake-clock';
import { OLLAMA_LLAMA, OPENROUTER_LLAMA, sampleOf } from './test-support/samples';

const T0 = 1_699_920_000_000;
const WINDOW_NAMES = ['1m', '5m', '1h', '24h'];

function setup(start = T0) {
  const clock = createFakeClock(start);
  return { clock, monitor: createMonitor({ clock }) };
}

/** The snapshot as it travels: through JSON. */
function travel<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('Monitor.snapshot', () => {
  it('writes versioned plain JSON: settings, rejected samples, and per model its totals and live buckets', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ timestamp: T0 }));
    monitor.record(sampleOf({ latencyMs: -1 }));
    expect(monitor.snapshot()).toEqual({
      format: 'modelyard.monitor-snapshot',
      version: 1,
      takenAt: T0,
      relativeAccuracy: 0.01,
      windows: [
        { name: '1m', lengthMs: 60_000, bucketCount: 12 },
        { name: '5m', lengthMs: 300_000, bucketCount: 10 },
        { name: '1h', lengthMs: 3_600_000, bucketCount: 12 },
        { name: '24h', lengthMs: 86_400_000, bucketCount: 24 },
      ],
      rejectedSamples: { latencyMs: 1 },
      evictedModelCount: 0,
      models: [
        {
          model: OPENROUTER_LLAMA,
          lastRecordedAt: T0,
          totals: [
            {
              task: 'dialogue_generation',
              outcomes: { ok: 1 },
              inputTokens: 100,
              outputTokens: 50,
              costUsd: 0.001,
              costReportedCount: 1,
              streamingCount: 1,
            },
          ],
          buckets: {
            '1m': [
              {
                bucket: T0 / 5000,
                outcomes: { ok: 1 },
                inputTokens: 100,
                outputTokens: 50,
                costUsd: 0.001,
                costReportedCount: 1,
                streamingCount: 1,
                latencyMs: { keys: [335], counts: [1], sum: 800, min: 800, max: 800 },
                timeToFirstTokenMs: { keys: [265], counts: [1], sum: 200, min: 200, max: 200 },
                tokensPerSecond: { keys: [207], counts: [1], sum: 62.5, min: 62.5, max: 62.5 },
              },
            ],
            '5m': [],
            '1h': [],
            '24h': [],
          },
        },
      ],
    });
  });

  it('writes the buckets that moved into longer windows, and null for unmeasured figures', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ outcome: 'timeout', timestamp: T0, timeToFirstTokenMs: null }));
    clock.advance(60_000);
    const snapshot = monitor.snapshot();
    const buckets = snapshot.models[0]?.buckets ?? {};
    expect(WINDOW_NAMES.map((name) => buckets[name]?.length)).toEqual([0, 1, 0, 0]);
    expect(buckets['5m']?.[0]).toMatchObject({
      bucket: T0 / 30_000,
      outcomes: { timeout: 1 },
      latencyMs: null,
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
    });
  });
});

describe('restoreMonitor and Monitor.merge', () => {
  it('restores what a monitor holds, through JSON', () => {
    const { monitor, clock } = setup();
    for (let index = 0; index < 200; index += 1) {
      clock.set(T0 + index * 20_000);
      monitor.record(
        sampleOf({
          model: index % 3 === 0 ? OLLAMA_LLAMA : OPENROUTER_LLAMA,
          outcome: index % 7 === 0 ? 'rate_limit' : 'ok',
          timestamp: clock.now(),
          latencyMs: 50 + index * 13,
          task: index % 2 === 0 ? 'summarization' : null,
        }),
      );
    }
    monitor.record(sampleOf({ costUsd: Number.NaN }));
    const restored = restoreMonitor(travel(monitor.snapshot()), { clock });
    for (const window of WINDOW_NAMES) {
      for (const model of [OLLAMA_LLAMA, OPENROUTER_LLAMA]) {
        expect(restored.modelStats(model, window)).toEqual(monitor.modelStats(model, window));
      }
    }
    expect(restored.totals()).toEqual(monitor.totals());
    expect(restored.rejectedSamples()).toEqual(monitor.rejectedSamples());
    expect(restored.snapshot()).toEqual(monitor.snapshot());
  });

  it('adds up rejected samples and evicted models', () => {
    const clock = createFakeClock(T0);
    const source = createMonitor({ clock, maxModels: 1 });
    source.record(sampleOf({ model: OLLAMA_LLAMA }));
    source.record(sampleOf({ model: OPENROUTER_LLAMA }));
    source.record(sampleOf({ latencyMs: -1 }));
    const target = createMonitor({ clock, maxModels: 1 });
    target.record(sampleOf({ model: OLLAMA_LLAMA }));
    target.record(sampleOf({ latencyMs: -2 }));
    target.merge(travel(source.snapshot()));
    expect(target.evictedModels).toBe(2);
    expect(target.rejectedSamples()).toEqual({ total: 2, byField: { latencyMs: 2 } });
  });

  it('adds a snapshot to what the monitor already holds', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ latencyMs: 100 }));
    const snapshot = travel(monitor.snapshot());
    monitor.merge(snapshot);
    monitor.merge(snapshot);
    const stats = monitor.modelStats(OPENROUTER_LLAMA, '1m');
    expect(stats?.requestCount).toBe(3);
    expect(stats?.latencyMs).toMatchObject({ count: 3, min: 100, max: 100, mean: 100 });
    expect(monitor.totals()[0]?.outcomes.ok).toBe(3);
  });

  it('keeps totals but drops buckets that have left every window by the time of restoring', () => {
    const { monitor } = setup();
    monitor.record(sampleOf());
    const later = createFakeClock(T0 + 86_400_000);
    const restored = restoreMonitor(travel(monitor.snapshot()), { clock: later });
    expect(restored.modelStats(OPENROUTER_LLAMA, '24h')?.requestCount).toBe(0);
    expect(restored.totals()[0]?.outcomes.ok).toBe(1);
  });

  it('puts a restored bucket in the shortest window that still covers it', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ timestamp: T0 }));
    const restored = restoreMonitor(travel(monitor.snapshot()), { clock: createFakeClock(T0 + 120_000) });
    const counts = WINDOW_NAMES.map((window) => restored.modelStats(OPENROUTER_LLAMA, window)?.requestCount);
    expect(counts).toEqual([0, 1, 1, 1]);
  });

  it('counts buckets from a clock ahead of its own as current ones, and keeps the later lastRecordedAt', () => {
    const ahead = setup(T0 + 600_000);
    ahead.monitor.record(sampleOf({ timestamp: T0 + 600_000 }));
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    monitor.merge(travel(ahead.monitor.snapshot()));
    expect(monitor.modelStats(OPENROUTER_LLAMA, '1m')?.requestCount).toBe(2);
    expect(monitor.snapshot().models[0]?.lastRecordedAt).toBe(T0 + 600_000);
    clock.advance(60_000);
    expect(monitor.modelStats(OPENROUTER_LLAMA, '1m')?.requestCount).toBe(0);
  });

  it('takes windows and accuracy from the snapshot unless told', () => {
    const clock = createFakeClock(T0);
    const monitor = createMonitor({
      clock,
      relativeAccuracy: 0.02,
      windows: [{ name: '10s', lengthMs: 10_000, bucketCount: 2 }],
    });
    monitor.record(sampleOf());
    const restored = restoreMonitor(travel(monitor.snapshot()), { clock });
    expect(restored.relativeAccuracy).toBe(0.02);
    expect(restored.windows).toEqual([{ name: '10s', lengthMs: 10_000, bucketCount: 2 }]);
    expect(restored.modelStats(OPENROUTER_LLAMA)?.requestCount).toBe(1);
  });

  it('refuses a snapshot of other windows or another accuracy, naming the field', () => {
    const { monitor } = setup();
    monitor.record(sampleOf());
    const snapshot = travel(monitor.snapshot());
    const other = createMonitor({ windows: [{ name: '1m', lengthMs: 60_000, bucketCount: 6 }] });
    expect(errorOf(() => other.merge(snapshot))).toMatch(/^Invalid monitor snapshot:/);
    expect(errorOf(() => createMonitor({ relativeAccuracy: 0.02 }).merge(snapshot))).toMatch(
      /^Invalid monitor snapshot:/,
    );
    expect(errorOf(() => other.merge(snapshot))).toContain(
      "windows: expected this monitor's windows (1m=60000ms/6), received 1m=60000ms/12, 5m=300000ms/10, 1h=3600000ms/12, 24h=86400000ms/24",
    );
    expect(errorOf(() => createMonitor({ relativeAccuracy: 0.02 }).merge(snapshot))).toContain(
      "relativeAccuracy: expected 0.02, this monitor's, received 0.01",
    );
    expect(errorOf(() => restoreMonitor(snapshot, { relativeAccuracy: 0.05 }))).toContain('relativeAccuracy');
  });

  it.each([
    ['not an object', () => 'snapshot', '(root): expected an object'],
    [
      'another format',
      (s: Record<string, unknown>) => ({ ...s, format: 'other' }),
      'format: expected one of "modelyard.monitor-snapshot"',
    ],
    [
      'another version',
      (s: Record<string, unknown>) => ({ ...s, version: 2 }),
      'version: expected one of 1, received 2',
    ],
    [
      'a missing model list',
      (s: Record<string, unknown>) => ({ ...s, models: undefined }),
      'models: expected an array',
    ],
    [
      'a bad provider id',
      (s: Record<string, unknown>) => ({
        ...s,
        models: [{ ...firstModel(s), model: { providerId: 'A B', modelId: 'x' } }],
      }),
      'models[0].model.providerId: expected a provider id',
    ],
    [
      'a key out of range',
      (s: Record<string, unknown>) =>
        withBucket(s, { latencyMs: { keys: [5000], counts: [1], sum: 1, min: 1, max: 1 } }),
      'models[0].buckets["1m"][0].latencyMs.keys[0]: expected a number ≤ 1037, received 5000',
    ],
    [
      'an unknown outcome',
      (s: Record<string, unknown>) => withBucket(s, { outcomes: { fine: 1 } }),
      'models[0].buckets["1m"][0].outcomes: expected only known fields, received unknown field "fine"',
    ],
    [
      'a negative count',
      (s: Record<string, unknown>) => withBucket(s, { streamingCount: -1 }),
      'models[0].buckets["1m"][0].streamingCount: expected a number ≥ 0, received -1',
    ],
    [
      'a fractional bucket number',
      (s: Record<string, unknown>) => withBucket(s, { bucket: 1.5 }),
      'models[0].buckets["1m"][0].bucket: expected an integer',
    ],
    [
      'a missing window',
      (s: Record<string, unknown>) => ({ ...s, models: [{ ...firstModel(s), buckets: {} }] }),
      'models[0].buckets["1m"]: expected an array',
    ],
    [
      'an unknown rejected field',
      (s: Record<string, unknown>) => ({ ...s, rejectedSamples: { speed: 1 } }),
      'rejectedSamples: expected only known fields, received unknown field "speed"',
    ],
    [
      'a negative evicted count',
      (s: Record<string, unknown>) => ({ ...s, evictedModelCount: -1 }),
      'evictedModelCount: expected a number ≥ 0',
    ],
  ])('refuses %s, naming the field, and merges nothing', (_label, change, message) => {
    const { monitor } = setup();
    monitor.record(sampleOf());
    const snapshot = travel(monitor.snapshot()) as unknown as Record<string, unknown>;
    const target = setup().monitor;
    expect(errorOf(() => target.merge(change(snapshot)))).toContain(message);
    expect(errorOf(() => target.merge(change(snapshot)))).toMatch(/^Invalid monitor snapshot:/);
    expect(target.models()).toEqual([]);
    expect(errorOf(() => restoreMonitor(change(snapshot)))).toMatch(/^Invalid monitor snapshot:/);
  });
});

function firstModel(snapshot: Record<string, unknown>): Record<string, unknown> {
  return (snapshot.models as Record<string, unknown>[])[0] as Record<string, unknown>;
}

function withBucket(snapshot: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const model = firstModel(snapshot);
  const buckets = model.buckets as Record<string, Record<string, unknown>[]>;
  return {
    ...snapshot,
    models: [{ ...model, buckets: { ...buckets, '1m': [{ ...(buckets['1m']?.[0] ?? {}), ...change }] } }],
  };
}
