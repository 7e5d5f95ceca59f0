// createLMStudio(): a ModelProvider for a running LM Studio, on @lmstudio/sdk. Creating does no I/O.

import type { LLMInstanceInfo, LMStudioClient } from '@lmstudio/sdk';
import {
  type CallOptions,
  checkHealth,
  type HealthStatus,
  type LanguageModel,
  type ListModelsOptions,
  type LoadModelOptions,
  type ModelInfo,
  type ModelProvider,
  ModelyardError,
  type ProviderSupports,
  SPECIFICATION_VERSION,
  silentLogger,
  systemClock,
} from '@modelyard/core';
import { LMSTUDIO_GENERATION_OPTIONS } from './lmstudio-chat';
import { LMStudioConnection } from './lmstudio-connection';
import { runBounded } from './lmstudio-deadline';
import {
  abortedError,
  classifyLMStudioError,
  disposedError,
  invalidResponseError,
  isReportedByLMStudio,
  type LMStudioErrorContext,
  modelNotFoundError,
  notALanguageModelError,
  timeoutError,
} from './lmstudio-error';
import { createLMStudioLanguageModel, type LMStudioModelContext } from './lmstudio-language-model';
import { loadPlanOf } from './lmstudio-load-options';
import { LMSTUDIO_KIND, toModelInfos } from './lmstudio-models';
import { type LMStudioSettings, parseLMStudioSettings } from './lmstudio-settings';

/** What every LM Studio provider can do. */
export const LMSTUDIO_SUPPORTS: ProviderSupports = Object.freeze({
  streaming: true,
  pull: false,
  loadUnload: true,
  tools: false,
  embeddings: false,
  generationOptions: [...LMSTUDIO_GENERATION_OPTIONS],
});

// LM Studio refuses keys that are empty, longer than 1,024 characters or hold control characters
// (the SDK's `reasonableKeyString`): no model can have such a key.
const CONTROL_CHARACTER = /\p{C}/u;
function isPossibleModelKey(modelId: string): boolean {
  return modelId.length >= 1 && modelId.length <= 1024 && modelId !== '__proto__' && !CONTROL_CHARACTER.test(modelId);
}

/**
 * Creates a provider for LM Studio (its server on, by default at `ws://127.0.0.1:1234`). No I/O
 * happens until the first call; bad settings throw a ConfigError naming the field.
 *
 * @example
 * ```text
 * const lmstudio = createLMStudio({ baseUrl: 'ws://gpu-box:1234' });
 * const model = await lmstudio.loadModel('qwen2.5-7b-instruct', { contextLength: 8192 });
 * ```
 */
