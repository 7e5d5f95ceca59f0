import {
  type CallOptions,
  type HealthStatus,
  type ListModelsOptions,
  type LoadModelOptions,
  type ModelInfo,
  type ModelProvider,
  type ProviderSupports,
  SPECIFICATION_VERSION,
} from '@modelyard/core';
import { LOCAL_SUPPORTS } from './generation-options';
import { readLoadOptions } from './load-options';
import { abortedError, classifyLocalError } from './local-error';
import { LocalLanguageModel, type LocalModelContext } from './local-language-model';
import { LOCAL_PROVIDER_KIND } from './local-models';
import { LocalRuntime } from './local-runtime';
import { type LocalProviderSettings, type ResolvedLocalSettings, resolveLocalSettings } from './local-settings';
import { ModelCatalogue } from './model-catalogue';

/** A provider of GGUF models run in-process; see {@link createLocalProvider}. */
export interface LocalProvider extends ModelProvider {
  /** `loadModel` returns this package's model class, which can also be loaded ahead of a call. */
  loadModel(modelId: string, options?: LoadModelOptions): Promise<LocalLanguageModel>;
  /** The checked settings, defaults filled in. */
  readonly settings: Readonly<ResolvedLocalSettings>;
}

class LocalModelProvider implements LocalProvider {
  readonly specificationVersion = SPECIFICATION_VERSION;
  readonly kind = LOCAL_PROVIDER_KIND;
  readonly supports: ProviderSupports = LOCAL_SUPPORTS;
  readonly settings: Readonly<ResolvedLocalSettings>;
  readonly #runtime: LocalRuntime;
  readonly #catalogue: ModelCatalogue;
  readonly #modelContext: LocalModelContext;

  constructor(settings: ResolvedLocalSettings) {
    this.settings = settings;
    this.#runtime = new LocalRuntime(settings);
    this.#catalogue = new ModelCatalogue(settings, this.#runtime);
    this.#modelContext = {
      providerId: settings.id,
      runtime: this.#runtime,
      catalogue: this.#catalogue,
      clock: settings.clock,
      isCpuOnly: settings.gpu === false,
    };
  }

  get id(): string {
    return this.settings.id;
  }

  async listModels(options: ListModelsOptions = {}): Promise<ModelInfo[]> {
    if (options.signal?.aborted) throw abortedError({ providerId: this.id });
    if (options.refresh) this.#catalogue.clear();
    try {
      return await this.#catalogue.list(options.signal);
    } catch (error) {
      throw classifyLocalError(error, { providerId: this.id });
    }
  }

  async loadModel(modelId: string, options: LoadModelOptions = {}): Promise<LocalLanguageModel> {
    const configuration = readLoadOptions(options, this.settings);
    if (options.signal?.aborted) throw abortedError({ providerId: this.id, modelId });
    const model = new LocalLanguageModel(modelId, this.#modelContext, configuration);
    try {
      await model.load(options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw abortedError({ providerId: this.id, modelId });
      throw classifyLocalError(error, { providerId: this.id, modelId });
    }
    return model;
  }

  async unloadModel(modelId: string, options: CallOptions = {}): Promise<void> {
    if (options.signal?.aborted) throw abortedError({ providerId: this.id, modelId });
    await this.#runtime.unload(modelId);
  }

  async healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
    const { clock } = this.settings;
    const startedAt = clock.now();
    if (options.signal?.aborted) throw abortedError({ providerId: this.id });
    const finish = (status: HealthStatus['status'], message: string, errorKind?: HealthStatus['errorKind']) => ({
      status,
      latencyMs: Math.max(0, clock.now() - startedAt),
      checkedAt: clock.now(),
      message,
      ...(errorKind === undefined ? {} : { errorKind }),
    });
    try {
      const llama = await this.#runtime.llama();
      const files = await this.#catalogue.files();
      if (options.signal?.aborted) throw abortedError({ providerId: this.id });
      const summary = `llama.cpp ready (${llama.gpu === false ? 'CPU' : llama.gpu}), ${files.size} model file(s)`;
      return files.size === 0
        ? finish('degraded', `${summary}: no .gguf file in ${this.#catalogue.folders().join(', ')}`)
        : finish('healthy', summary);
    } catch (error) {
      const failure = classifyLocalError(error, { providerId: this.id });
      if (failure.kind === 'aborted') throw failure;
      return finish('unhealthy', failure.message, failure.kind);
    }
  }

  dispose(): Promise<void> {
    return this.#runtime.dispose();
  }
}

/**
 * Creates a provider of GGUF models run in-process by llama.cpp (through node-llama-cpp).
 * Creating checks the settings but does no I/O: folders are scanned and llama.cpp starts at the
 * first call. Nothing is ever downloaded; models are files you provide.
 *
 * @throws ConfigError naming every bad setting.
 */
export function createLocalProvider(settings: LocalProviderSettings = {}): LocalProvider {
  return new LocalModelProvider(resolveLocalSettings(settings));
}

/**
 * The default local provider: models from `MODELYARD_MODELS_DIR` (else the per-user cache folder),
 * GPU when available. Nothing starts until it is first used; call `dispose()` when done.
 */
export const local: LocalProvider = createLocalProvider();
