// LM Studio's model descriptions (`listDownloadedModels`, `listLoaded`) as core ModelInfo.

import type { LLMInfo, LLMInstanceInfo } from '@lmstudio/sdk';
import { type Capability, FREE_PRICING, LONG_CONTEXT_TOKENS, type ModelInfo, modelInfoSchema } from '@modelyard/core';

/** The provider kind of every model this package lists. */
export const LMSTUDIO_KIND = 'lmstudio';

const MULTIPLIERS: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * The parameter count of LM Studio's `paramsString`: `7B` → 7e9, `1.5B` → 1.5e9, `33M` → 3.3e7,
 * `30B-A3B` (a mixture of experts with 3B active) → 3e10, the total. Anything else (`8x7B`, where
 * the total is not the product, or an empty string) is `null`: unknown, not guessed.
 */
export function parseParameterCount(paramsString: string | undefined): number | null {
  if (paramsString === undefined) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([KMBT])(?:-A\d+(?:\.\d+)?[KMBT])?$/i.exec(paramsString.trim());
  if (match === null) return null;
  const multiplier = MULTIPLIERS[(match[2] as string).toUpperCase()] as number;
  // Rounded so that 1.1 × 1e9 is 1,100,000,000 and not 1,100,000,000.0000002.
  return Math.round(Number(match[1]) * multiplier);
}

/**
 * What a model can do, from what LM Studio reports: every LLM chats and streams; `tools` when it
 * was trained for tool use; `vision` when it reads images; `json` and `structured_output` for GGUF
 * models (LM Studio constrains them with a grammar); `long_context` from 100,000 tokens.
 */
export function capabilitiesOf(model: Pick<LLMInfo, 'format' | 'vision' | 'trainedForToolUse' | 'maxContextLength'>) {
  const capabilities: Capability[] = ['chat', 'streaming'];
  if (model.format === 'gguf') capabilities.push('json', 'structured_output');
  if (model.trainedForToolUse) capabilities.push('tools');
  if (model.vision) capabilities.push('vision');
  if (model.maxContextLength >= LONG_CONTEXT_TOKENS) capabilities.push('long_context');
  return capabilities;
}

/**
 * A downloaded LLM as a core {@link ModelInfo}: free and local; the model key as its id; its
 * trained context length; size, parameters, quantization, architecture and format as weights;
 * loaded when `loaded` has an instance of it (whose identifiers and context lengths go to
 * `providerMetadata.loadedInstances`).
 */
export function toModelInfo(providerId: string, model: LLMInfo, loaded: readonly LLMInstanceInfo[]): ModelInfo {
  const instances = loaded.filter((instance) => instance.modelKey === model.modelKey);
  return modelInfoSchema.parse({
    providerId,
    modelId: model.modelKey,
    providerKind: LMSTUDIO_KIND,
    displayName: model.displayName.length > 0 ? model.displayName : undefined,
    locality: 'local',
    contextLength: model.maxContextLength >= 1 ? model.maxContextLength : null,
    pricing: FREE_PRICING,
    isFree: true,
    capabilities: capabilitiesOf(model),
    modalities: { input: model.vision ? ['text', 'image'] : ['text'], output: ['text'] },
    weights: {
      sizeBytes: model.sizeBytes >= 0 ? model.sizeBytes : null,
      parameterCount: parseParameterCount(model.paramsString),
      quantization: model.quantization?.name || null,
      family: model.architecture || null,
      format: model.format,
    },
    isLoaded: instances.length > 0,
    providerMetadata: {
      path: model.path,
      ...(model.paramsString ? { paramsString: model.paramsString } : {}),
      ...(model.quantization ? { quantizationBits: model.quantization.bits } : {}),
      trainedForToolUse: model.trainedForToolUse,
      vision: model.vision,
      loadedInstances: instances.map((instance) => ({
        identifier: instance.identifier,
        contextLength: instance.contextLength,
      })),
    },
  });
}

/**
 * The listing: every downloaded LLM (embedding models are left out: this provider generates
 * text), in LM Studio's order, each id once.
 */
export function toModelInfos(
  providerId: string,
  downloaded: readonly { type: string }[],
  loaded: readonly LLMInstanceInfo[],
): ModelInfo[] {
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const entry of downloaded) {
    if (entry.type !== 'llm') continue;
    const model = entry as LLMInfo;
    if (seen.has(model.modelKey)) continue;
    seen.add(model.modelKey);
    models.push(toModelInfo(providerId, model, loaded));
  }
  return models;
}
