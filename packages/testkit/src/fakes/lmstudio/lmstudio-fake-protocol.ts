// The data shapes of LM Studio's SDK protocol that the fake produces and reads: model infos,
// serialized errors, KV config stacks and chat histories (as @lmstudio/sdk 1.5 defines them).
import type { GenerationOptionName } from '@modelyard/core';
import type { FakeChatMessage } from '../fake-answer';
import type { FakeLMStudioError, FakeLMStudioInstance, FakeLMStudioModel } from './lmstudio-fake-types';

/** The context length an instance gets when the load config names none. */
export const DEFAULT_LOADED_CONTEXT_LENGTH = 4096;

/** `modelInfo` of a downloaded model (`listDownloadedModels`, `loadModel`'s `resolved`). */
export function modelInfoOf(model: FakeLMStudioModel): Record<string, unknown> {
  const type = model.type ?? 'llm';
  const paramsString = model.paramsString === undefined ? '1B' : model.paramsString;
  const architecture = model.architecture === undefined ? 'llama' : model.architecture;
  const quantization = model.quantization === undefined ? { name: 'Q4_K_M', bits: 4 } : model.quantization;
  return {
    type,
    modelKey: model.modelKey,
    format: model.format ?? 'gguf',
    displayName: model.displayName ?? model.modelKey,
    path: model.path ?? `lmstudio-community/${model.modelKey}/${model.modelKey}.gguf`,
    sizeBytes: model.sizeBytes ?? 1_000_000_000,
    ...(paramsString === null ? {} : { paramsString }),
    ...(architecture === null ? {} : { architecture }),
    ...(quantization === null ? {} : { quantization }),
    maxContextLength: model.maxContextLength ?? 4096,
    ...(type === 'llm' ? { vision: model.vision ?? false, trainedForToolUse: model.trainedForToolUse ?? false } : {}),
  };
}

/** `modelInstanceInfo` of a loaded instance (`listLoaded`, `loadModel`'s `success`, `predict`'s `success`). */
export function instanceInfoOf(model: FakeLMStudioModel, instance: FakeLMStudioInstance): Record<string, unknown> {
  return {
    ...modelInfoOf(model),
    identifier: instance.identifier,
    instanceReference: instance.instanceReference,
    contextLength: instance.contextLength,
  };
}

/** An error as LM Studio's `serializeError` writes it. */
export function serializeFakeError(error: FakeLMStudioError): Record<string, unknown> {
  return { ...error, rootTitle: error.title };
}

/** The errors LM Studio answers with when a model is missing, with their `displayData`. */
export const FAKE_ERRORS = {
  pathNotFound: (path: string, available: readonly string[]): FakeLMStudioError => ({
    title: `Cannot find a model with path "${path}"`,
    displayData: {
      code: 'generic.pathNotFound',
      path,
      availablePathsSample: available.slice(0, 10),
      totalModels: available.length,
    },
  }),
  noModelMatchingQuery: (query: unknown, loaded: readonly string[]): FakeLMStudioError => ({
    title: 'No loaded model satisfies all requirements specified in the query.',
    displayData: {
      code: 'generic.noModelMatchingQuery',
      query,
      loadedModelsSample: loaded.slice(0, 10),
      totalLoadedModels: loaded.length,
    },
  }),
  identifierNotFound: (identifier: string, loaded: readonly string[]): FakeLMStudioError => ({
    title: `Cannot find a model with identifier "${identifier}"`,
    displayData: {
      code: 'generic.identifierNotFound',
      identifier,
      loadedModelsSample: loaded.slice(0, 10),
      totalLoadedModels: loaded.length,
    },
  }),
  specificModelUnloaded: (): FakeLMStudioError => ({
    title: 'This model has already been unloaded.',
    displayData: { code: 'generic.specificModelUnloaded' },
  }),
  domainMismatch: (path: string, actualDomain: string, expectedDomain: string): FakeLMStudioError => ({
    title: 'Model has wrong domain.',
    displayData: { code: 'generic.domainMismatch', path, actualDomain, expectedDomain },
  }),
} as const;

/** The fields of a KV config stack, later layers overriding earlier ones (as LM Studio collapses them). */
export function collapseConfigStack(stack: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  const layers = (stack as { layers?: unknown } | null | undefined)?.layers;
  if (!Array.isArray(layers)) return fields;
  for (const layer of layers) {
    const layerFields = (layer as { config?: { fields?: unknown } } | null)?.config?.fields;
    if (!Array.isArray(layerFields)) continue;
    for (const field of layerFields) {
      const { key, value } = (field ?? {}) as { key?: unknown; value?: unknown };
      if (typeof key === 'string') fields.set(key, value);
    }
  }
  return fields;
}

/** A `checkboxNumeric` value (`{ checked, value }`): the number when checked, else `undefined`. */
export function checkedNumber(value: unknown): number | undefined {
  const record = value as { checked?: unknown; value?: unknown } | null | undefined;
  return record?.checked === true && typeof record.value === 'number' ? record.value : undefined;
}

/** The text of a message's parts (`{ type: 'text', text }`); files and tool parts carry no text. */
export function historyToMessages(history: unknown): FakeChatMessage[] {
  const messages = (history as { messages?: unknown } | null | undefined)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.map((message) => {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    const text = Array.isArray(content)
      ? content
          .map((part) => {
            const { type, text: partText } = (part ?? {}) as { type?: unknown; text?: unknown };
            return type === 'text' && typeof partText === 'string' ? partText : '';
          })
          .join('')
      : '';
    return { role: typeof role === 'string' ? role : 'user', content: text };
  });
}

/**
 * The generation options of a recorded `predict` call, in core names, read from its
 * `predictionConfigStack` (`llm.prediction.temperature`, `maxPredictedTokens`, `topPSampling`,
 * `topKSampling`, `stopStrings`, `structured`); options the call did not set are left out. A JSON
 * `structured` setting with an empty schema reads as `{ type: 'json' }`.
 */
export function readLMStudioPredictionOptions(call: {
  parameter: unknown;
}): Partial<Record<GenerationOptionName, unknown>> {
  const stack = (call.parameter as { predictionConfigStack?: unknown } | null | undefined)?.predictionConfigStack;
  const fields = collapseConfigStack(stack);
  const options: Partial<Record<GenerationOptionName, unknown>> = {};
  const maxTokens = checkedNumber(fields.get('llm.prediction.maxPredictedTokens'));
  if (maxTokens !== undefined) options.maxOutputTokens = maxTokens;
  const temperature = fields.get('llm.prediction.temperature');
  if (typeof temperature === 'number') options.temperature = temperature;
  const topP = checkedNumber(fields.get('llm.prediction.topPSampling'));
  if (topP !== undefined) options.topP = topP;
  const topK = fields.get('llm.prediction.topKSampling');
  if (typeof topK === 'number') options.topK = topK;
  const stop = fields.get('llm.prediction.stopStrings');
  if (Array.isArray(stop) && stop.length > 0) options.stop = stop;
  const structured = fields.get('llm.prediction.structured') as
    | { type?: unknown; jsonSchema?: unknown }
    | null
    | undefined;
  if (structured?.type === 'json') {
    const schema = structured.jsonSchema;
    const isAnyJson =
      schema === undefined || (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0);
    options.responseFormat = isAnyJson ? { type: 'json' } : { type: 'json', schema };
  }
  return options;
}
