import { compareModelIdentities, type ModelInfo, type ModelRequirementsInput } from '@modelyard/core';
import { rejectionReasons } from '../filters/reject-model';
import type { RejectedModel } from '../filters/rejection';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan, type SelectionPlan } from '../plan/selection-plan';
import { type Candidates, candidateModel, columnValue, gatherCandidates, releaseCandidates } from './candidates';
import { COLUMN } from './columns';
import { scoreCandidate } from './factor-values';
import { FACTOR_NAMES } from './factors';

/** One accepted model with its score. */
export interface RankedModel {
  model: ModelInfo;
  /** 0–1, higher is better; see `explainRanking` for how it adds up. */
  score: number;
  /** 1 for the best. */
  rank: number;
}

/** What {@link rankModels} returns. */
export interface Ranking {
  /** Accepted models, best first; equal scores in identity order (`compareModelIdentities`). */
  ranked: RankedModel[];
  /**
   * Models the filters removed, in input order, with every reason. Built when first read (an
   * enumerable getter, so spreading, `JSON.stringify` and deep equality see a plain array).
   */
  readonly rejected: RejectedModel[];
}

/** Scores every candidate into its `score` column. */
export function scoreCandidates(candidates: Candidates): void {
  const factors = new Float64Array(FACTOR_NAMES.length);
  for (let index = 0; index < candidates.count; index += 1) scoreCandidate(candidates, index, factors);
}

/** Candidate indices best first: higher score, then identity order. */
export function rankOrder(candidates: Candidates): number[] {
  // The scores are copied next to each other first: read from the value buffer, every comparison
  // of a 10,000-model sort would touch a different cache line.
  const scores = new Float64Array(candidates.count);
  const order: number[] = [];
  for (let index = 0; index < candidates.count; index += 1) {
    scores[index] = columnValue(candidates, index, COLUMN.score);
    order.push(index);
  }
  return order.sort((left, right) => compareCandidates(candidates, scores, left, right));
}

/**
 * Negative when candidate `left` ranks first. Math.sign keeps the result to -1, 0 or 1: a sort
 * comparator returning a fractional score difference has it boxed, one allocation per comparison.
 */
function compareCandidates(candidates: Candidates, scores: Float64Array, left: number, right: number): number {
  const byScore = (scores[right] as number) - (scores[left] as number);
  return (
    Math.sign(byScore) || compareModelIdentities(candidateModel(candidates, left), candidateModel(candidates, right))
  );
}

/**
 * The rejected models with their reasons, built on first read: most callers of `rankModels` only
 * want the ranking, and sentences for thousands of rejected models would cost more than ranking.
 */
export function lazyRejections(candidates: Candidates): () => RejectedModel[] {
  let rejected: RejectedModel[] | undefined;
  return () => {
    const { prepared, plan } = candidates;
    // Ranking and explaining always collect rejections.
    const { decidedStats } = candidates;
    rejected ??= (candidates.rejected as number[]).map((index) => ({
      model: prepared.models[index] as ModelInfo,
      reasons: rejectionReasons(
        prepared,
        index,
        plan,
        decidedStats.has(index) ? { stats: decidedStats.get(index) } : undefined,
      ),
    }));
    return rejected;
  };
}

/** {@link rankModels} on a compiled plan. */
export function rankWithPlan(models: readonly ModelInfo[], plan: SelectionPlan): Ranking {
  const candidates = gatherCandidates(models, plan, true);
  scoreCandidates(candidates);
  const ranked = rankOrder(candidates).map((index, position) => ({
    model: candidateModel(candidates, index),
    score: columnValue(candidates, index, COLUMN.score),
    rank: position + 1,
  }));
  releaseCandidates(candidates);
  const rejections = lazyRejections(candidates);
  return {
    ranked,
    get rejected() {
      return rejections();
    },
  };
}

/**
 * Filters the models (see `filterModels`), scores the accepted ones on weighted factors (see
 * `FACTOR_NAMES`) and ranks them: best first, equal scores by identity. Same inputs, same order;
 * a model's score never depends on the order of `models`.
 *
 * @throws ConfigError naming the field when the requirements or options are malformed.
 */
export function rankModels(
  models: readonly ModelInfo[],
  requirements: ModelRequirementsInput = {},
  options: SelectionOptions = {},
): Ranking {
  return rankWithPlan(models, compilePlan(requirements, resolveSelectionOptions(options)));
}
