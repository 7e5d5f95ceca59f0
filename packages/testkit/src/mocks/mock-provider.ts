import {
  type CallOptions,
  type Clock,
  GENERATION_OPTIONS,
  type HealthStatus,
  type ModelInfo,
  type ModelInfoInput,
  type ModelProvider,
  ModelyardError,
  modelInfoSchema,
  type ProviderSupports,
  type PullModelOptions,
  parseWithSchema,
  SPECIFICATION_VERSION,
  systemClock,
} from '@modelyard/core';
import { createMockLanguageModel, type MockLanguageModel } from './mock-language-model';
import { errorOfStep, type MockFailure, type MockScript } from './mock-step';

/** A model of a mock provider: its id, or a `ModelInfo` without the provider fields. */
export type MockModelDefinition =
  | string
  | (Omit<ModelInfoInput, 'providerId' | 'providerKind'> & { script?: MockScript });

/** Options of {@link createMockProvider}. */
export interface MockProviderOptions {
  /** Provider instance id. Defaults to `mock`. */
  id?: string;
  /** Provider kind. Defaults to `mock`. */
  kind?: string;
  /** The catalogue. A bare id becomes a remote chat model with unknown prices and context. */
  models?: readonly MockModelDefinition[];
  /** Overrides of the capability manifest (defaults: streaming, no pull/load/tools/embeddings, every generation option). */
  supports?: Partial<ProviderSupports>;
  /** Script of every model that has none of its own. */
  defaultScript?: MockScript;
  /** The clock latencies are spent on. Defaults to the system clock. */
  clock?: Clock;
  /** Make `listModels` fail (every call until changed with `setListFailure`). */
  listFailure?: MockFailure | null;
  /** Make `healthCheck` report unhealthy with this error (until changed with `setHealthFailure`). */
  healthFailure?: MockFailure | null;
}

/** A call on the provider itself (model calls are on each {@link MockLanguageModel}). */
export interface MockProviderCall {
  method: 'listModels' | 'loadModel' | 'unloadModel' | 'pullModel' | 'healthCheck' | 'dispose';
  modelId?: string;
  at: number;
}

/** A scripted {@link ModelProvider} with recorded calls. */
export interface MockProvider extends ModelProvider {
  /** Every provider-level call, in order. */
  readonly calls: readonly MockProviderCall[];
  /** The mock model behind `modelId` (the same object `loadModel` returns). Throws for an unknown id. */
  model(modelId: string): MockLanguageModel;
  /** Adds a model to the catalogue (or replaces one with the same id). */
  addModel(definition: MockModelDefinition): MockLanguageModel;
  /** Removes a model from the catalogue. */
  removeModel(modelId: string): void;
  setListFailure(failure: MockFailure | null): void;
  setHealthFailure(failure: MockFailure | null): void;
  /** Whether `dispose` was called. */
  readonly isDisposed: boolean;
}

const DEFAULT_SUPPORTS: ProviderSupports = {
  streaming: true,
  pull: false,
  loadUnload: false,
  tools: false,
  embeddings: false,
  generationOptions: [...GENERATION_OPTIONS],
};