export function createLMStudio(settings: LMStudioSettings = {}): ModelProvider {
  const parsed = parseLMStudioSettings(settings);
  const providerId = parsed.id;
  const clock = parsed.clock ?? systemClock;
  const logger = parsed.logger ?? silentLogger;
  const baseUrl = parsed.baseUrl;
  const connection = new LMStudioConnection({
    providerId,
    baseUrl,
    connectTimeoutMs: parsed.connectTimeoutMs,
    logger,
  });
  let cache: { models: ModelInfo[]; at: number } | null = null;

  const errorContext = (signal?: AbortSignal, modelId?: string): LMStudioErrorContext => ({
    providerId,
    modelId: modelId ?? null,
    baseUrl,
    signal,
  });

  function classify(thrown: unknown, signal: AbortSignal | undefined, modelId?: string): ModelyardError {
    const error = classifyLMStudioError(thrown, errorContext(signal, modelId));
    // A connection that failed is checked again (and bounded again) before the next call; an error
    // LM Studio reported came over a working connection.
    if ((error.kind === 'unavailable' || error.kind === 'timeout') && !isReportedByLMStudio(thrown))
      connection.markBroken();
    return error;
  }

  /** Runs `work` on a checked client, bounded by `timeoutMs` and the caller's signal. */
  async function call<T>(
    what: string,
    signal: AbortSignal | undefined,
    work: (client: LMStudioClient, callSignal: AbortSignal) => Promise<T>,
    modelId?: string,
    timeoutMs = parsed.timeoutMs,
  ): Promise<T> {
    try {
      if (signal?.aborted) throw abortedError(errorContext(signal, modelId), signal.reason);
      return await runBounded(async (callSignal) => work(await connection.ready(signal), callSignal), {
        signal,
        timeoutMs,
        onTimeout: () => timeoutError(errorContext(undefined, modelId), what, timeoutMs),
        onAbort: (reason) => abortedError(errorContext(undefined, modelId), reason),
        disposed: connection.disposedSignal,
        onDisposed: () => disposedError(errorContext(undefined, modelId)),
      });
    } catch (error) {
      throw classify(error, signal, modelId);
    }
  }

  /** Every loaded LLM instance with its full info (context length included). */
  async function loadedInstances(client: LMStudioClient): Promise<LLMInstanceInfo[]> {
    const loaded = await client.llm.listLoaded();
    const infos = await Promise.all(
      loaded.map((model) => client.llm.createDynamicHandle({ identifier: model.identifier }).getModelInfo()),
    );
    // An instance unloaded between the two questions has no info any more: it is not loaded.
    return infos.filter((info): info is LLMInstanceInfo => info !== undefined);
  }

  async function discover(signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    const [downloaded, loaded] = await call('listing the models', signal, (client) =>
      Promise.all([client.system.listDownloadedModels(), loadedInstances(client)]),
    );
    try {
      return toModelInfos(providerId, downloaded, loaded);
    } catch (error) {
      throw invalidResponseError(errorContext(), 'a model listing', error);
    }
  }

  async function listModels(options: ListModelsOptions = {}): Promise<ModelInfo[]> {
    const now = clock.now();
    if (!options.refresh && cache !== null && now - cache.at < parsed.cacheTtlMs) {
      if (options.signal?.aborted) throw abortedError(errorContext(options.signal), options.signal.reason);
      return [...cache.models];
    }
    const models = await discover(options.signal);
    cache = { models, at: clock.now() };
    return [...models];
  }

  const modelContext: LMStudioModelContext = {
    providerId,
    baseUrl,
    connection,
    clock,
    supports: LMSTUDIO_SUPPORTS,
    timeoutMs: parsed.timeoutMs,
    classify,
  };

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: providerId,
    kind: LMSTUDIO_KIND,
    supports: LMSTUDIO_SUPPORTS,
    listModels,

    async loadModel(modelId: string, options: LoadModelOptions = {}): Promise<LanguageModel> {
      const plan = loadPlanOf(options);
      if (!isPossibleModelKey(modelId)) {
        throw new ModelyardError({
          kind: 'not_found',
          message: `${providerId} has no model "${modelId}" (LM Studio model keys are 1–1,024 characters without control characters)`,
          providerId,
          modelId,
        });
      }
      const identifier = await call(
        `loading ${modelId}`,
        options.signal,
        async (client, callSignal) => {
          const [downloaded, instances] = await Promise.all([
            client.system.listDownloadedModels(),
            loadedInstances(client),
          ]);
          const reusable = instances.find(
            (instance) =>
              (instance.modelKey === modelId || instance.identifier === modelId) &&
              // A GPU offload cannot be read back from a loaded instance: asking for one loads anew.
              plan.config?.gpu === undefined &&
              (plan.config?.contextLength === undefined || instance.contextLength === plan.config.contextLength),
          );
          if (reusable !== undefined) return reusable.identifier;
          // Checked here, from the listing: the SDK does not pass on LM Studio's error codes.
          const entry = downloaded.find((model) => model.modelKey === modelId || model.path === modelId);
          if (entry === undefined) throw modelNotFoundError(errorContext(undefined, modelId));
          if (entry.type !== 'llm') throw notALanguageModelError(errorContext(undefined, modelId), entry.type);
          const loaded = await client.llm.load(modelId, {
            ...(plan.config !== undefined ? { config: plan.config } : {}),
            ...(plan.ttlSeconds !== undefined ? { ttl: plan.ttlSeconds } : {}),
            signal: callSignal,
            verbose: false,
            onProgress: (progress) => logger.debug('LM Studio is loading a model', { providerId, modelId, progress }),
          });
          return loaded.identifier;
        },
        modelId,
      );
      cache = null;
      return createLMStudioLanguageModel(modelContext, modelId, identifier);
    },

    async unloadModel(modelId: string, options: CallOptions = {}): Promise<void> {
      await call(
        `unloading ${modelId}`,
        options.signal,
        async (client) => {
          const instances = (await loadedInstances(client)).filter(
            (instance) => instance.modelKey === modelId || instance.identifier === modelId,
          );
          for (const instance of instances) await client.llm.unload(instance.identifier);
        },
        modelId,
      );
      cache = null;
    },

    healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      return checkHealth({
        clock,
        signal: options.signal,
        probe: async (signal) => {
          const version = await call(
            'the version check',
            signal,
            (client) => client.system.getLMStudioVersion(),
            undefined,
            // The connection check (bounded by connectTimeoutMs itself), then the version call.
            2 * parsed.connectTimeoutMs,
          );
          return `LM Studio ${version.version} (build ${version.build})`;
        },
        classify,
      });
    },

    async dispose() {
      cache = null;
      await connection.dispose();
    },
  };
}

/** A ready provider for LM Studio at `ws://127.0.0.1:1234` (creating it did no I/O). */
export const lmstudio: ModelProvider = createLMStudio();
