import type { SelectionPlan } from '../plan/selection-plan';
import { modelKeyAt, type PreparedModels } from '../prepared/prepared-models';
import { requestCostAt } from '../prepared/request-cost';
import type { RejectionCode } from './rejection';

// Constraints read from a model's listing (its prepared columns). Each returns the code of the
// broken constraint, or null; an absent constraint never rejects; unknown (NaN) fails a set one.

type Check = (prepared: PreparedModels, index: number, plan: SelectionPlan) => RejectionCode | null;

export const checkDeniedModel: Check = (prepared, index, plan) =>
  // Keys are strings built per model: only when some model is denied at all.
  plan.deniedModelKeys.size > 0 && plan.deniedModelKeys.has(modelKeyAt(prepared, index)) ? 'model_denied' : null;

function providerVerdict(providerId: string, plan: SelectionPlan): 'provider_denied' | 'provider_not_allowed' | null {
  if (plan.deniedProviders.has(providerId)) return 'provider_denied';
  return plan.allowedProviders !== null && !plan.allowedProviders.has(providerId) ? 'provider_not_allowed' : null;
}

function providerVerdicts(
  prepared: PreparedModels,
  plan: SelectionPlan,
): NonNullable<SelectionPlan['providerVerdicts']> {
  const verdicts = { prepared, verdicts: prepared.providers.map((providerId) => providerVerdict(providerId, plan)) };
  plan.providerVerdicts = verdicts;
  return verdicts;
}

export const checkProvider: Check = (prepared, index, plan) => {
  // The cache miss lives in its own function: a closure here would make V8 allocate a context on
  // every call, once per model.
  const cached =
    plan.providerVerdicts?.prepared === prepared ? plan.providerVerdicts : providerVerdicts(prepared, plan);
  return cached.verdicts[prepared.providerIndex[index] as number] as RejectionCode | null;
};

export const checkLocality: Check = (prepared, index, plan) => {
  const { locality } = plan.requirements;
  const isLocal = prepared.isLocal[index] === 1;
  if (locality === 'local_only' && !isLocal) return 'locality_mismatch';
  return locality === 'remote_only' && isLocal ? 'locality_mismatch' : null;
};

export const checkFreeOnly: Check = (prepared, index, plan) =>
  plan.requirements.freeOnly && prepared.isFree[index] === 0 ? 'not_free' : null;

export const checkContext: Check = (prepared, index, plan) => {
  const minimum = plan.requirements.minContextLength;
  if (minimum === undefined) return null;
  const contextLength = prepared.contextLength[index] as number;
  if (Number.isNaN(contextLength)) return 'context_unknown';
  return contextLength < minimum ? 'context_too_short' : null;
};

export const checkCapabilities: Check = (prepared, index, plan) =>
  ((prepared.capabilities[index] as number) & plan.requiredCapabilityMask) === plan.requiredCapabilityMask
    ? null
    : 'capability_missing';

// Caps are compiled into limits once per request (see `capLimit`), so a model costs a comparison;
// prices go in as a column and an index, never as a number: a double passed to a call that V8
// does not inline is boxed, an allocation per model on ranking's hot path.
function priceFailure(prices: Float64Array, index: number, limit: number): 'unknown' | 'above_cap' | null {
  // No cap is an infinite limit (caps are finite): reading the optional cap itself would box it.
  if (limit === Number.POSITIVE_INFINITY) return null;
  const price = prices[index] as number;
  if (Number.isNaN(price)) return 'unknown';
  return price > limit ? 'above_cap' : null;
}

export const checkInputPrice: Check = (prepared, index, plan) => {
  const failure = priceFailure(prepared.inputPrice, index, plan.inputPriceLimit);
  return failure === null ? null : `input_price_${failure}`;
};

export const checkOutputPrice: Check = (prepared, index, plan) => {
  const failure = priceFailure(prepared.outputPrice, index, plan.outputPriceLimit);
  return failure === null ? null : `output_price_${failure}`;
};

export const checkCost: Check = (prepared, index, plan) => {
  if (plan.costLimit === Number.POSITIVE_INFINITY) return null;
  const cost = requestCostAt(prepared, index, plan.filterTokens);
  if (Number.isNaN(cost)) return 'cost_unknown';
  return cost > plan.costLimit ? 'cost_above_cap' : null;
};

export const checkQuality: Check = (prepared, index, plan) => {
  const minimum = plan.requirements.minQuality;
  if (minimum === undefined) return null;
  const quality = prepared.quality[index] as number;
  if (Number.isNaN(quality)) return 'quality_unknown';
  return quality < minimum ? 'quality_below_minimum' : null;
};

export const checkSafety: Check = (prepared, index, plan) => {
  const minimum = plan.requirements.minSafety;
  if (minimum === undefined) return null;
  const safety = prepared.safety[index] as number;
  if (Number.isNaN(safety)) return 'safety_unknown';
  return safety < minimum ? 'safety_below_minimum' : null;
};

/** The listing checks, cheapest and most selective first. */
export const LISTING_CHECKS: readonly Check[] = [
  checkDeniedModel,
  checkProvider,
  checkLocality,
  checkFreeOnly,
  checkCapabilities,
  checkContext,
  checkInputPrice,
  checkOutputPrice,
  checkCost,
  checkQuality,
  checkSafety,
];

/** Every listing constraint model `index` breaks, in {@link LISTING_CHECKS} order. */
export function listingRejections(prepared: PreparedModels, index: number, plan: SelectionPlan): RejectionCode[] {
  const codes: RejectionCode[] = [];
  for (const check of LISTING_CHECKS) {
    const code = check(prepared, index, plan);
    if (code !== null) codes.push(code);
  }
  return codes;
}

/** The first listing constraint model `index` breaks, or `null`: direct calls, for ranking's hot path. */
export function firstListingRejection(
  prepared: PreparedModels,
  index: number,
  plan: SelectionPlan,
): RejectionCode | null {
  return (
    checkDeniedModel(prepared, index, plan) ??
    checkProvider(prepared, index, plan) ??
    checkLocality(prepared, index, plan) ??
    checkFreeOnly(prepared, index, plan) ??
    checkCapabilities(prepared, index, plan) ??
    checkContext(prepared, index, plan) ??
    checkInputPrice(prepared, index, plan) ??
    checkOutputPrice(prepared, index, plan) ??
    checkCost(prepared, index, plan) ??
    checkQuality(prepared, index, plan) ??
    checkSafety(prepared, index, plan)
  );
}
