// @modelyard/monitor: records every model call and answers with figures over sliding windows.
// Prometheus and OpenTelemetry live in the subpath exports `./prometheus` and `./opentelemetry`.

export { OUTCOMES, type Outcome } from './counter-layout';
export { OTHER_TASK } from './model-entry';
export {
  createMonitor,
  type ModelWindowStats,
  Monitor,
  type MonitorSummary,
  type RejectedSamples,
  restoreMonitor,
} from './monitor';
export { type MonitorOptions, monitorOptionsSchema } from './monitor-options';
export { QuantileSketch, type QuantileSketchOptions } from './quantile-sketch';
export { REJECTED_FIELDS, type RejectedField } from './sample-validation';
export type { QuantileSketchJson } from './sketch-json';
export { DEFAULT_RELATIVE_ACCURACY, SKETCH_MAX_VALUE, SKETCH_MIN_VALUE } from './sketch-mapping';
export {
  type BucketSnapshot,
  type CounterSnapshot,
  type ModelSnapshot,
  type MonitorSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from './snapshot-schema';
export type { ModelTotals } from './totals';
export { DEFAULT_WINDOWS, type WindowDefinition, windowDefinitionSchema } from './window-options';
export type { QuantileSummary, WindowStats } from './window-stats';
