import { BucketStore } from './bucket-store';
import {
  COST_REPORTED,
  COST_USD,
  COUNTER_COUNT,
  INPUT_TOKENS,
  MEASURE_MAX,
  MEASURE_MIN,
  MEASURE_SUM,
  MEASURES,
  measureStart,
  OUTCOMES,
  OUTPUT_TOKENS,
  type Outcome,
  STREAMED,
} from './counter-layout';
import { DenseBins } from './dense-bins';
import type { ModelEntry } from './model-entry';
import type { QuantileSketchJson } from './sketch-json';
import type { BucketSnapshot, CounterSnapshot, ModelSnapshot } from './snapshot-schema';
import type { WindowDefinition } from './window-options';
import type { WindowRing } from './window-ring';

function writeCounters(counters: Float64Array, base: number): CounterSnapshot {
  const outcomes: Partial<Record<Outcome, number>> = {};
  OUTCOMES.forEach((outcome, index) => {
    const value = counters[base + index] as number;
    if (value > 0) outcomes[outcome] = value;
  });
  return {
    outcomes,
    inputTokens: counters[base + INPUT_TOKENS] as number,
    outputTokens: counters[base + OUTPUT_TOKENS] as number,
    costUsd: counters[base + COST_USD] as number,
    costReportedCount: counters[base + COST_REPORTED] as number,
    streamingCount: counters[base + STREAMED] as number,
  };
}

function readCounters(snapshot: CounterSnapshot, counters: Float64Array, base: number): void {
  const add = (index: number, value: number) => {
    counters[base + index] = (counters[base + index] as number) + value;
  };
  OUTCOMES.forEach((outcome, index) => {
    add(index, snapshot.outcomes[outcome] ?? 0);
  });
  add(INPUT_TOKENS, snapshot.inputTokens);
  add(OUTPUT_TOKENS, snapshot.outputTokens);
  add(COST_USD, snapshot.costUsd);
  add(COST_REPORTED, snapshot.costReportedCount);
  add(STREAMED, snapshot.streamingCount);
}

function writeBucket(ring: WindowRing, slot: number, bucket: number): BucketSnapshot {
  const base = slot * COUNTER_COUNT;
  const bins = MEASURES.map(() => new DenseBins());
  ring.stores[slot]?.forEach((measure, key, count) => {
    (bins[measure] as DenseBins).add(key, count);
  });
  const sketch = (measure: number): QuantileSketchJson | null => {
    const start = base + measureStart(measure);
    if (ring.counters[start] === 0) return null;
    const keys: number[] = [];
    const counts: number[] = [];
    (bins[measure] as DenseBins).forEach((key, count) => {
      keys.push(key);
      counts.push(count);
    });
    const figure = (offset: number) => ring.counters[start + offset] as number;
    return { keys, counts, sum: figure(MEASURE_SUM), min: figure(MEASURE_MIN), max: figure(MEASURE_MAX) };
  };
  return {
    bucket,
    ...writeCounters(ring.counters, base),
    latencyMs: sketch(0),
    timeToFirstTokenMs: sketch(1),
    tokensPerSecond: sketch(2),
  };
}

function readBucket(snapshot: BucketSnapshot, zeroKey: number): [Float64Array, BucketStore | undefined] {
  const counters = new Float64Array(COUNTER_COUNT);
  readCounters(snapshot, counters, 0);
  let store: BucketStore | undefined;
  MEASURES.forEach((field, measure) => {
    const sketch = snapshot[field];
    if (sketch === null || sketch.min === null || sketch.max === null) return;
    store ??= new BucketStore(zeroKey);
    let count = 0;
    sketch.keys.forEach((key, index) => {
      const binCount = sketch.counts[index] as number;
      (store as BucketStore).addCount(measure, key, binCount);
      count += binCount;
    });
    const start = measureStart(measure);
    counters[start] = count;
    counters[start + MEASURE_SUM] = sketch.sum;
    counters[start + MEASURE_MIN] = sketch.min;
    counters[start + MEASURE_MAX] = sketch.max;
  });
  return [counters, store];
}

/** The snapshot of one model: its totals and its live buckets per window. Settle the model first. */
export function writeModelSnapshot(
  entry: ModelEntry,
  windows: readonly WindowDefinition[],
  now: number,
): ModelSnapshot {
  const buckets: Record<string, BucketSnapshot[]> = {};
  windows.forEach((window, level) => {
    const written: BucketSnapshot[] = [];
    entry.levels.forEachLevelSlot(level, now, (ring, slot, bucket) => {
      written.push(writeBucket(ring, slot, bucket));
    });
    buckets[window.name] = written;
  });
  return {
    model: { ...entry.identity },
    lastRecordedAt: entry.lastRecordedAt,
    totals: [...entry.totals].map(([task, counters]) => ({ task, ...writeCounters(counters, 0) })),
    buckets,
  };
}

/**
 * Adds a validated model snapshot to `entry`. A bucket goes to the shortest window that still
 * covers it at `now` (ms), or nowhere when none does; a bucket ahead of `now` (a writer whose
 * clock ran ahead) counts as the current one.
 */
export function mergeModelSnapshot(
  entry: ModelEntry,
  snapshot: ModelSnapshot,
  windows: readonly WindowDefinition[],
  now: number,
  maxTasks: number,
  zeroKey: number,
): void {
  entry.lastRecordedAt = Math.max(entry.lastRecordedAt, snapshot.lastRecordedAt);
  entry.revision += 1;
  for (const totals of snapshot.totals) readCounters(totals, entry.totalsFor(totals.task, maxTasks), 0);
  windows.forEach((window, level) => {
    const bucketMs = window.lengthMs / window.bucketCount;
    for (const bucket of snapshot.buckets[window.name] as BucketSnapshot[]) {
      const [counters, store] = readBucket(bucket, zeroKey);
      entry.levels.deposit(level, bucket.bucket * bucketMs, now, counters, 0, store);
    }
  });
}
