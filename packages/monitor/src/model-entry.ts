import { type CallSample, formatModelKey, type ModelIdentity, type ModelPerformanceStats } from '@modelyard/core';
import {
  COUNTER_COUNT,
  countMeasure,
  countSample,
  FIRST_TOKEN,
  LATENCY,
  outcomeIndex,
  TOKENS_PER_SECOND,
} from './counter-layout';
import { keyOf, type SketchMapping } from './sketch-mapping';
import { WindowLevels } from './window-levels';
import type { WindowDefinition } from './window-options';
import type { WindowRing } from './window-ring';

/** The task label of the cumulative totals beyond `maxTasksPerModel`, or of tasks over 64 characters. */
export const OTHER_TASK = '(other)';

const MAX_TASK_LENGTH = 64;

/** Everything the monitor keeps about one model: its windows and its cumulative totals per task. */
export class ModelEntry {
  /** The model (a copy: the caller's object is not kept). */
  readonly identity: ModelIdentity;
  /** `formatModelKey(identity)`: the model's label in metrics and its sort key. */
  readonly key: string;
  /** When the monitor last recorded a sample of this model (its clock, ms); drives eviction. */
  lastRecordedAt: number;
  /** The windows, shortest first. */
  readonly levels: WindowLevels;
  /** Counters since the monitor started (or since the snapshot it was restored from), by task. */
  readonly totals = new Map<string | null, Float64Array>();
  /** Counts every change to what the entry holds (a sample recorded, a snapshot merged). */
  revision = 0;
  /**
   * The selector's view as last computed, with the revision and the shortest window's bucket it
   * was computed at: it stays right until either moves (see `Monitor.getModelStats`).
   */
  selectorView: { revision: number; bucket: number; stats: ModelPerformanceStats | undefined } | null = null;
  private namedTaskCount = 0;

  /** `windows` sorted by length. */
  constructor(identity: ModelIdentity, windows: readonly WindowDefinition[], zeroKey: number, now: number) {
    this.identity = Object.freeze({ providerId: identity.providerId, modelId: identity.modelId });
    this.key = formatModelKey(this.identity);
    this.lastRecordedAt = now;
    this.levels = new WindowLevels(windows, zeroKey);
  }

  /** The cumulative counters of `task`, created when missing (or those of {@link OTHER_TASK}). */
  totalsFor(task: string | null, maxTasks: number): Float64Array {
    const existing = this.totals.get(task);
    if (existing !== undefined) return existing;
    if (task !== null && task !== OTHER_TASK) {
      if (this.namedTaskCount >= maxTasks || task.length > MAX_TASK_LENGTH) return this.totalsFor(OTHER_TASK, maxTasks);
      this.namedTaskCount += 1;
    }
    const counters = new Float64Array(COUNTER_COUNT);
    this.totals.set(task, counters);
    return counters;
  }

  /** Adds a valid sample; `now` is the monitor's clock (ms); later timestamps count as `now`. */
  record(sample: CallSample, now: number, mapping: SketchMapping, maxTasks: number): void {
    this.lastRecordedAt = now;
    this.revision += 1;
    const outcome = outcomeIndex(sample.outcome) as number;
    countSample(this.totalsFor(sample.task, maxTasks), 0, outcome, sample);
    const level = this.levels.claim(Math.min(sample.timestamp, now), now);
    if (level === -1) return;
    const ring = this.levels.rings[level] as WindowRing;
    const slot = this.levels.claimedSlot;
    const base = slot * COUNTER_COUNT;
    countSample(ring.counters, base, outcome, sample);
    // Latency, time to first token and tokens/s describe successful attempts only.
    if (outcome !== 0) return;
    const store = ring.storeAt(slot);
    countMeasure(ring.counters, base, LATENCY, sample.latencyMs);
    store.add(LATENCY, keyOf(mapping, sample.latencyMs));
    const firstToken = sample.timeToFirstTokenMs;
    if (firstToken !== null) {
      countMeasure(ring.counters, base, FIRST_TOKEN, firstToken);
      store.add(FIRST_TOKEN, keyOf(mapping, firstToken));
    }
    const rate = sample.tokensPerSecond;
    if (rate !== null) {
      countMeasure(ring.counters, base, TOKENS_PER_SECOND, rate);
      store.add(TOKENS_PER_SECOND, keyOf(mapping, rate));
    }
  }
}
