// createCustomProvider(): a ModelProvider for any OpenAI-compatible server. Creating does no I/O.
import {
  type CallOptions,
  type HealthStatus,
  type LanguageModel,
  type ListModelsOptions,
  type ModelInfo,
  type ModelProvider,
  ModelyardError,
  type ProviderSupports,
  parseResponseWithSchema,
  parseWithSchema,
  SPECIFICATION_VERSION,
  systemClock,
} from '@modelyard/core';
import { modelListSchema } from './custom-api';
import { createModelCatalogue } from './custom-catalogue';
import { createCustomConnection } from './custom-client';
import { classifyCustomError } from './custom-error';
import { checkListingHealth } from './custom-health';
import { createCustomLanguageModel } from './custom-language-model';
import { CUSTOM_KIND, declaredModelToInfo, discoveredModelToInfo, mergeModels } from './custom-models';
import { type CustomProviderSettings, customProviderSettingsSchema } from './custom-settings';

/**
 * Creates a provider for an OpenAI-compatible server (vLLM, llama.cpp server, LocalAI, TGI, a hosted
 * API). No I/O happens until the first call; bad settings throw a ConfigError naming the field.
 *
 * @example
 * ```text
 * const vllm = createCustomProvider({ name: 'my-vllm', baseURL: 'http://gpu-box:8000/v1', locality: 'local' });
 * const model = await vllm.loadModel('Qwen/Qwen2.5-7B-Instruct');
 * ```
 */
export function createCustomProvider(settings: CustomProviderSettings): ModelProvider {
  const parsed = parseWithSchema(customProviderSettingsSchema, settings, 'custom provider settings');
  const providerId = parsed.name;
  const clock = parsed.clock ?? systemClock;
  const defaults = { providerId, locality: parsed.locality };
  const declared = parsed.models.map((model) => declaredModelToInfo(model, defaults));
  const supports: ProviderSupports = Object.freeze({
    streaming: true,
    pull: false,
    loadUnload: false,
    tools: false,
    embeddings: false,
    generationOptions: [...new Set(parsed.generationOptions)],
  });
  const connection = createCustomConnection({
    apiKey: parsed.apiKey,
    baseURL: parsed.baseURL,
    headers: parsed.headers,
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
  });
  const classify = (thrown: unknown, signal: AbortSignal | undefined) =>
    classifyCustomError(thrown, { providerId, secrets: connection.secrets(), signal, nowMs: clock.now() });

  function abortedIfSignalled(signal: AbortSignal | undefined): void {
    if (signal?.aborted)
      throw new ModelyardError({ kind: 'aborted', message: `The call to ${providerId} was aborted`, providerId });
  }

  async function discover(signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    let raw: unknown;
    try {
      raw = await connection.client().get('/models', { signal });
    } catch (error) {
      throw classify(error, signal);
    }
    const listing = parseResponseWithSchema(modelListSchema, raw, { providerId, what: 'a model listing' });
    return mergeModels(
      declared,
      listing.data.map((entry) => discoveredModelToInfo(entry, defaults)),
    );
  }

  const catalogue = createModelCatalogue({ load: discover, clock, ttlMs: parsed.cacheTtlMs });
  const modelContext = {
    providerId,
    connection,
    clock,
    supports,
    // Only declarations carry prices: a model the server merely lists has none.
    pricingOf: (modelId: string) => declared.find((model) => model.modelId === modelId)?.pricing ?? null,
  };

  async function listModels(options: ListModelsOptions = {}): Promise<ModelInfo[]> {
    if (parsed.discover) return catalogue.list(options);
    abortedIfSignalled(options.signal);
    return [...declared];
  }

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: providerId,
    kind: CUSTOM_KIND,
    supports,
    listModels,

    async loadModel(modelId: string, options: CallOptions = {}): Promise<LanguageModel> {
      // A declared model needs no listing; another one must be on the server's list.
      const isKnown =
        declared.some((model) => model.modelId === modelId) ||
        (parsed.discover &&
          (await catalogue.list({ signal: options.signal })).some((model) => model.modelId === modelId));
      if (!isKnown) {
        throw new ModelyardError({
          kind: 'not_found',
          message: `${providerId} has no model "${modelId}"`,
          providerId,
          modelId,
        });
      }
      return createCustomLanguageModel(modelContext, modelId);
    },

    async unloadModel() {
      // The server decides what stays in memory; there is nothing to unload through its OpenAI API.
    },

    healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      return checkListingHealth({
        clock,
        signal: options.signal,
        list: discover,
        classify,
        // Without discovery the server may have no listing endpoint: any HTTP answer shows it is up.
        upDespite: (error) =>
          !parsed.discover && error.kind === 'not_found'
            ? `${providerId} answered (it has no model listing)`
            : undefined,
      });
    },

    async dispose() {
      catalogue.clear();
    },
  };
}
