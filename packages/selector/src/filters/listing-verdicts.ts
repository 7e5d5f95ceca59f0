import type { SelectionPlan } from '../plan/selection-plan';
import type { PreparedModels } from '../prepared/prepared-models';
import { firstListingRejection } from './model-checks';
import type { RejectionCode } from './rejection';

/** The listing checks' verdict on every model of a list, for one set of listing constraints. */
export interface ListingVerdicts {
  prepared: PreparedModels;
  /** Per model, in list order: the first listing constraint it breaks, or `null`. */
  codes: readonly (RejectionCode | null)[];
  /** Indices of the models that pass every listing constraint, ascending. */
  passing: Int32Array;
}

/** Verdicts kept per model list: a router asks with a handful of requirement shapes (one per task, say). */
export const LISTING_VERDICTS_KEPT = 16;

const sorted = (values: Iterable<string>) => [...values].sort();

/**
 * What the listing checks read from a plan, as one string: two plans with the same signature get
 * the same verdict on every model. Stats, memory and scoring are not part of it.
 */
export function listingSignature(plan: SelectionPlan): string {
  const { requirements } = plan;
  return JSON.stringify([
    sorted(plan.deniedModelKeys),
    sorted(plan.deniedProviders),
    plan.allowedProviders === null ? null : sorted(plan.allowedProviders),
    requirements.locality,
    requirements.freeOnly,
    plan.requiredCapabilityMask,
    requirements.minContextLength ?? null,
    // Limits are finite or +∞; JSON writes ∞ as null, so it goes in as a string.
    String(plan.inputPriceLimit),
    String(plan.outputPriceLimit),
    String(plan.costLimit),
    plan.filterTokens.inputTokens,
    plan.filterTokens.outputTokens,
    requirements.minQuality ?? null,
    requirements.minSafety ?? null,
  ]);
}

function computeVerdicts(prepared: PreparedModels, plan: SelectionPlan): ListingVerdicts {
  const count = prepared.models.length;
  const codes: (RejectionCode | null)[] = new Array(count);
  const passing: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const code = firstListingRejection(prepared, index, plan);
    codes[index] = code;
    if (code === null) passing.push(index);
  }
  return { prepared, codes, passing: Int32Array.from(passing) };
}

/**
 * The listing verdicts of `prepared` under `plan`'s constraints: computed once per model list and
 * signature (the {@link LISTING_VERDICTS_KEPT} most recently used are kept on the list's columns),
 * then remembered on the plan for the rest of the call.
 */
export function listingVerdictsFor(prepared: PreparedModels, plan: SelectionPlan): ListingVerdicts {
  if (plan.listingVerdicts?.prepared === prepared) return plan.listingVerdicts;
  const signature = listingSignature(plan);
  const kept = prepared.listingVerdicts;
  let verdicts = kept.get(signature);
  if (verdicts === undefined) {
    verdicts = computeVerdicts(prepared, plan);
    if (kept.size >= LISTING_VERDICTS_KEPT) kept.delete(kept.keys().next().value as string);
  } else {
    // Most recently used last: the first key is the one to drop.
    kept.delete(signature);
  }
  kept.set(signature, verdicts);
  plan.listingVerdicts = verdicts;
  return verdicts;
}
