import { parseWithSchema } from '@modelyard/core';
import { z } from 'zod';
import type { Timeouts } from './fallback-options';

const overrideMs = z.number().finite().min(0).nullable().optional();

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

/** Options of one `generate` or `stream` call. */
export const fallbackCallOptionsSchema = z.strictObject({
  /** Cancels the run: the attempt in flight is aborted at once and nothing starts after it. */
  signal: z.custom<AbortSignal>(isAbortSignal, 'an AbortSignal').optional(),
  /** Deadlines of this run, in ms, replacing the runner's; `null` removes one. */
  timeouts: z
    .strictObject({ totalMs: overrideMs, attemptMs: overrideMs, firstTokenMs: overrideMs, idleMs: overrideMs })
    .optional(),
  /** The request's task, reported with every metrics sample (`dialogue_generation`, a custom task…). */
  task: z.string().min(1).optional(),
});

/** Options of one `generate` or `stream` call; see {@link fallbackCallOptionsSchema}. */
export type FallbackCallOptions = z.input<typeof fallbackCallOptionsSchema>;

/** What a run takes from its call options. */
export interface RunOptions {
  signal: AbortSignal | undefined;
  timeouts: Timeouts;
  task: string | null;
}

/**
 * Validates the call options and merges their timeouts over the runner's.
 * @throws ConfigError naming the bad field.
 */
export function readCallOptions(defaults: Timeouts, options: FallbackCallOptions | undefined): RunOptions {
  // Most calls pass nothing: skip the parse on the hot path.
  if (options === undefined) return { signal: undefined, timeouts: defaults, task: null };
  const parsed = parseWithSchema(fallbackCallOptionsSchema, options, 'fallback call options');
  const timeouts = { ...defaults };
  for (const [name, value] of Object.entries(parsed.timeouts ?? {}) as [keyof Timeouts, number | null][]) {
    if (value !== undefined) timeouts[name] = value;
  }
  return { signal: parsed.signal, timeouts, task: parsed.task ?? null };
}
