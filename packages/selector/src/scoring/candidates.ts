import type { ModelInfo, ModelPerformanceStats } from '@modelyard/core';
import { createEvidence, type Evidence } from '../filters/evidence';
import { listingVerdictsFor } from '../filters/listing-verdicts';
import { firstRejection } from '../filters/reject-model';
import type { SelectionPlan } from '../plan/selection-plan';
import { type PreparedModels, preparedModelsFor, scaledCostsFor } from '../prepared/prepared-models';
import { COLUMN, COLUMN_COUNT } from './columns';
import { hardwareFactor } from './hardware-factor';
import { writeTaskFit } from './task-fit';
import { acquireValueBuffer, releaseValueBuffer } from './value-buffer';

/** Smallest and largest known value of a column over the accepted models. */
export interface Range {
  min: number;
  max: number;
}

/** The accepted models being gathered; see {@link Candidates}. */
interface Gathering {
  plan: SelectionPlan;
  prepared: PreparedModels;
  /** Accepted models so far. */
  count: number;
  /** Rejected models (their index in `prepared`), in input order; `null` when not collected (best-of-N). */
  rejected: number[] | null;
  /**
   * For rejected models whose checks got as far as reading stats: what they read, so that a
   * latency reason quotes the figures the decision used.
   */
  decidedStats: Map<number, ModelPerformanceStats | undefined>;
  /** Values, `COLUMN_COUNT` per candidate; pooled, see {@link releaseCandidates}. */
  values: Float64Array;
  /** Every listed model's cost on the cost scale, for the plan's scoring token counts. */
  scaledCosts: Float64Array;
}

/**
 * The accepted models with what scoring needs: values in one pooled buffer, `COLUMN_COUNT` per
 * candidate, and the ranges the set-relative factors normalize over. Min and max are exact
 * whatever the order, so no score depends on the order of the input.
 */
export interface Candidates extends Gathering {
  costRange: Range;
  latencyRange: Range;
  timeToFirstTokenRange: Range;
  tokensPerSecondRange: Range;
}

/** The value of `column` for candidate `index`. */
export function columnValue(candidates: Candidates, index: number, column: number): number {
  return candidates.values[index * COLUMN_COUNT + column] as number;
}

/** The model of candidate `index`. */
export function candidateModel(candidates: Candidates, index: number): ModelInfo {
  return candidates.prepared.models[columnValue(candidates, index, COLUMN.listIndex)] as ModelInfo;
}

/** Gives the value buffer back to the pool: the values must not be read after. */
export function releaseCandidates(candidates: Candidates): void {
  releaseValueBuffer(candidates.values);
}

/** The smallest and largest known value of `column` over the candidates, in one tight loop. */
function rangeOf(candidates: Gathering, column: number): Range {
  const { values } = candidates;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let offset = column; offset < candidates.count * COLUMN_COUNT; offset += COLUMN_COUNT) {
    const value = values[offset] as number;
    // Unknown values (NaN) never widen a range.
    if (!Number.isNaN(value)) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
  return { min, max };
}

// The helpers write into the buffer instead of returning numbers: a double returned from a call
// that is not inlined is boxed, and ranking 10,000 models would allocate 10,000s of them.

function writeHardware(candidates: Gathering, offset: number, evidence: Evidence): void {
  const { machine } = candidates.plan;
  candidates.values[offset + COLUMN.hardware] =
    evidence.fit === null || machine === null ? Number.NaN : hardwareFactor(evidence.fit, evidence, machine);
}

function writeListing(candidates: Gathering, offset: number, index: number): void {
  const { plan, prepared, values } = candidates;
  values[offset + COLUMN.listIndex] = index;
  values[offset + COLUMN.cost] = candidates.scaledCosts[index] as number;
  writeTaskFit(values, offset, prepared, index, plan);
  values[offset + COLUMN.quality] = prepared.quality[index] as number;
  values[offset + COLUMN.safety] = prepared.safety[index] as number;
  values[offset + COLUMN.isLocal] = prepared.isLocal[index] as number;
  values[offset + COLUMN.isFree] = prepared.isFree[index] as number;
}

function record(candidates: Gathering, index: number, evidence: Evidence): void {
  const { values } = candidates;
  const offset = candidates.count * COLUMN_COUNT;
  candidates.count += 1;
  writeListing(candidates, offset, index);
  writeHardware(candidates, offset, evidence);
  writeStats(values, offset, evidence.stats);
}

function writeStats(values: Float64Array, offset: number, stats: ModelPerformanceStats | undefined): void {
  // Plain tests, not `?.` and `??`: merging a number field with a fallback boxes it, per model.
  const latencyMs = stats === undefined ? null : stats.latencyMs;
  const timeToFirstTokenMs = stats === undefined ? null : stats.timeToFirstTokenMs;
  const tokensPerSecond = stats === undefined ? null : stats.tokensPerSecond;
  values[offset + COLUMN.latencyMs] = latencyMs === null ? Number.NaN : latencyMs.p95;
  values[offset + COLUMN.timeToFirstTokenMs] = timeToFirstTokenMs === null ? Number.NaN : timeToFirstTokenMs.p95;
  values[offset + COLUMN.tokensPerSecond] = tokensPerSecond === null ? Number.NaN : tokensPerSecond;
  values[offset + COLUMN.successRate] = stats === undefined ? Number.NaN : stats.successRate;
}

function consider(candidates: Gathering, index: number, evidence: Evidence): void {
  if (firstRejection(candidates.prepared, index, candidates.plan, evidence) === null) {
    record(candidates, index, evidence);
  } else if (candidates.rejected !== null) {
    candidates.rejected.push(index);
    if (evidence.hasReadStats) candidates.decidedStats.set(index, evidence.stats);
  }
}

/**
 * Filters the models and gathers the values of the accepted ones in one pass.
 * @param collectRejections keep the rejected models (ranking and explaining do; best-of-N does not).
 */
export function gatherCandidates(
  models: readonly ModelInfo[],
  plan: SelectionPlan,
  collectRejections: boolean,
): Candidates {
  const prepared = preparedModelsFor(models);
  const count = prepared.models.length;
  const gathering: Gathering = {
    plan,
    prepared,
    count: 0,
    rejected: collectRejections ? [] : null,
    decidedStats: new Map(),
    values: acquireValueBuffer(count * COLUMN_COUNT),
    scaledCosts: scaledCostsFor(prepared, plan.scoringTokens),
  };
  const evidence = createEvidence();
  if (collectRejections) {
    for (let index = 0; index < count; index += 1) consider(gathering, index, evidence);
  } else {
    // Without rejections to collect, only the models that pass the listing checks are visited.
    const { passing } = listingVerdictsFor(prepared, plan);
    for (let position = 0; position < passing.length; position += 1) {
      consider(gathering, passing[position] as number, evidence);
    }
  }
  return {
    ...gathering,
    costRange: rangeOf(gathering, COLUMN.cost),
    latencyRange: rangeOf(gathering, COLUMN.latencyMs),
    timeToFirstTokenRange: rangeOf(gathering, COLUMN.timeToFirstTokenMs),
    tokensPerSecondRange: rangeOf(gathering, COLUMN.tokensPerSecond),
  };
}
