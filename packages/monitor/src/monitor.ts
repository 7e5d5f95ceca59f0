import {
  type CallSample,
  type Clock,
  ConfigError,
  describeReceived,
  type MetricsSink,
  type ModelIdentity,
  type ModelPerformanceStats,
  type PerformanceStatsSource,
  parseWithSchema,
} from '@modelyard/core';
import { COUNTER_COUNT } from './counter-layout';
import { ModelEntry } from './model-entry';
import { type MonitorOptions, monitorOptionsSchema, resolveStatsWindow } from './monitor-options';
import { findInvalidField, findInvalidIdentityField, type RejectedField } from './sample-validation';
import { type SketchMapping, sketchMapping } from './sketch-mapping';
import { mergeModelSnapshot, writeModelSnapshot } from './snapshot';
import {
  type MonitorSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  snapshotHeaderSchema,
  snapshotSchema,
} from './snapshot-schema';
import { collectTotals, type ModelTotals } from './totals';
import { sortWindows, type WindowDefinition } from './window-options';
import type { WindowRing } from './window-ring';
import { StatsAccumulator, type WindowStats } from './window-stats';

/** Samples the monitor refused, by the first field that failed its check. */
export interface RejectedSamples {
  /** Every sample refused since the monitor started (or was restored). */
  total: number;
  /** Refusals by field (`latencyMs`, `model.providerId`…); fields with none are left out. */
  byField: Partial<Record<RejectedField, number>>;
}

/** The whole system over one window: everything, then each provider. */
export interface MonitorSummary {
  /** Figures of every model together. */
  overall: WindowStats;
  /** Figures per provider instance, sorted by provider id. */
  providers: { providerId: string; stats: WindowStats }[];
  /** Models tracked now. */
  modelCount: number;
  /** Models dropped so far to stay under `maxModels`. */
  evictedModelCount: number;
  /** Samples refused so far. */
  rejectedSampleCount: number;
}

/** One model's figures over one window, as {@link Monitor.listModelStats} lists them. */
export interface ModelWindowStats {
  model: ModelIdentity;
  /** `formatModelKey(model)`. */
  modelKey: string;
  stats: WindowStats;
}

/**
 * Records every call and answers with figures over sliding windows. It is core's
 * {@link MetricsSink} (for the fallback runner) and {@link PerformanceStatsSource} (for the
 * selector). Create one with {@link createMonitor}.
 */
export class Monitor implements MetricsSink, PerformanceStatsSource {
  /** The windows kept for every model, shortest first. */
  readonly windows: readonly WindowDefinition[];
  /** The window {@link Monitor.getModelStats} reads. */
  readonly statsWindow: string;
  /** α of every quantile. */
  readonly relativeAccuracy: number;
  private readonly statsWindowIndex: number;
  private readonly clock: Clock;
  private readonly mapping: SketchMapping;
  private readonly maxModels: number;
  private readonly maxTasksPerModel: number;
  private readonly providers = new Map<string, Map<string, ModelEntry>>();
  private readonly rejected = new Map<RejectedField, number>();
  private trackedModelCount = 0;
  private evictedModelCount = 0;

  /** Prefer {@link createMonitor}. @throws ConfigError naming the bad option. */
  constructor(options: MonitorOptions = {}) {
    const resolved = parseWithSchema(monitorOptionsSchema, options, 'monitor options');
    this.clock = resolved.clock;
    this.windows = Object.freeze(sortWindows(resolved.windows).map((window) => Object.freeze({ ...window })));
    this.statsWindow = resolveStatsWindow(this.windows, resolved.statsWindow);
    this.statsWindowIndex = this.windowIndex(this.statsWindow);
    this.relativeAccuracy = resolved.relativeAccuracy;
    this.mapping = sketchMapping(resolved.relativeAccuracy);
    this.maxModels = resolved.maxModels;
    this.maxTasksPerModel = resolved.maxTasksPerModel;
  }

