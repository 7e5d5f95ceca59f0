import { ConfigError, describeReceived } from '@modelyard/core';
import { OUTCOMES, type Outcome } from './counter-layout';
import type { Monitor } from './monitor';
import type { ModelTotals } from './totals';
import type { QuantileSummary, WindowStats } from './window-stats';

/** The labels every per-model series carries: bounded, never secret. */
export interface ModelLabels {
  /** Provider instance id (`openrouter`). */
  provider: string;
  /** `formatModelKey(model)` (`openrouter/meta-llama/llama-3.1-8b-instruct:free`). */
  model: string;
}

/** One value of one quantile gauge. */
export interface QuantilePoint {
  labels: ModelLabels;
  /** `0.5`, `0.9`, `0.95` or `0.99`. */
  quantile: number;
  value: number;
}

/** Everything an exporter reports, read from the monitor once per collection. */
export interface ExportState {
  totals: ModelTotals[];
  /** Per model: labels and figures over the exported window. */
  windowStats: { labels: ModelLabels; stats: WindowStats }[];
  rejectedByField: [field: string, count: number][];
  modelCount: number;
  evictedModelCount: number;
}

/** The quantiles exporters report. */
export const EXPORTED_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/**
 * The window an exporter reports: `window`, else the monitor's stats window.
 * @throws ConfigError about `subject` (the exporter's options) naming `window` when the monitor has none of that name.
 */
export function exportedWindow(monitor: Monitor, window: string | undefined, subject: string): string {
  const name = window ?? monitor.statsWindow;
  const names = monitor.windows.map((definition) => definition.name);
  if (names.includes(name)) return name;
  throw new ConfigError(subject, [
    {
      path: 'window',
      expected: `one of ${names.map((known) => JSON.stringify(known)).join(', ')}`,
      received: describeReceived(name),
    },
  ]);
}

/** Reads what exporters report from `monitor`, over `window`. */
export function readExportState(monitor: Monitor, window: string): ExportState {
  return {
    totals: monitor.totals(),
    windowStats: monitor.listModelStats(window).map((entry) => ({
      labels: { provider: entry.model.providerId, model: entry.modelKey },
      stats: entry.stats,
    })),
    rejectedByField: Object.entries(monitor.rejectedSamples().byField),
    modelCount: monitor.modelCount,
    evictedModelCount: monitor.evictedModels,
  };
}

/** The points of one measure's quantiles, scaled by `scale` (1/1000 turns ms into seconds). */
export function quantilePoints(
  state: ExportState,
  pick: (stats: WindowStats) => QuantileSummary | null,
  scale: number,
): QuantilePoint[] {
  const points: QuantilePoint[] = [];
  for (const { labels, stats } of state.windowStats) {
    const summary = pick(stats);
    if (summary === null) continue;
    const values = [summary.p50, summary.p90, summary.p95, summary.p99];
    EXPORTED_QUANTILES.forEach((quantile, index) => {
      points.push({ labels, quantile, value: (values[index] as number) * scale });
    });
  }
  return points;
}

/** The non-zero outcome counts of one totals row. */
export function outcomeCounts(totals: ModelTotals): [Outcome, number][] {
  return OUTCOMES.filter((outcome) => totals.outcomes[outcome] > 0).map((outcome) => [
    outcome,
    totals.outcomes[outcome],
  ]);
}
