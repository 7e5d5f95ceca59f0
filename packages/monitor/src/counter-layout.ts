import { type CallSample, ERROR_KINDS, type ErrorKind } from '@modelyard/core';

/** What an attempt ended with: `ok` or the kind of its error. */
export type Outcome = 'ok' | ErrorKind;

/** Every outcome, `ok` first, then the error kinds in core's order. */
export const OUTCOMES: readonly Outcome[] = ['ok', ...ERROR_KINDS];

// The counters of a bucket (and of a task's totals) sit side by side in one Float64Array: one per
// outcome, then sums, then count/sum/min/max of each measure. record() updates a few of them and
// allocates nothing.
/** Sum of the input tokens reported. */
export const INPUT_TOKENS = OUTCOMES.length;
/** Sum of the output tokens reported. */
export const OUTPUT_TOKENS = INPUT_TOKENS + 1;
/** Sum of the costs reported, in USD. */
export const COST_USD = INPUT_TOKENS + 2;
/** Attempts that reported a cost (the others' cost is unknown, not zero). */
export const COST_REPORTED = INPUT_TOKENS + 3;
/** Attempts that were streamed. */
export const STREAMED = INPUT_TOKENS + 4;
/** The first of the measure summaries: count, sum, min, max for each measure. */
const MEASURES_START = INPUT_TOKENS + 5;
/** Offsets inside a measure summary, whose count comes first (at its start). */
export const MEASURE_SUM = 1;
export const MEASURE_MIN = 2;
export const MEASURE_MAX = 3;

/** The measures sketched for successful attempts, as snapshots name them. */
export const MEASURES = ['latencyMs', 'timeToFirstTokenMs', 'tokensPerSecond'] as const;
/** Index of the latency measure (ms). */
export const LATENCY = 0;
/** Index of the time-to-first-token measure (ms). */
export const FIRST_TOKEN = 1;
/** Index of the output tokens-per-second measure. */
export const TOKENS_PER_SECOND = 2;

/** Counters per bucket. */
export const COUNTER_COUNT = MEASURES_START + 4 * MEASURES.length;

/** Where the summary of measure `measure` starts among a bucket's counters. */
export function measureStart(measure: number): number {
  return MEASURES_START + 4 * measure;
}

const outcomeIndexes = new Map<unknown, number>(OUTCOMES.map((outcome, index) => [outcome, index]));

/** The counter index of an outcome; `undefined` for anything that is not one. */
export function outcomeIndex(outcome: unknown): number | undefined {
  return outcomeIndexes.get(outcome);
}

function increase(counters: Float64Array, index: number, amount: number): void {
  counters[index] = (counters[index] as number) + amount;
}

/** Counts one valid sample (outcome, tokens, cost, streaming) into `counters[base…]`. */
export function countSample(counters: Float64Array, base: number, outcome: number, sample: CallSample): void {
  increase(counters, base + outcome, 1);
  if (sample.inputTokens !== null) increase(counters, base + INPUT_TOKENS, sample.inputTokens);
  if (sample.outputTokens !== null) increase(counters, base + OUTPUT_TOKENS, sample.outputTokens);
  if (sample.costUsd !== null) {
    increase(counters, base + COST_USD, sample.costUsd);
    increase(counters, base + COST_REPORTED, 1);
  }
  if (sample.isStreaming) increase(counters, base + STREAMED, 1);
}

/** Adds one value of `measure` to the summary (count, sum, min, max) at `counters[base…]`. */
export function countMeasure(counters: Float64Array, base: number, measure: number, value: number): void {
  const start = base + measureStart(measure);
  const count = counters[start] as number;
  counters[start] = count + 1;
  increase(counters, start + MEASURE_SUM, value);
  counters[start + MEASURE_MIN] = count === 0 ? value : Math.min(counters[start + MEASURE_MIN] as number, value);
  // Measures are ≥ 0 and an empty summary holds 0, so the max needs no first-value case.
  counters[start + MEASURE_MAX] = Math.max(counters[start + MEASURE_MAX] as number, value);
}

/** Adds the counters at `source[sourceBase…]` to those at `target[targetBase…]` (min and max combine). */
export function mergeCounters(
  target: Float64Array,
  targetBase: number,
  source: Float64Array,
  sourceBase: number,
): void {
  for (let index = 0; index < MEASURES_START; index += 1) {
    increase(target, targetBase + index, source[sourceBase + index] as number);
  }
  for (let measure = 0; measure < MEASURES.length; measure += 1) {
    const from = sourceBase + measureStart(measure);
    const to = targetBase + measureStart(measure);
    const added = source[from] as number;
    if (added === 0) continue;
    const count = target[to] as number;
    target[to] = count + added;
    increase(target, to + MEASURE_SUM, source[from + MEASURE_SUM] as number);
    const min = source[from + MEASURE_MIN] as number;
    const max = source[from + MEASURE_MAX] as number;
    target[to + MEASURE_MIN] = count === 0 ? min : Math.min(target[to + MEASURE_MIN] as number, min);
    target[to + MEASURE_MAX] = Math.max(target[to + MEASURE_MAX] as number, max);
  }
}
