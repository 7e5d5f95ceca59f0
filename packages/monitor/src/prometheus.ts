// @modelyard/monitor/prometheus: the monitor as Prometheus metrics, through prom-client (an
// optional peer dependency: only this entry imports it).
import { parseWithSchema } from '@modelyard/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { z } from 'zod';
import { type ExportState, exportedWindow, outcomeCounts, quantilePoints, readExportState } from './export-state';
import type { Monitor } from './monitor';
import type { WindowStats } from './window-stats';

/** Options of {@link registerPrometheusMetrics}. */
export const prometheusOptionsSchema = z.strictObject({
  /** The registry to add the metrics to; default a new one (see the result's `registry`). */
  registry: z
    .custom<Registry>(
      (value) => typeof (value as Partial<Registry> | null)?.registerMetric === 'function',
      'a prom-client Registry',
    )
    .optional(),
  /** Prefix of every metric name; default `modelyard_`. */
  prefix: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name prefix ([a-zA-Z_:][a-zA-Z0-9_:]*)')
    .default('modelyard_'),
  /** The window the quantile and ratio gauges describe; default the monitor's `statsWindow`. */
  window: z.string().optional(),
});

/** Options of {@link registerPrometheusMetrics}; see {@link prometheusOptionsSchema}. */
export type PrometheusOptions = z.input<typeof prometheusOptionsSchema>;

/** What {@link registerPrometheusMetrics} returns. */
export interface PrometheusMetrics {
  /** The registry holding the metrics (the one passed in, or a new one). */
  registry: Registry;
  /** The text exposition of the registry (`registry.metrics()`). */
  metrics(): Promise<string>;
  /** Removes the monitor's metrics from the registry. */
  unregister(): void;
}

const MEASURES: [name: string, help: string, pick: (stats: WindowStats) => WindowStats['latencyMs'], scale: number][] =
  [
    [
      'latency_seconds',
      'Latency of successful attempts over the window, by quantile.',
      (stats) => stats.latencyMs,
      1e-3,
    ],
    [
      'time_to_first_token_seconds',
      'Time to first token of successful attempts over the window, by quantile.',
      (stats) => stats.timeToFirstTokenMs,
      1e-3,
    ],
    [
      'output_tokens_per_second',
      'Output tokens per second of successful attempts over the window, by quantile.',
      (stats) => stats.tokensPerSecond,
      1,
    ],
  ];

/**
 * Adds the monitor's metrics to a prom-client registry. Values are read from the monitor at each
 * scrape (once per scrape, whatever the number of metrics); nothing runs between scrapes.
 *
 * Counters (since the monitor started or was restored): `requests_total{provider,model,task,outcome}`,
 * `input_tokens_total`, `output_tokens_total` and `cost_usd_total{provider,model,task}`,
 * `monitor_rejected_samples_total{field}`, `monitor_evicted_models_total`. Gauges over the window:
 * `latency_seconds`, `time_to_first_token_seconds`, `output_tokens_per_second`
 * `{provider,model,window,quantile}` and `success_ratio{provider,model,window}`; `monitor_models`.
 * Labels are provider ids, model keys, tasks (bounded by `maxTasksPerModel`), outcomes and field
 * names: never secrets.
 * @throws ConfigError naming the bad option.
 */
export function registerPrometheusMetrics(monitor: Monitor, options: PrometheusOptions = {}): PrometheusMetrics {
  const resolved = parseWithSchema(prometheusOptionsSchema, options, 'Prometheus options');
  const window = exportedWindow(monitor, resolved.window, 'Prometheus options');
  const registry = resolved.registry ?? new Registry();
  const prefix = resolved.prefix;
  let cached: ExportState | undefined;
  // prom-client collects every metric of a scrape in one synchronous pass: read the monitor once
  // and forget the result when that pass is over.
  const state = (): ExportState => {
    if (cached === undefined) {
      cached = readExportState(monitor, window);
      queueMicrotask(() => {
        cached = undefined;
      });
    }
    return cached;
  };
  const registers = [registry];
  const created = [
    new Counter({
      name: `${prefix}requests_total`,
      help: 'Attempts recorded, by task and outcome (ok or error kind).',
      labelNames: ['provider', 'model', 'task', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const totals of state().totals) {
          for (const [outcome, count] of outcomeCounts(totals)) {
            this.inc(
              { provider: totals.model.providerId, model: totals.modelKey, task: totals.task ?? '', outcome },
              count,
            );
          }
        }
      },
    }),
    ...(
      [
        ['input_tokens_total', 'Input tokens reported.', 'inputTokens'],
        ['output_tokens_total', 'Output tokens reported.', 'outputTokens'],
        ['cost_usd_total', 'Cost reported, in USD (attempts of unknown cost add nothing).', 'costUsd'],
      ] as const
    ).map(
      ([name, help, field]) =>
        new Counter({
          name: `${prefix}${name}`,
          help,
          labelNames: ['provider', 'model', 'task'],
          registers,
          collect() {
            this.reset();
            for (const totals of state().totals) {
              const labels = { provider: totals.model.providerId, model: totals.modelKey, task: totals.task ?? '' };
              this.inc(labels, totals[field]);
            }
          },
        }),
    ),
    ...MEASURES.map(
      ([name, help, pick, scale]) =>
        new Gauge({
          name: `${prefix}${name}`,
          help,
          labelNames: ['provider', 'model', 'window', 'quantile'],
          registers,
          collect() {
            this.reset();
            for (const point of quantilePoints(state(), pick, scale)) {
              this.set({ ...point.labels, window, quantile: String(point.quantile) }, point.value);
            }
          },
        }),
    ),
    new Gauge({
      name: `${prefix}success_ratio`,
      help: 'Successful attempts / attempts over the window (models with attempts in it).',
      labelNames: ['provider', 'model', 'window'],
      registers,
      collect() {
        this.reset();
        for (const { labels, stats } of state().windowStats) {
          if (stats.successRate !== null) this.set({ ...labels, window }, stats.successRate);
        }
      },
    }),
    new Counter({
      name: `${prefix}monitor_rejected_samples_total`,
      help: 'Samples the monitor refused, by the first field that failed its check.',
      labelNames: ['field'],
      registers,
      collect() {
        this.reset();
        for (const [field, count] of state().rejectedByField) this.inc({ field }, count);
      },
    }),
    new Gauge({
      name: `${prefix}monitor_models`,
      help: 'Models the monitor tracks.',
      registers,
      collect() {
        this.set(state().modelCount);
      },
    }),
    new Counter({
      name: `${prefix}monitor_evicted_models_total`,
      help: 'Models dropped to stay under maxModels.',
      registers,
      collect() {
        this.reset();
        this.inc(state().evictedModelCount);
      },
    }),
  ];
  // prom-client's types leave out `name`, which every metric has.
  const names = created.map((metric) => (metric as unknown as { name: string }).name);
  return {
    registry,
    metrics: () => registry.metrics(),
    unregister() {
      for (const name of names) registry.removeSingleMetric(name);
    },
  };
}