  /**
   * Records one attempt. Never throws and allocates next to nothing: a sample that core's
   * `callSampleSchema` would reject (negative latency, NaN, unknown outcome…) is not counted
   * anywhere but in {@link Monitor.rejectedSamples}.
   */
  record(sample: CallSample): void {
    const invalidField = findInvalidField(sample);
    if (invalidField !== undefined) {
      this.reject(invalidField);
      return;
    }
    const now = this.clock.now();
    const entry = this.entryFor(sample.model, now);
    if (entry !== undefined) entry.record(sample, now, this.mapping, this.maxTasksPerModel);
  }

  /**
   * The selector's view of a model over {@link Monitor.statsWindow}; `undefined` when the window
   * holds no attempt of it. Cheap to ask for every model on every ranking: the answer (a frozen
   * object) is computed once per model per change (a sample, a merge, a bucket boundary).
   */
  getModelStats(model: ModelIdentity): ModelPerformanceStats | undefined {
    const entry = this.providers.get(model.providerId)?.get(model.modelId);
    if (entry === undefined) return undefined;
    // The selector asks for every candidate on every ranking: the view is kept per model until a
    // sample lands or the clock enters a new bucket of the shortest window (every window's bucket
    // width is a multiple of it, so no window's contents change in between).
    const now = this.clock.now();
    const bucket = (entry.levels.rings[0] as WindowRing).bucketOf(now);
    const cached = entry.selectorView;
    if (cached !== null && cached.revision === entry.revision && cached.bucket === bucket) return cached.stats;
    const stats = selectorView(this.accumulate([entry], this.statsWindowIndex, now));
    entry.selectorView = { revision: entry.revision, bucket, stats };
    return stats;
  }

  /**
   * A model's figures over a window (default {@link Monitor.statsWindow}); `undefined` when the
   * monitor holds nothing about the model. @throws ConfigError naming `window` when unknown.
   */
  modelStats(model: ModelIdentity, window: string = this.statsWindow): WindowStats | undefined {
    const index = this.windowIndex(window);
    const entry = this.providers.get(model.providerId)?.get(model.modelId);
    if (entry === undefined) return undefined;
    return this.accumulate([entry], index);
  }

  /**
   * A provider instance's figures (all its models) over a window; `undefined` when the monitor
   * holds no model of it. @throws ConfigError naming `window` when unknown.
   */
  providerStats(providerId: string, window: string = this.statsWindow): WindowStats | undefined {
    const index = this.windowIndex(window);
    const models = this.providers.get(providerId);
    if (models === undefined) return undefined;
    return this.accumulate(models.values(), index);
  }

  /** The whole system over a window (default {@link Monitor.statsWindow}). @throws ConfigError naming `window`. */
  summary(window: string = this.statsWindow): MonitorSummary {
    const index = this.windowIndex(window);
    const providers = [...this.providers.keys()].sort().map((providerId) => ({
      providerId,
      stats: this.accumulate((this.providers.get(providerId) as Map<string, ModelEntry>).values(), index),
    }));
    return {
      overall: this.accumulate(this.entries(), index),
      providers,
      modelCount: this.trackedModelCount,
      evictedModelCount: this.evictedModelCount,
      rejectedSampleCount: this.rejectedSamples().total,
    };
  }

  /** Every tracked model's figures over a window, sorted by model key (what exporters read). */
  listModelStats(window: string = this.statsWindow): ModelWindowStats[] {
    const index = this.windowIndex(window);
    return this.sortedEntries().map((entry) => ({
      model: { ...entry.identity },
      modelKey: entry.key,
      stats: this.accumulate([entry], index),
    }));
  }

  /** Cumulative counters per model and task since the start (or restore), sorted by model key, then task. */
  totals(): ModelTotals[] {
    return collectTotals(this.sortedEntries());
  }

  /** The models tracked now, sorted by model key. */
  models(): ModelIdentity[] {
    return this.sortedEntries().map((entry) => ({ ...entry.identity }));
  }

