// OpenRouter's model listing → core ModelInfo. Every value is built valid by construction (counts
// ≥ 1, max output within the context, no price above 0 on a free model) so one odd entry never
// breaks a listing of hundreds.
import {
  type Capability,
  LONG_CONTEXT_TOKENS,
  MODALITIES,
  type Modality,
  type ModelInfo,
  modelInfoSchema,
  type Pricing,
} from '@modelyard/core';
import type { OpenRouterModel } from './openrouter-api';
import { parsePriceString } from './openrouter-price';

/** The provider kind of every OpenRouter model. */
export const OPENROUTER_KIND = 'openrouter';

/** A token count when it is a whole number ≥ 1, else `null` (unknown). */
function tokenCount(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

/**
 * The context window a request can count on, in tokens: the smaller of the model's and its top
 * provider's when both are known (OpenRouter may route to the top provider, whose window can be
 * smaller), else whichever is known.
 */
export function effectiveContextLength(model: OpenRouterModel): number | null {
  const known = [tokenCount(model.context_length), tokenCount(model.top_provider?.context_length)].filter(
    (value): value is number => value !== null,
  );
  return known.length === 0 ? null : Math.min(...known);
}

/** The model's prices in USD per token / request. An absent request price is 0 (OpenRouter omits it when none). */
export function pricingOf(model: OpenRouterModel): Pricing {
  const pricing = model.pricing;
  return {
    inputPerToken: parsePriceString(pricing?.prompt),
    outputPerToken: parsePriceString(pricing?.completion),
    perRequest: pricing?.request === undefined || pricing.request === null ? 0 : parsePriceString(pricing.request),
  };
}

/**
 * Whether the model costs nothing: OpenRouter's `:free` variants, or every price known and 0.
 * Never when a known price is above 0 (the listing would contradict itself).
 */
export function isFreeModel(id: string, pricing: Pricing): boolean {
  const prices = [pricing.inputPerToken, pricing.outputPerToken, pricing.perRequest];
  if (prices.some((price) => price !== null && price > 0)) return false;
  return id.endsWith(':free') || prices.every((price) => price === 0);
}

function modalitiesOf(names: readonly string[] | null | undefined): Modality[] {
  const known = new Set<string>(MODALITIES);
  const modalities = [...new Set(names)].filter((name): name is Modality => known.has(name));
  return modalities.length === 0 ? ['text'] : modalities;
}

/**
 * Capabilities from facts OpenRouter lists: output and input modalities, `supported_parameters`
 * (`tools`; `response_format` → JSON mode; `structured_outputs` → JSON mode and schemas;
 * `reasoning`/`include_reasoning`), and the context length (`long_context` from 100,000 tokens).
 */
export function capabilitiesOf(
  parameters: readonly string[],
  modalities: { input: readonly Modality[]; output: readonly Modality[] },
  contextLength: number | null,
): Capability[] {
  const has = (name: string) => parameters.includes(name);
  const writesText = modalities.output.includes('text');
  const checks: [Capability, boolean][] = [
    ['chat', writesText],
    ['streaming', writesText],
    ['tools', has('tools')],
    ['json', has('response_format') || has('structured_outputs')],
    ['structured_output', has('structured_outputs')],
    ['vision', modalities.input.includes('image')],
    ['audio', modalities.input.includes('audio')],
    ['embeddings', modalities.output.includes('embedding')],
    ['reasoning', has('reasoning') || has('include_reasoning')],
    ['long_context', contextLength !== null && contextLength >= LONG_CONTEXT_TOKENS],
  ];
  return checks.filter(([, applies]) => applies).map(([capability]) => capability);
}

/** One OpenRouter listing entry as a core {@link ModelInfo} of provider instance `providerId`. */
export function openRouterModelToInfo(model: OpenRouterModel, providerId: string): ModelInfo {
  const pricing = pricingOf(model);
  const contextLength = effectiveContextLength(model);
  const maxCompletion = tokenCount(model.top_provider?.max_completion_tokens);
  const modalities = {
    input: modalitiesOf(model.architecture?.input_modalities),
    output: modalitiesOf(model.architecture?.output_modalities),
  };
  const parameters = model.supported_parameters ?? [];
  return modelInfoSchema.parse({
    providerId,
    modelId: model.id,
    providerKind: OPENROUTER_KIND,
    ...(model.name ? { displayName: model.name } : {}),
    description: model.description || null,
    locality: 'remote',
    contextLength,
    maxOutputTokens:
      maxCompletion === null || contextLength === null ? maxCompletion : Math.min(maxCompletion, contextLength),
    pricing,
    isFree: isFreeModel(model.id, pricing),
    capabilities: capabilitiesOf(parameters, modalities, contextLength),
    modalities,
    providerMetadata: {
      modelContextLength: tokenCount(model.context_length),
      topProviderContextLength: tokenCount(model.top_provider?.context_length),
      isModerated: model.top_provider?.is_moderated ?? null,
      supportedParameters: [...parameters],
    },
  });
}

/** Which models a listing keeps; every field optional, prices in USD per token. */
export interface OpenRouterModelFilter {
  /** Keep only free models (`isFree`). */
  freeOnly?: boolean;
  /** Keep only models whose input price is known and at most this, in USD per token. */
  maxInputPricePerToken?: number;
  /** Keep only models whose output price is known and at most this, in USD per token. */
  maxOutputPricePerToken?: number;
}

function withinLimit(price: number | null, limit: number | undefined): boolean {
  if (limit === undefined) return true;
  // An unknown price may be anything: it never passes a cap.
  return price !== null && price <= limit;
}

/** The models that pass `filter`, in their original order. Price caps are inclusive. */
export function filterModels(models: readonly ModelInfo[], filter: OpenRouterModelFilter): ModelInfo[] {
  return models.filter(
    (model) =>
      (filter.freeOnly !== true || model.isFree) &&
      withinLimit(model.pricing.inputPerToken, filter.maxInputPricePerToken) &&
      withinLimit(model.pricing.outputPerToken, filter.maxOutputPricePerToken),
  );
}
