import type { GenerateRequest, GenerationOptionName } from '@modelyard/core';
import type { ProviderContractOptions } from './contract-options';

/** The prompt every contract request sends. */
export const CONTRACT_PROMPT = 'Say hello to the contract suite';

/**
 * A value for every generation option, chosen so that each is distinguishable on the wire and
 * `0` is exercised as a value (temperature 0 is greedy decoding, not "unset").
 */
export const CONTRACT_OPTION_VALUES = {
  maxOutputTokens: 48,
  temperature: 0,
  topP: 0.5,
  topK: 7,
  stop: ['STOP-SEQUENCE-NEVER-GENERATED'],
  seed: 42,
  presencePenalty: 0.25,
  frequencyPenalty: 0.5,
  responseFormat: { type: 'json' },
} as const satisfies { [Name in GenerationOptionName]: GenerateRequest[Name] };

/** The request of the generation and streaming rules: the contract prompt plus the caller's `request` fields. */
export function contractRequest(
  options: Pick<ProviderContractOptions, 'request'>,
  extra: Partial<GenerateRequest> = {},
): GenerateRequest {
  return { messages: [{ role: 'user', content: CONTRACT_PROMPT }], ...options.request, ...extra };
}
