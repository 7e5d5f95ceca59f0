import { formatModelKey, type ModelInfo, type TokenCounts } from '@modelyard/core';
import type { ListingVerdicts } from '../filters/listing-verdicts';
import { formulaTerms } from '../hardware/model-memory';
import { costScale } from '../scoring/cost-scale';
import { capabilityMask } from './capability-mask';
import { requestCostAt } from './request-cost';

/**
 * A model list in columns: what the filters and factors read, one typed array per fact, so that
 * ranking reads compact numbers instead of walking every `ModelInfo`. `NaN` means unknown.
 * Prices are the effective ones: a model reported free costs 0 even where a price is `null`.
 */
export interface PreparedModels {
  /** The models, in input order (a copy of the array the columns were built from). */
  models: readonly ModelInfo[];
  /** The distinct provider ids, in order of first appearance. */
  providers: readonly string[];
  /** Index in {@link providers} of each model's provider. */
  providerIndex: Int32Array;
  capabilities: Uint32Array;
  contextLength: Float64Array;
  /** USD per token / per request. */
  inputPrice: Float64Array;
  outputPrice: Float64Array;
  requestPrice: Float64Array;
  /** 0–10. */
  quality: Float64Array;
  safety: Float64Array;
  isLocal: Uint8Array;
  isFree: Uint8Array;
  /** Formula memory: weights × (1 + overhead), in bytes; `NaN` when unknown or when the provider estimates memory. */
  memoryBaseBytes: Float64Array;
  /** Formula KV cache, in bytes per token of context. */
  kvCacheBytesPerToken: Float64Array;
  /** The provider listed memory estimates (`weights.memoryEstimates`): read them per context length. */
  hasMemoryEstimates: Uint8Array;
  /** `<providerId>/<modelId>`, built on first need (`denyModels`). */
  modelKeys: string[] | null;
  /** Lower-case `<family> <modelId>`, built on first need (family affinities). */
  familyNames: string[] | null;
  /** Request costs on the cost scale for one pair of token counts, built on first need. */
  scaledCosts: { tokens: TokenCounts; values: Float64Array } | null;
  /** Listing verdicts by listing signature, least recently used first (see `listingVerdictsFor`). */
  listingVerdicts: Map<string, ListingVerdicts>;
}

const price = (value: number | null, isFree: boolean) => (isFree ? 0 : (value ?? Number.NaN));

function fillRow(prepared: PreparedModels, index: number, model: ModelInfo): void {
  const { isFree, pricing, weights } = model;
  prepared.capabilities[index] = capabilityMask(model);
  prepared.contextLength[index] = model.contextLength ?? Number.NaN;
  prepared.inputPrice[index] = price(pricing.inputPerToken, isFree);
  prepared.outputPrice[index] = price(pricing.outputPerToken, isFree);
  prepared.requestPrice[index] = price(pricing.perRequest, isFree);
  prepared.quality[index] = model.quality?.value ?? Number.NaN;
  prepared.safety[index] = model.safety?.value ?? Number.NaN;
  prepared.isLocal[index] = model.locality === 'local' ? 1 : 0;
  prepared.isFree[index] = isFree ? 1 : 0;
  const terms = weights === null ? null : formulaTerms(weights);
  prepared.memoryBaseBytes[index] = terms?.baseBytes ?? Number.NaN;
  prepared.kvCacheBytesPerToken[index] = terms?.kvCacheBytesPerToken ?? Number.NaN;
  prepared.hasMemoryEstimates[index] = weights !== null && weights.memoryEstimates.length > 0 ? 1 : 0;
}

/** Builds the columns of a model list. */
export function prepareModels(models: readonly ModelInfo[]): PreparedModels {
  const count = models.length;
  const providers = new Map<string, number>();
  const providerIndex = Int32Array.from(models, ({ providerId }) => {
    const known = providers.get(providerId);
    if (known !== undefined) return known;
    providers.set(providerId, providers.size);
    return providers.size - 1;
  });
  const prepared: PreparedModels = {
    models: [...models],
    providers: [...providers.keys()],
    providerIndex,
    capabilities: new Uint32Array(count),
    contextLength: new Float64Array(count),
    inputPrice: new Float64Array(count),
    outputPrice: new Float64Array(count),
    requestPrice: new Float64Array(count),
    quality: new Float64Array(count),
    safety: new Float64Array(count),
    isLocal: new Uint8Array(count),
    isFree: new Uint8Array(count),
    memoryBaseBytes: new Float64Array(count),
    kvCacheBytesPerToken: new Float64Array(count),
    hasMemoryEstimates: new Uint8Array(count),
    modelKeys: null,
    familyNames: null,
    scaledCosts: null,
    listingVerdicts: new Map(),
  };
  for (const [index, model] of models.entries()) fillRow(prepared, index, model);
  return prepared;
}

/** The key of model `index`. */
export function modelKeyAt(prepared: PreparedModels, index: number): string {
  prepared.modelKeys ??= prepared.models.map(formatModelKey);
  return prepared.modelKeys[index] as string;
}

/** Lower-case `<weights.family> <modelId>` of model `index`, what family affinities match against. */
export function familyNameAt(prepared: PreparedModels, index: number): string {
  prepared.familyNames ??= prepared.models.map((model) =>
    `${model.weights?.family ?? ''} ${model.modelId}`.toLowerCase(),
  );
  return prepared.familyNames[index] as string;
}

/**
 * The cost of a request to every model on the cost scale (`NaN` unknown), for these token counts.
 * Kept for the last counts asked: requests often share them (the defaults when none are given).
 */
export function scaledCostsFor(prepared: PreparedModels, tokens: TokenCounts): Float64Array {
  const cached = prepared.scaledCosts;
  if (
    cached !== null &&
    cached.tokens.inputTokens === tokens.inputTokens &&
    cached.tokens.outputTokens === tokens.outputTokens
  ) {
    return cached.values;
  }
  const values = Float64Array.from(prepared.models, (_, index) => costScale(requestCostAt(prepared, index, tokens)));
  prepared.scaledCosts = { tokens: { ...tokens }, values };
  return values;
}

const cache = new WeakMap<readonly ModelInfo[], PreparedModels>();

function isSameList(prepared: PreparedModels, models: readonly ModelInfo[]): boolean {
  return prepared.models.length === models.length && models.every((model, index) => prepared.models[index] === model);
}

/**
 * The columns of a model list, reused while the same array holds the same model objects (checked
 * element by element, by identity). Discovery hands the same list to many rankings, so the
 * columns are built once per listing. `ModelInfo` objects are read as immutable: to change a
 * model, put a new object in the list.
 */
export function preparedModelsFor(models: readonly ModelInfo[]): PreparedModels {
  const cached = cache.get(models);
  if (cached !== undefined && isSameList(cached, models)) return cached;
  const prepared = prepareModels(models);
  cache.set(models, prepared);
  return prepared;
}
