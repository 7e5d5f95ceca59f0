import type { ModelIdentity } from '@modelyard/core';
import {
  COST_REPORTED,
  COST_USD,
  INPUT_TOKENS,
  OUTCOMES,
  OUTPUT_TOKENS,
  type Outcome,
  STREAMED,
} from './counter-layout';
import type { ModelEntry } from './model-entry';

/**
 * Cumulative counters of one model and one task since the monitor started (or was restored): what
 * Prometheus counters and OpenTelemetry observable counters report.
 */
export interface ModelTotals {
  model: ModelIdentity;
  /** `formatModelKey(model)`. */
  modelKey: string;
  /** The task, `(other)` beyond `maxTasksPerModel`, `null` when the samples named none. */
  task: string | null;
  /** Attempts by outcome; every outcome is present, 0 when none. */
  outcomes: Record<Outcome, number>;
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

// Tasks of one model are distinct map keys, so no two compare equal.
function compareTasks(left: string | null, right: string | null): number {
  if (left === null) return -1;
  if (right === null) return 1;
  return left < right ? -1 : 1;
}

/** The totals of `entries` (already in model-key order), each model's tasks sorted, `null` first. */
export function collectTotals(entries: readonly ModelEntry[]): ModelTotals[] {
  const result: ModelTotals[] = [];
  for (const entry of entries) {
    const tasks = [...entry.totals.keys()].sort(compareTasks);
    for (const task of tasks) {
      const counters = entry.totals.get(task) as Float64Array;
      const outcomes = {} as Record<Outcome, number>;
      OUTCOMES.forEach((outcome, index) => {
        outcomes[outcome] = counters[index] as number;
      });
      result.push({
        model: { ...entry.identity },
        modelKey: entry.key,
        task,
        outcomes,
        inputTokens: counters[INPUT_TOKENS] as number,
        outputTokens: counters[OUTPUT_TOKENS] as number,
        costUsd: counters[COST_USD] as number,
        costReportedCount: counters[COST_REPORTED] as number,
        streamingCount: counters[STREAMED] as number,
      });
    }
  }
  return result;
}
