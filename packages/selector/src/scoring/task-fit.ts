import type { SelectionPlan } from '../plan/selection-plan';
import { familyNameAt, type PreparedModels } from '../prepared/prepared-models';
import { COLUMN } from './columns';

/**
 * Writes how much of the task profile model `index` matches into `values[offset + taskFit]`: the
 * affinities of the capabilities it has, plus the largest affinity among the families its
 * `weights.family` or id contains (case-insensitive). Written, not returned: a double returned
 * from a call V8 does not inline is boxed, an allocation per model.
 */
export function writeTaskFit(
  values: Float64Array,
  offset: number,
  prepared: PreparedModels,
  index: number,
  plan: SelectionPlan,
): void {
  const capabilities = prepared.capabilities[index] as number;
  // Index loops and pair[0] / pair[1]: destructuring a pair goes through the iterator protocol,
  // which allocates for every model.
  const affinities = plan.capabilityAffinities;
  let fit = 0;
  for (let position = 0; position < affinities.length; position += 1) {
    const pair = affinities[position] as readonly [number, number];
    if ((capabilities & pair[0]) !== 0) fit += pair[1];
  }
  const families = plan.familyAffinities;
  let family = 0;
  if (families.length > 0) {
    const names = familyNameAt(prepared, index);
    for (let position = 0; position < families.length; position += 1) {
      const pair = families[position] as readonly [string, number];
      if (names.includes(pair[0])) family = Math.max(family, pair[1]);
    }
  }
  values[offset + COLUMN.taskFit] = fit + family;
}
