import type { CallSample } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_LIST_LIMIT } from './bucket-store';
import { GROWTH_SLACK } from './dense-bins';
import { ModelEntry } from './model-entry';
import { createMonitor, type Monitor } from './monitor';
import { sketchMapping } from './sketch-mapping';
import { createFakeClock } from './test-support/fake-clock';
import { sampleArbitrary } from './test-support/samples';
import type { WindowStats } from './window-stats';

const T0 = 1_699_920_000_000;
const WINDOWS = ['1m', '5m', '1h', '24h'];

/** One recorded call: the clock moves by `delayMs`, the sample ended `lagMs` before that. */
const eventArbitrary = fc.record({
  delayMs: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 900_000 })),
  lagMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400_000 })),
  toFirst: fc.boolean(),
  sample: sampleArbitrary(0, 0),
});

/** Stats with float sums rounded, so that addition order does not matter. */
function comparable(stats: WindowStats | undefined) {
  if (stats === undefined) return undefined;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const summary = (figures: WindowStats['latencyMs']) =>
    figures === null ? null : { ...figures, mean: round(figures.mean) };
  return {
    ...stats,
    costUsd: round(stats.costUsd),
    latencyMs: summary(stats.latencyMs),
    timeToFirstTokenMs: summary(stats.timeToFirstTokenMs),
    tokensPerSecond: summary(stats.tokensPerSecond),
  };
}

describe('Monitor properties', () => {
  it('merging the snapshot of one monitor into another equals recording both streams in one', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 120 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (events, pause) => {
          const clocks = [createFakeClock(T0), createFakeClock(T0), createFakeClock(T0)];
          const [whole, first, second] = clocks.map((clock) => createMonitor({ clock })) as [Monitor, Monitor, Monitor];
          let now = T0;
          for (const event of events) {
            now += event.delayMs;
            for (const clock of clocks) clock.set(now);
            const sample: CallSample = { ...event.sample, timestamp: now - event.lagMs };
            whole.record(sample);
            (event.toFirst ? first : second).record(sample);
          }
          for (const clock of clocks) clock.set(now + pause);
          first.merge(JSON.parse(JSON.stringify(second.snapshot())));
          expect(first.models()).toEqual(whole.models());
          for (const model of whole.models()) {
            for (const window of WINDOWS) {
              expect(comparable(first.modelStats(model, window))).toEqual(comparable(whole.modelStats(model, window)));
            }
          }
          const roundTotals = (monitor: Monitor) =>
            monitor.totals().map((row) => ({ ...row, costUsd: Math.round(row.costUsd * 1e6) }));
          expect(roundTotals(first)).toEqual(roundTotals(whole));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts every valid sample in the totals, and in a window exactly those whose bucket it still covers', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 150 }), (events) => {
        const clock = createFakeClock(T0);
        const monitor = createMonitor({ clock });
        let now = T0;
        const times: number[] = [];
        for (const event of events) {
          now += event.delayMs;
          clock.set(now);
          const timestamp = now - event.lagMs;
          times.push(timestamp);
          monitor.record({ ...event.sample, timestamp });
        }
        const total = monitor
          .totals()
          .reduce((sum, row) => sum + Object.values(row.outcomes).reduce((a, b) => a + b, 0), 0);
        expect(total).toBe(events.length);
        for (const definition of monitor.windows) {
          const width = definition.lengthMs / definition.bucketCount;
          const current = Math.floor(now / width);
          const expected = times.filter((time) => Math.floor(time / width) > current - definition.bucketCount).length;
          expect(monitor.summary(definition.name).overall.requestCount).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the memory of a model bounded whatever the volume: fixed slots, bounded bins', () => {
    const mapping = sketchMapping(0.01);
    const windows = createMonitor().windows;
    const binsPerMeasure = mapping.maxKey - mapping.zeroKey + 1 + 2 * GROWTH_SLACK;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 86_400_000 }), sampleArbitrary(0, 0)), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 80 }),
        (events, repeat) => {
          const entry = new ModelEntry(
            events[0]?.[1].model ?? { providerId: 'x', modelId: 'y' },
            windows,
            mapping.zeroKey,
            T0,
          );
          let now = T0;
          for (const [delay, sample] of events) {
            now += delay;
            for (let round = 0; round < repeat; round += 1)
              entry.record({ ...sample, timestamp: now }, now, mapping, 32);
          }
          entry.levels.settle(now);
          entry.levels.rings.forEach((ring, level) => {
            expect(ring.bucketNumbers.length).toBe(windows[level]?.bucketCount);
            expect(ring.stores.length).toBe(windows[level]?.bucketCount);
            for (const store of ring.stores) {
              expect(store?.size ?? 0).toBeLessThanOrEqual(Math.max(BUCKET_LIST_LIMIT, 3 * binsPerMeasure));
            }
          });
          expect(entry.totals.size).toBeLessThanOrEqual(32 + 2);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never tracks more models than maxModels', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ providerId: fc.constantFrom('a', 'b', 'c'), modelId: fc.string({ minLength: 1, maxLength: 3 }) }),
          {
            maxLength: 80,
          },
        ),
        fc.integer({ min: 1, max: 10 }),
        (models, maxModels) => {
          const monitor = createMonitor({ clock: createFakeClock(T0), maxModels });
          for (const model of models) monitor.record({ ...sampleBase, model });
          expect(monitor.modelCount).toBeLessThanOrEqual(maxModels);
          expect(monitor.models()).toHaveLength(monitor.modelCount);
          const distinct = new Set(models.map((model) => `${model.providerId}/${model.modelId}`)).size;
          expect(monitor.modelCount + monitor.evictedModels).toBeGreaterThanOrEqual(distinct);
        },
      ),
    );
  });
});

const sampleBase: CallSample = {
  model: { providerId: 'a', modelId: 'b' },
  outcome: 'ok',
  timestamp: T0,
  latencyMs: 10,
  timeToFirstTokenMs: null,
  inputTokens: null,
  outputTokens: null,
  tokensPerSecond: null,
  costUsd: null,
  task: null,
  isStreaming: false,
};
