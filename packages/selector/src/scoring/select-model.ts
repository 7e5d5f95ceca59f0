import { compareModelIdentities, type ModelInfo, type ModelRequirementsInput } from '@modelyard/core';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan, type SelectionPlan } from '../plan/selection-plan';
import { type Candidates, candidateModel, columnValue, gatherCandidates, releaseCandidates } from './candidates';
import { COLUMN, COLUMN_COUNT } from './columns';
import { scoreCandidate } from './factor-values';
import { FACTOR_NAMES } from './factors';
import type { RankedModel } from './rank-models';

/** Index of the best candidate, -1 when there is none: one linear scan, no sort. */
function bestCandidate(candidates: Candidates): number {
  // Scores are compared straight from the buffer: a double passed through a call that is not
  // inlined is boxed, one allocation per candidate.
  const { values } = candidates;
  const factors = new Float64Array(FACTOR_NAMES.length);
  if (candidates.count === 0) return -1;
  scoreCandidate(candidates, 0, factors);
  let best = 0;
  for (let index = 1; index < candidates.count; index += 1) {
    scoreCandidate(candidates, index, factors);
    if (isBetter(values, index, best) || (isTie(values, index, best) && isEarlier(candidates, index, best))) {
      best = index;
    }
  }
  return best;
}

/** Whether candidate `index` scores higher than candidate `other`. */
function isBetter(values: Float64Array, index: number, other: number): boolean {
  return (
    (values[index * COLUMN_COUNT + COLUMN.score] as number) > (values[other * COLUMN_COUNT + COLUMN.score] as number)
  );
}

/** Whether candidates `index` and `other` score the same. */
function isTie(values: Float64Array, index: number, other: number): boolean {
  return values[index * COLUMN_COUNT + COLUMN.score] === values[other * COLUMN_COUNT + COLUMN.score];
}

/** Whether candidate `index` comes before candidate `other` in identity order. */
function isEarlier(candidates: Candidates, index: number, other: number): boolean {
  return compareModelIdentities(candidateModel(candidates, index), candidateModel(candidates, other)) < 0;
}

/** {@link selectModel} on a compiled plan. */
export function selectWithPlan(models: readonly ModelInfo[], plan: SelectionPlan): RankedModel | undefined {
  const candidates = gatherCandidates(models, plan, false);
  const best = bestCandidate(candidates);
  const selected =
    best === -1
      ? undefined
      : { model: candidateModel(candidates, best), score: columnValue(candidates, best, COLUMN.score), rank: 1 };
  releaseCandidates(candidates);
  return selected;
}

/**
 * The best model for a request: the first of `rankModels`' ranking, found in one linear scan
 * without sorting and without building rejection reasons. `undefined` when no model passes the
 * filters (use `explainRanking` to see why).
 *
 * @throws ConfigError naming the field when the requirements or options are malformed.
 */
export function selectModel(
  models: readonly ModelInfo[],
  requirements: ModelRequirementsInput = {},
  options: SelectionOptions = {},
): RankedModel | undefined {
  return selectWithPlan(models, compilePlan(requirements, resolveSelectionOptions(options)));
}