  /** How many samples were refused, and for which field. */
  rejectedSamples(): RejectedSamples {
    let total = 0;
    const byField: Partial<Record<RejectedField, number>> = {};
    for (const [field, count] of this.rejected) {
      byField[field] = count;
      total += count;
    }
    return { total, byField };
  }

  /** The window named `name`. @throws ConfigError naming `window` when the monitor has none of that name. */
  window(name: string): WindowDefinition {
    return this.windows[this.windowIndex(name)] as WindowDefinition;
  }

  /** Models tracked now. */
  get modelCount(): number {
    return this.trackedModelCount;
  }

  /** Models dropped so far to stay under `maxModels`. */
  get evictedModels(): number {
    return this.evictedModelCount;
  }

  /** Everything the monitor holds, as versioned plain JSON (buckets that have left their window are left out). */
  snapshot(): MonitorSnapshot {
    const now = this.clock.now();
    for (const entry of this.entries()) entry.levels.settle(now);
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      takenAt: now,
      relativeAccuracy: this.relativeAccuracy,
      windows: this.windows.map((window) => ({ ...window })),
      rejectedSamples: this.rejectedSamples().byField,
      evictedModelCount: this.evictedModelCount,
      models: this.sortedEntries().map((entry) => writeModelSnapshot(entry, this.windows, now)),
    };
  }

  /**
   * Adds a snapshot (of this monitor or another with the same windows and accuracy) to what this
   * monitor holds: counts add up, sketches merge exactly, buckets that have left their window by
   * now are dropped. Merging the snapshots of two monitors gives what one monitor recording both
   * streams would hold.
   * @throws ConfigError naming the first bad field (nothing is merged then).
   */
  merge(snapshot: unknown): void {
    const header = parseWithSchema(snapshotHeaderSchema, snapshot, 'monitor snapshot');
    this.assertCompatible(header.relativeAccuracy, header.windows);
    const parsed = parseWithSchema(snapshotSchema(this.mapping, this.windows), snapshot, 'monitor snapshot');
    const now = this.clock.now();
    for (const [field, count] of Object.entries(parsed.rejectedSamples) as [RejectedField, number][]) {
      this.rejected.set(field, (this.rejected.get(field) ?? 0) + count);
    }
    this.evictedModelCount += parsed.evictedModelCount;
    for (const model of parsed.models) {
      const entry = this.entryFor(model.model, Math.min(model.lastRecordedAt, now)) as ModelEntry;
      mergeModelSnapshot(entry, model, this.windows, now, this.maxTasksPerModel, this.mapping.zeroKey);
    }
  }

  private assertCompatible(relativeAccuracy: number, windows: readonly WindowDefinition[]): void {
    if (relativeAccuracy !== this.relativeAccuracy) {
      throw new ConfigError('monitor snapshot', [
        {
          path: 'relativeAccuracy',
          expected: `${this.relativeAccuracy}, this monitor's`,
          received: String(relativeAccuracy),
        },
      ]);
    }
    const describe = (list: readonly WindowDefinition[]) =>
      list.map((window) => `${window.name}=${window.lengthMs}ms/${window.bucketCount}`).join(', ');
    if (describe(windows) !== describe(this.windows)) {
      throw new ConfigError('monitor snapshot', [
        {
          path: 'windows',
          expected: `this monitor's windows (${describe(this.windows)})`,
          received: describe(windows),
        },
      ]);
    }
  }

  private windowIndex(window: string): number {
    const index = this.windows.findIndex((definition) => definition.name === window);
    if (index === -1) {
      throw new ConfigError('window', [
        {
          path: 'window',
          expected: `one of ${this.windows.map((definition) => JSON.stringify(definition.name)).join(', ')}`,
          received: describeReceived(window),
        },
      ]);
    }
    return index;
  }

  private accumulate(entries: Iterable<ModelEntry>, windowIndex: number, now = this.clock.now()): WindowStats {
    const accumulator = new StatsAccumulator(this.mapping);
    const addBucket = (ring: WindowRing, slot: number) => {
      accumulator.addBucket(ring.counters, slot * COUNTER_COUNT, ring.stores[slot]);
    };
    for (const entry of entries) {
      entry.levels.settle(now);
      for (let level = 0; level <= windowIndex; level += 1) entry.levels.forEachLevelSlot(level, now, addBucket);
    }
    return accumulator.toStats(this.windows[windowIndex] as WindowDefinition);
  }

  private *entries(): Generator<ModelEntry> {
    for (const models of this.providers.values()) yield* models.values();
  }

  private sortedEntries(): ModelEntry[] {
    // Keys are unique (one entry per identity), so no two compare equal.
    return [...this.entries()].sort((left, right) => (left.key < right.key ? -1 : 1));
  }

  private reject(field: RejectedField): void {
    this.rejected.set(field, (this.rejected.get(field) ?? 0) + 1);
  }

  private entryFor(model: ModelIdentity, now: number): ModelEntry | undefined {
    const models = this.providers.get(model.providerId);
    const existing = models?.get(model.modelId);
    if (existing !== undefined) return existing;
    const invalidField = findInvalidIdentityField(model.providerId, model.modelId);
    if (invalidField !== undefined) {
      this.reject(invalidField);
      return undefined;
    }
    if (this.trackedModelCount >= this.maxModels) this.evictLeastRecent();
    const entry = new ModelEntry(model, this.windows, this.mapping.zeroKey, now);
    const providerModels = this.providers.get(model.providerId) ?? new Map<string, ModelEntry>();
    providerModels.set(model.modelId, entry);
    this.providers.set(model.providerId, providerModels);
    this.trackedModelCount += 1;
    return entry;
  }

  // A scan, not a linked list: it runs only when a new model arrives at the cap, and keeps record()
  // free of list maintenance.
  private evictLeastRecent(): void {
    let oldest: ModelEntry | undefined;
    for (const entry of this.entries()) {
      if (oldest === undefined || entry.lastRecordedAt < oldest.lastRecordedAt) oldest = entry;
    }
    const { providerId, modelId } = (oldest as ModelEntry).identity;
    const models = this.providers.get(providerId) as Map<string, ModelEntry>;
    models.delete(modelId);
    if (models.size === 0) this.providers.delete(providerId);
    this.trackedModelCount -= 1;
    this.evictedModelCount += 1;
  }
}

