import { type ModelIdentity, modelIdentitySchema } from '@modelyard/core';
import { z } from 'zod';
import { OUTCOMES, type Outcome } from './counter-layout';
import { REJECTED_FIELDS, type RejectedField } from './sample-validation';
import { type QuantileSketchJson, sketchJsonSchema } from './sketch-json';
import { relativeAccuracySchema, type SketchMapping } from './sketch-mapping';
import { type WindowDefinition, windowListSchema } from './window-options';

/** The `format` field of every monitor snapshot. */
export const SNAPSHOT_FORMAT = 'modelyard.monitor-snapshot';

/** The snapshot version this package writes and reads. */
export const SNAPSHOT_VERSION = 1;

/** What a snapshot must say about itself before its content can be read. */
export const snapshotHeaderSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  /** When the snapshot was taken (the monitor's clock, ms since the epoch). */
  takenAt: z.number().finite(),
  relativeAccuracy: relativeAccuracySchema,
  windows: windowListSchema,
});

const count = z.int().min(0);
const amount = z.number().finite().min(0);

function optionalCounts<Key extends string>(keys: readonly Key[]) {
  return z.strictObject(
    Object.fromEntries(keys.map((key) => [key, count.optional()])) as Record<Key, z.ZodOptional<typeof count>>,
  );
}

const countersShape = {
  /** Attempts by outcome; outcomes with no attempt may be left out. */
  outcomes: optionalCounts(OUTCOMES),
  inputTokens: amount,
  outputTokens: amount,
  costUsd: amount,
  costReportedCount: count,
  streamingCount: count,
};

/**
 * The full schema of a snapshot for a monitor with this mapping and these windows: sketch keys must
 * be in the mapping's range and buckets are grouped by the monitor's window names.
 */
export function snapshotSchema(mapping: SketchMapping, windows: readonly WindowDefinition[]) {
  const sketch = sketchJsonSchema(mapping).nullable();
  const bucket = z.strictObject({
    /** The bucket number: the bucket covers [bucket·width, (bucket+1)·width) ms. */
    bucket: z.int(),
    ...countersShape,
    latencyMs: sketch,
    timeToFirstTokenMs: sketch,
    tokensPerSecond: sketch,
  });
  const model = z.strictObject({
    model: modelIdentitySchema,
    lastRecordedAt: z.number().finite(),
    totals: z.array(z.strictObject({ task: z.string().min(1).nullable(), ...countersShape })),
    buckets: z.strictObject(Object.fromEntries(windows.map((window) => [window.name, z.array(bucket)]))),
  });
  return snapshotHeaderSchema.extend({
    rejectedSamples: optionalCounts(REJECTED_FIELDS),
    evictedModelCount: count,
    models: z.array(model),
  });
}

/** A snapshot's counters (of a bucket or of a task's totals). */
export interface CounterSnapshot {
  /** Attempts by outcome; outcomes with no attempt are left out. */
  outcomes: Partial<Record<Outcome, number>>;
  /** Sum of the input tokens reported. */
  inputTokens: number;
  /** Sum of the output tokens reported. */
  outputTokens: number;
  /** Sum of the costs reported, in USD. */
  costUsd: number;
  /** Attempts that reported a cost. */
  costReportedCount: number;
  /** Attempts that were streamed. */
  streamingCount: number;
}

/** One bucket of one window of a {@link ModelSnapshot}. */
export interface BucketSnapshot extends CounterSnapshot {
  /** The bucket number: the bucket covers [bucket·width, (bucket+1)·width) ms since the epoch. */
  bucket: number;
  /** Latency of successful attempts (ms); `null` when none. */
  latencyMs: QuantileSketchJson | null;
  /** Time to first token of successful attempts (ms); `null` when none. */
  timeToFirstTokenMs: QuantileSketchJson | null;
  /** Output tokens per second of successful attempts; `null` when none. */
  tokensPerSecond: QuantileSketchJson | null;
}

/** One model of a {@link MonitorSnapshot}. */
export interface ModelSnapshot {
  model: ModelIdentity;
  /** When the monitor last recorded a sample of the model (its clock, ms). */
  lastRecordedAt: number;
  /** Cumulative counters per task (`null`: samples that named none). */
  totals: (CounterSnapshot & { task: string | null })[];
  /** The buckets still inside each window, by window name (each value is stored in one window only). */
  buckets: Record<string, BucketSnapshot[]>;
}

/** Everything a monitor holds, as {@link Monitor.snapshot} writes it: plain, versioned JSON. */
export interface MonitorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** When the snapshot was taken (the monitor's clock, ms since the epoch). */
  takenAt: number;
  /** α of the sketches: their keys mean nothing under another one. */
  relativeAccuracy: number;
  /** The monitor's windows, shortest first. */
  windows: WindowDefinition[];
  /** Samples refused, by field. */
  rejectedSamples: Partial<Record<RejectedField, number>>;
  /** Models dropped to stay under `maxModels`. */
  evictedModelCount: number;
  models: ModelSnapshot[];
}
