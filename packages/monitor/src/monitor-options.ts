import { type Clock, systemClock } from '@modelyard/core';
import { z } from 'zod';
import { DEFAULT_RELATIVE_ACCURACY, relativeAccuracySchema } from './sketch-mapping';
import { DEFAULT_WINDOWS, type WindowDefinition, windowListSchema } from './window-options';

const clockSchema = z.custom<Clock>(
  (value) => typeof (value as Partial<Clock> | null)?.now === 'function',
  'a Clock (an object with a now() method)',
);

/** Options of {@link createMonitor}; every field is optional. */
export const monitorOptionsSchema = z
  .strictObject({
    /** Where time comes from; default `systemClock`. Tests pass a fake one. The monitor never sets a timer. */
    clock: clockSchema.default(systemClock),
    /** The sliding windows kept for every model; default 1 min, 5 min, 1 h, 24 h ({@link DEFAULT_WINDOWS}). */
    windows: windowListSchema.default(() => DEFAULT_WINDOWS.map((window) => ({ ...window }))),
    /**
     * The window `getModelStats` (the selector's view) reads; default `5m` when there is such a
     * window, else the shortest one.
     */
    statsWindow: z.string().optional(),
    /** α: every latency, time-to-first-token and tokens/s quantile is within ±α (relative). Default 0.01. */
    relativeAccuracy: relativeAccuracySchema.default(DEFAULT_RELATIVE_ACCURACY),
    /**
     * Most models tracked at once (≥ 1); recording a new model beyond it drops the model recorded
     * least recently. Bounds memory when model ids come from outside (18–35 KB per model with
     * moderate traffic). Default 2,000.
     */
    maxModels: z.int().min(1).default(2000),
    /**
     * Most distinct tasks counted per model in the cumulative totals (0–256); later ones are counted
     * under the task `(other)`, so the `task` metric label stays bounded. Default 32.
     */
    maxTasksPerModel: z.int().min(0).max(256).default(32),
  })
  .superRefine((options, context) => {
    const names = options.windows.map((window) => window.name);
    if (options.statsWindow !== undefined && !names.includes(options.statsWindow)) {
      context.addIssue({
        code: 'custom',
        path: ['statsWindow'],
        message: `the name of a window (${names.map((name) => JSON.stringify(name)).join(', ')})`,
        input: options.statsWindow,
      });
    }
  });

/** Options of {@link createMonitor}; see {@link monitorOptionsSchema}. */
export type MonitorOptions = z.input<typeof monitorOptionsSchema>;

/** The stats window: the one asked for, else `5m` when there is such a window, else the first (shortest) one. */
export function resolveStatsWindow(windows: readonly WindowDefinition[], statsWindow: string | undefined): string {
  if (statsWindow !== undefined) return statsWindow;
  return windows.some((window) => window.name === '5m') ? '5m' : (windows[0] as WindowDefinition).name;
}