/**
 * Creates a monitor. Creating one does no I/O and starts no timer.
 * @throws ConfigError naming the bad option.
 */
export function createMonitor(options: MonitorOptions = {}): Monitor {
  return new Monitor(options);
}

/**
 * A monitor holding what a snapshot holds. Windows and accuracy come from the snapshot unless
 * `options` sets them (they must then match it).
 * @throws ConfigError naming the first bad field of the snapshot or the options.
 */
export function restoreMonitor(snapshot: unknown, options: MonitorOptions = {}): Monitor {
  const header = parseWithSchema(snapshotHeaderSchema, snapshot, 'monitor snapshot');
  const monitor = new Monitor({
    windows: header.windows,
    relativeAccuracy: header.relativeAccuracy,
    ...options,
  });
  monitor.merge(snapshot);
  return monitor;
}

/** The selector's view of a model's window figures (frozen: it is shared until it changes). */
function selectorView(stats: WindowStats): ModelPerformanceStats | undefined {
  if (stats.requestCount === 0) return undefined;
  const pick = (summary: WindowStats['latencyMs']) =>
    summary === null ? null : Object.freeze({ p50: summary.p50, p95: summary.p95 });
  return Object.freeze({
    sampleCount: stats.requestCount,
    successRate: stats.successRate as number,
    latencyMs: pick(stats.latencyMs),
    timeToFirstTokenMs: pick(stats.timeToFirstTokenMs),
    tokensPerSecond: stats.tokensPerSecond === null ? null : stats.tokensPerSecond.p50,
    windowMs: stats.windowMs,
  });
}
