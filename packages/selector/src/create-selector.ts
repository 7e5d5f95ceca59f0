import type { ModelInfo, ModelRequirementsInput } from '@modelyard/core';
import { filterWithPlan } from './filters/filter-models';
import type { FilterResult } from './filters/rejection';
import {
  type ResolvedSelectionOptions,
  resolveSelectionOptions,
  type SelectionOptions,
} from './options/selection-options';
import { compilePlan } from './plan/selection-plan';
import { explainWithPlan, type RankingExplanation } from './scoring/explain-ranking';
import { type RankedModel, type Ranking, rankWithPlan } from './scoring/rank-models';
import { selectWithPlan } from './scoring/select-model';

/** The selection functions with hardware, stats, weights and task profiles bound once. */
export interface Selector {
  /** The options as checked, defaults applied. */
  readonly options: ResolvedSelectionOptions;
  /** See `filterModels`. */
  filter(models: readonly ModelInfo[], requirements?: ModelRequirementsInput): FilterResult;
  /** See `rankModels`. */
  rank(models: readonly ModelInfo[], requirements?: ModelRequirementsInput): Ranking;
  /** See `selectModel`. */
  select(models: readonly ModelInfo[], requirements?: ModelRequirementsInput): RankedModel | undefined;
  /** See `explainRanking`. */
  explain(models: readonly ModelInfo[], requirements?: ModelRequirementsInput): RankingExplanation;
}

/**
 * Binds selection options once: they are checked here (not on every call), and each call then
 * only parses its requirements. Creating a selector does no I/O; detect the hardware first with
 * `detectHardware()` and pass the profile.
 *
 * @throws ConfigError naming every bad option.
 */
export function createSelector(options: SelectionOptions = {}): Selector {
  const resolved = resolveSelectionOptions(options);
  return {
    options: resolved,
    filter: (models, requirements = {}) => filterWithPlan(models, compilePlan(requirements, resolved)),
    rank: (models, requirements = {}) => rankWithPlan(models, compilePlan(requirements, resolved)),
    select: (models, requirements = {}) => selectWithPlan(models, compilePlan(requirements, resolved)),
    explain: (models, requirements = {}) => explainWithPlan(models, compilePlan(requirements, resolved)),
  };
}
