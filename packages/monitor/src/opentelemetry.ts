// @modelyard/monitor/opentelemetry: the monitor as OpenTelemetry observable instruments. It only
// calls the Meter it is given, so `@opentelemetry/api` (an optional peer) is needed for types alone.
import { parseWithSchema } from '@modelyard/core';
import type { Attributes, BatchObservableResult, Meter, Observable } from '@opentelemetry/api';
import { z } from 'zod';
import {
  type ExportState,
  exportedWindow,
  type ModelLabels,
  outcomeCounts,
  quantilePoints,
  readExportState,
} from './export-state';
import type { Monitor } from './monitor';
import type { WindowStats } from './window-stats';

/** Options of {@link registerOpenTelemetryMetrics}. */
export const openTelemetryOptionsSchema = z.strictObject({
  /** The meter to create the instruments with (`metrics.getMeter('my-app')`). */
  meter: z.custom<Meter>(
    (value) =>
      typeof (value as Partial<Meter> | null)?.createObservableCounter === 'function' &&
      typeof (value as Partial<Meter>).addBatchObservableCallback === 'function',
    'an OpenTelemetry Meter',
  ),
  /** Prefix of every instrument name; default `modelyard.`. */
  prefix: z
    .string()
    .regex(/^[a-z][a-z0-9_.]*$/, 'an instrument name prefix (lower-case letters, digits, "_", ".")')
    .default('modelyard.'),
  /** The window the quantile and ratio gauges describe; default the monitor's `statsWindow`. */
  window: z.string().optional(),
});

/** Options of {@link registerOpenTelemetryMetrics}; see {@link openTelemetryOptionsSchema}. */
export type OpenTelemetryOptions = z.input<typeof openTelemetryOptionsSchema>;

/** What {@link registerOpenTelemetryMetrics} returns. */
export interface OpenTelemetryMetrics {
  /** Stops reporting: removes the batch callback from the meter. */
  unregister(): void;
}

function modelAttributes(labels: ModelLabels): Attributes {
  return { 'modelyard.provider': labels.provider, 'modelyard.model': labels.model };
}

/**
 * Reports the monitor through observable instruments of an OpenTelemetry meter; the SDK reads them
 * at each collection (one read of the monitor for all instruments), nothing runs in between.
 *
 * Counters (cumulative): `requests` (`modelyard.provider`, `modelyard.model`, `modelyard.task`,
 * `modelyard.outcome`), `input_tokens`, `output_tokens`, `cost` (USD) per provider, model and task,
 * `monitor.rejected_samples` (`modelyard.field`), `monitor.evicted_models`. Gauges over the window
 * (`modelyard.window`, `modelyard.quantile`): `latency` and `time_to_first_token` (s),
 * `output_tokens_per_second`, `success_ratio`; `monitor.models`. Attributes never carry secrets.
 * @throws ConfigError naming the bad option.
 */
export function registerOpenTelemetryMetrics(monitor: Monitor, options: OpenTelemetryOptions): OpenTelemetryMetrics {
  const {
    meter,
    prefix,
    window: windowOption,
  } = parseWithSchema(openTelemetryOptionsSchema, options, 'OpenTelemetry options');
  const window = exportedWindow(monitor, windowOption, 'OpenTelemetry options');
  const counter = (name: string, unit: string, description: string) =>
    meter.createObservableCounter(`${prefix}${name}`, { unit, description });
  const gauge = (name: string, unit: string, description: string) =>
    meter.createObservableGauge(`${prefix}${name}`, { unit, description });
  const requests = counter('requests', '{request}', 'Attempts recorded, by task and outcome.');
  const sums = [
    [counter('input_tokens', '{token}', 'Input tokens reported.'), 'inputTokens'],
    [counter('output_tokens', '{token}', 'Output tokens reported.'), 'outputTokens'],
    [counter('cost', '{USD}', 'Cost reported, in USD.'), 'costUsd'],
  ] as const;
  const measures: [Observable, (stats: WindowStats) => WindowStats['latencyMs'], number][] = [
    [gauge('latency', 's', 'Latency of successful attempts, by quantile.'), (stats) => stats.latencyMs, 1e-3],
    [
      gauge('time_to_first_token', 's', 'Time to first token of successful attempts, by quantile.'),
      (stats) => stats.timeToFirstTokenMs,
      1e-3,
    ],
    [
      gauge('output_tokens_per_second', '{token}/s', 'Output tokens per second, by quantile.'),
      (stats) => stats.tokensPerSecond,
      1,
    ],
  ];
  const successRatio = gauge('success_ratio', '1', 'Successful attempts / attempts over the window.');
  const rejected = counter('monitor.rejected_samples', '{sample}', 'Samples refused, by field.');
  const models = gauge('monitor.models', '{model}', 'Models tracked.');
  const evicted = counter('monitor.evicted_models', '{model}', 'Models dropped to stay under maxModels.');

  const observe = (result: BatchObservableResult) => {
    const state: ExportState = readExportState(monitor, window);
    for (const totals of state.totals) {
      const attributes: Attributes = modelAttributes({ provider: totals.model.providerId, model: totals.modelKey });
      if (totals.task !== null) attributes['modelyard.task'] = totals.task;
      for (const [outcome, count] of outcomeCounts(totals)) {
        result.observe(requests, count, { ...attributes, 'modelyard.outcome': outcome });
      }
      for (const [instrument, field] of sums) result.observe(instrument, totals[field], attributes);
    }
    for (const [instrument, pick, scale] of measures) {
      for (const point of quantilePoints(state, pick, scale)) {
        const attributes = {
          ...modelAttributes(point.labels),
          'modelyard.window': window,
          'modelyard.quantile': point.quantile,
        };
        result.observe(instrument, point.value, attributes);
      }
    }
    for (const { labels, stats } of state.windowStats) {
      if (stats.successRate !== null) {
        result.observe(successRatio, stats.successRate, { ...modelAttributes(labels), 'modelyard.window': window });
      }
    }
    for (const [field, count] of state.rejectedByField) result.observe(rejected, count, { 'modelyard.field': field });
    result.observe(models, state.modelCount);
    result.observe(evicted, state.evictedModelCount);
  };
  const observables: Observable[] = [
    requests,
    ...sums.map(([instrument]) => instrument),
    ...measures.map(([instrument]) => instrument),
    successRatio,
    rejected,
    models,
    evicted,
  ];
  meter.addBatchObservableCallback(observe, observables);
  return {
    unregister() {
      meter.removeBatchObservableCallback(observe, observables);
    },
  };
}