/**
 * A provider made of {@link MockLanguageModel}s: a catalogue, scripts per model, failures of the
 * listing and the health check, and a record of every call. `loadModel` of an unknown id rejects
 * with `not_found`; calls after `dispose` reject with `unavailable`.
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const id = options.id ?? 'mock';
  const kind = options.kind ?? 'mock';
  const clock = options.clock ?? systemClock;
  const supports: ProviderSupports = { ...DEFAULT_SUPPORTS, ...options.supports };
  const catalogue = new Map<string, { info: ModelInfo; model: MockLanguageModel }>();
  const calls: MockProviderCall[] = [];
  let listFailure = options.listFailure ?? null;
  let healthFailure = options.healthFailure ?? null;
  let isDisposed = false;

  function addModel(definition: MockModelDefinition): MockLanguageModel {
    const { script, ...fields } =
      typeof definition === 'string'
        ? { modelId: definition, locality: 'remote' as const, script: undefined }
        : definition;
    const info = parseWithSchema(
      modelInfoSchema,
      { ...fields, providerId: id, providerKind: kind },
      `mock model ${fields.modelId}`,
    );
    const model = createMockLanguageModel({
      identity: { providerId: id, modelId: info.modelId },
      clock,
      ...((script ?? options.defaultScript) ? { script: script ?? options.defaultScript } : {}),
    });
    catalogue.set(info.modelId, { info, model });
    return model;
  }

  function record(method: MockProviderCall['method'], modelId?: string): void {
    calls.push({ method, ...(modelId === undefined ? {} : { modelId }), at: clock.now() });
  }

  function ensureUsable(callOptions: CallOptions | undefined): void {
    if (callOptions?.signal?.aborted) {
      throw new ModelyardError({ kind: 'aborted', message: 'The call was aborted', providerId: id });
    }
    if (isDisposed) {
      throw new ModelyardError({ kind: 'unavailable', message: `Mock provider ${id} was disposed`, providerId: id });
    }
  }

  function entryOf(modelId: string) {
    const entry = catalogue.get(modelId);
    if (entry === undefined) {
      throw new ModelyardError({
        kind: 'not_found',
        message: `Mock provider ${id} has no model "${modelId}"`,
        providerId: id,
        modelId,
      });
    }
    return entry;
  }

  async function failAfterLatency(failure: MockFailure, callOptions: CallOptions | undefined): Promise<never> {
    if (failure.latencyMs !== undefined && failure.latencyMs > 0)
      await clock.sleep(failure.latencyMs, callOptions?.signal);
    throw errorOfStep(failure, { providerId: id, modelId: null });
  }

  for (const definition of options.models ?? []) addModel(definition);

  const provider: MockProvider = {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    kind,
    supports,
    get calls() {
      return calls;
    },
    get isDisposed() {
      return isDisposed;
    },
    model: (modelId) => entryOf(modelId).model,
    addModel,
    removeModel: (modelId) => void catalogue.delete(modelId),
    setListFailure(failure) {
      listFailure = failure;
    },
    setHealthFailure(failure) {
      healthFailure = failure;
    },

    async listModels(callOptions) {
      record('listModels');
      ensureUsable(callOptions);
      if (listFailure) await failAfterLatency(listFailure, callOptions);
      return [...catalogue.values()].map(({ info }) => structuredClone(info));
    },
    async loadModel(modelId, callOptions) {
      record('loadModel', modelId);
      ensureUsable(callOptions);
      return entryOf(modelId).model;
    },
    async unloadModel(modelId, callOptions) {
      record('unloadModel', modelId);
      ensureUsable(callOptions);
      entryOf(modelId);
    },
    async healthCheck(callOptions): Promise<HealthStatus> {
      record('healthCheck');
      const startedAt = clock.now();
      if (callOptions?.signal?.aborted) ensureUsable(callOptions);
      if (isDisposed || healthFailure) {
        const error = healthFailure
          ? errorOfStep(healthFailure, { providerId: id, modelId: null })
          : new ModelyardError({ kind: 'unavailable', message: 'disposed' });
        return {
          status: 'unhealthy',
          latencyMs: clock.now() - startedAt,
          checkedAt: clock.now(),
          message: error.message,
          errorKind: error.kind,
        };
      }
      return {
        status: 'healthy',
        latencyMs: clock.now() - startedAt,
        checkedAt: clock.now(),
        message: `${catalogue.size} models`,
      };
    },
    async dispose() {
      if (!isDisposed) record('dispose');
      isDisposed = true;
    },
  };
  if (supports.pull) {
    provider.pullModel = async (modelId: string, pullOptions?: PullModelOptions) => {
      record('pullModel', modelId);
      ensureUsable(pullOptions);
      pullOptions?.onProgress?.({ status: 'pulling manifest' });
      pullOptions?.onProgress?.({ status: 'downloading', layer: 'sha256:mock', completedBytes: 1, totalBytes: 1 });
      if (!catalogue.has(modelId)) addModel(modelId);
      pullOptions?.onProgress?.({ status: 'success' });
    };
  }
  return provider;
}
