import type { ModelInfo, ModelRequirements, ModelRequirementsInput } from '@modelyard/core';
import { createEvidence, readMemoryFit, statsOf } from '../filters/evidence';
import type { RejectedModel } from '../filters/rejection';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan, type SelectionPlan } from '../plan/selection-plan';
import { requestCostAt } from '../prepared/request-cost';
import { type Candidates, candidateModel, columnValue, gatherCandidates, releaseCandidates } from './candidates';
import { COLUMN } from './columns';
import { describeFactor } from './factor-details';
import { appliedWeight, fillFactors } from './factor-values';
import { FACTOR_NAMES, type FactorName, type FactorWeights } from './factors';
import { lazyRejections, rankOrder, scoreCandidates } from './rank-models';

/** One factor of one model's score. */
export interface FactorExplanation {
  factor: FactorName;
  /** Whether the factor counts for this model (see `FACTOR_NAMES` for when each applies). */
  applies: boolean;
  /** The input in its own unit (score 0–10, USD per request, p95 ms, bytes, affinity, 1/0); `null` when unknown. */
  raw: number | null;
  /** 0–1 as scored; `null` when the factor does not apply. */
  normalized: number | null;
  /** The configured weight. */
  weight: number;
  /** weight ÷ the summed weights of the factors that apply to this model; 0 when it does not apply. */
  share: number;
  /** share × normalized: what the factor adds to the score. */
  contribution: number;
  /** A sentence about the raw value. */
  detail: string;
}

/** One ranked model with every factor; the contributions add up to the score. */
export interface ModelExplanation {
  model: ModelInfo;
  rank: number;
  score: number;
  factors: FactorExplanation[];
}

/** What {@link explainRanking} returns. */
export interface RankingExplanation {
  /** The requirements as parsed (defaults applied). */
  requirements: ModelRequirements;
  /** The weights used: options and task profile merged. */
  weights: FactorWeights;
  /** Accepted models, in rank order. */
  ranked: ModelExplanation[];
  /** Models the filters removed, with every reason. */
  rejected: RejectedModel[];
}

function explainModel(candidates: Candidates, index: number, rank: number): ModelExplanation {
  const { plan } = candidates;
  const model = candidateModel(candidates, index);
  const values = new Float64Array(FACTOR_NAMES.length);
  fillFactors(candidates, index, values);
  const total = appliedWeight(values, plan.weightVector);
  const listIndex = columnValue(candidates, index, COLUMN.listIndex);
  const evidence = createEvidence();
  evidence.stats = statsOf(model, plan);
  readMemoryFit(candidates.prepared, listIndex, plan, evidence);
  const facts = {
    plan,
    evidence,
    costUsd: requestCostAt(candidates.prepared, listIndex, plan.scoringTokens),
    taskFit: columnValue(candidates, index, COLUMN.taskFit),
  };
  const factors = FACTOR_NAMES.map((factor, position): FactorExplanation => {
    const value = values[position] as number;
    const applies = !Number.isNaN(value);
    const weight = plan.weights[factor];
    // The arithmetic of scoreFactors, so the contributions add up to the ranking's score.
    const share = applies && total > 0 ? weight / total : 0;
    const contribution = applies ? share * value : 0;
    return {
      factor,
      applies,
      normalized: applies ? value : null,
      weight,
      share,
      contribution,
      ...describeFactor(factor, model, facts),
    };
  });
  return { model, rank, score: columnValue(candidates, index, COLUMN.score), factors };
}

/** {@link explainRanking} on a compiled plan. */
export function explainWithPlan(models: readonly ModelInfo[], plan: SelectionPlan): RankingExplanation {
  const candidates = gatherCandidates(models, plan, true);
  scoreCandidates(candidates);
  const explanation = {
    requirements: plan.requirements,
    weights: plan.weights,
    ranked: rankOrder(candidates).map((index, position) => explainModel(candidates, index, position + 1)),
    rejected: lazyRejections(candidates)(),
  };
  releaseCandidates(candidates);
  return explanation;
}

/**
 * `rankModels` with the workings: for each ranked model, every factor's raw value, normalized
 * value, weight, share and contribution (the contributions add up to the score), so one can see
 * why #1 beat #2; and every rejected model with its reasons. Slower than `rankModels`: use it to
 * show or debug a choice, not on every request.
 *
 * @throws ConfigError naming the field when the requirements or options are malformed.
 */
export function explainRanking(
  models: readonly ModelInfo[],
  requirements: ModelRequirementsInput = {},
  options: SelectionOptions = {},
): RankingExplanation {
  return explainWithPlan(models, compilePlan(requirements, resolveSelectionOptions(options)));
}
