import {
  type Capability,
  FREE_PRICING,
  LONG_CONTEXT_TOKENS,
  type MemoryEstimate,
  type ModelInfo,
  modelInfoSchema,
} from '@modelyard/core';
import type { ModelFacts } from './model-facts';
import type { ModelFile } from './model-files';

/** The provider kind of every model this package lists. */
export const LOCAL_PROVIDER_KIND = 'local';

/** The context size a model is loaded with: the configured size, capped at what it was trained for. */
export function effectiveContextSize(configured: number, trainContextLength: number | null): number {
  return trainContextLength === null ? configured : Math.min(configured, trainContextLength);
}

/**
 * The context lengths to report memory estimates at: the configured ones (or, by default, the
 * loading size and the full trained length), capped at the trained length, without duplicates,
 * in increasing order.
 */
export function estimateContextLengths(
  configured: readonly number[] | undefined,
  loadingSize: number,
  trainContextLength: number | null,
): number[] {
  const wanted = configured ?? [loadingSize, trainContextLength ?? loadingSize];
  const capped = wanted.map((size) => (trainContextLength === null ? size : Math.min(size, trainContextLength)));
  return [...new Set(capped)].sort((a, b) => a - b);
}

/** What {@link toModelInfo} turns into a ModelInfo. */
export interface LocalModelDescription {
  providerId: string;
  file: ModelFile;
  facts: ModelFacts;
  /** Context size the model loads with, in tokens. */
  contextSize: number;
  memoryEstimates: MemoryEstimate[];
  isLoaded: boolean;
}

/**
 * A local model as Modelyard describes models: free, local, chat and streaming, JSON and
 * JSON-Schema output (through llama.cpp grammars), weights facts and memory estimates from the
 * GGUF metadata, and the file's path, trained context and chat template in `providerMetadata`.
 */
export function toModelInfo(description: LocalModelDescription): ModelInfo {
  const { file, facts, contextSize } = description;
  const capabilities: Capability[] = ['chat', 'streaming', 'json', 'structured_output'];
  if (contextSize >= LONG_CONTEXT_TOKENS) capabilities.push('long_context');
  return modelInfoSchema.parse({
    providerId: description.providerId,
    modelId: file.modelId,
    providerKind: LOCAL_PROVIDER_KIND,
    displayName: facts.name ?? file.modelId,
    description: facts.description,
    locality: 'local',
    contextLength: contextSize,
    pricing: FREE_PRICING,
    isFree: true,
    capabilities,
    weights: {
      sizeBytes: file.sizeBytes,
      parameterCount: facts.parameterCount,
      quantization: facts.quantization,
      family: facts.architecture,
      format: 'gguf',
      memoryEstimates: description.memoryEstimates,
    },
    isLoaded: description.isLoaded,
    providerMetadata: {
      path: file.path,
      trainContextLength: facts.trainContextLength,
      chatTemplate: facts.chatTemplate,
    },
  });
}
