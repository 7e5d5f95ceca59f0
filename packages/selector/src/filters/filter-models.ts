import type { ModelInfo, ModelRequirementsInput } from '@modelyard/core';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan, type SelectionPlan } from '../plan/selection-plan';
import { preparedModelsFor } from '../prepared/prepared-models';
import { createEvidence } from './evidence';
import { firstRejection, rejectionReasons } from './reject-model';
import type { FilterResult } from './rejection';

/** {@link filterModels} on a compiled plan. */
export function filterWithPlan(models: readonly ModelInfo[], plan: SelectionPlan): FilterResult {
  const prepared = preparedModelsFor(models);
  const result: FilterResult = { accepted: [], rejected: [] };
  const evidence = createEvidence();
  for (const [index, model] of prepared.models.entries()) {
    if (firstRejection(prepared, index, plan, evidence) === null) result.accepted.push(model);
    else {
      const reasons = rejectionReasons(prepared, index, plan, evidence.hasReadStats ? evidence : undefined);
      result.rejected.push({ model, reasons });
    }
  }
  return result;
}

/**
 * Applies the hard constraints of a request: context length, capabilities, price caps (0 = free
 * only; unknown price fails), cost cap, measured p95 latency cap (unmeasured passes), minimum
 * quality and safety (unknown fails), locality, provider allow/deny lists, denied models,
 * free-only, and memory fit of local models when `options.hardware` is given (unknown size passes).
 *
 * Each model is judged on its own, so filtering is idempotent and keeps the input order.
 *
 * @throws ConfigError naming the field when the requirements or options are malformed.
 */
export function filterModels(
  models: readonly ModelInfo[],
  requirements: ModelRequirementsInput = {},
  options: SelectionOptions = {},
): FilterResult {
  return filterWithPlan(models, compilePlan(requirements, resolveSelectionOptions(options)));
}
