import { type ModelInfo, ModelyardError } from '@modelyard/core';
import { abortedError, classifyLocalError, localModelError } from './local-error';
import { effectiveContextSize, estimateContextLengths, toModelInfo } from './local-models';
import type { LocalRuntime } from './local-runtime';
import type { ResolvedLocalSettings } from './local-settings';
import { type ModelFacts, readModelFacts } from './model-facts';
import { findModelFiles, type ModelFile } from './model-files';
import { resolveModelsDirectories } from './models-directory';

/** A model file with its metadata. */
export interface CataloguedModel {
  file: ModelFile;
  facts: ModelFacts;
}

function versionKey(file: ModelFile): string {
  return `${file.path}\u0000${file.sizeBytes}\u0000${file.modifiedAtMs}`;
}

/**
 * The models on disk: scans the folders at every call (a directory listing and a `stat` per file)
 * and reads each file's GGUF metadata once per version of the file (path, size, modification time).
 */
export class ModelCatalogue {
  readonly #settings: ResolvedLocalSettings;
  readonly #runtime: LocalRuntime;
  readonly #facts = new Map<string, Promise<ModelFacts>>();

  constructor(settings: ResolvedLocalSettings, runtime: LocalRuntime) {
    this.#settings = settings;
    this.#runtime = runtime;
  }

  /** The folders scanned (from the settings or the environment, read now). */
  folders(): string[] {
    return resolveModelsDirectories(this.#settings.modelDirectories, this.#settings.env ?? process.env);
  }

  /** Every model file found now, by model id. */
  files(): Promise<Map<string, ModelFile>> {
    return findModelFiles({
      folders: this.folders(),
      configured: this.#settings.modelFiles,
      logger: this.#settings.logger,
    });
  }

  /** Forgets every metadata read, so the next call reads the files again. */
  clear(): void {
    this.#facts.clear();
  }

  async #factsOf(file: ModelFile, signal: AbortSignal | undefined): Promise<ModelFacts> {
    const context = { providerId: this.#settings.id, modelId: file.modelId, path: file.path };
    if (file.failure !== undefined) throw classifyLocalError(file.failure, context);
    const key = versionKey(file);
    let facts = this.#facts.get(key);
    if (facts === undefined) {
      const llama = await this.#runtime.llama();
      facts = readModelFacts(file, llama, { providerId: this.#settings.id, signal });
      this.#facts.set(key, facts);
      // A failed or aborted read is not remembered: the next call tries again.
      facts.catch(() => this.#facts.delete(key));
    }
    try {
      return await facts;
    } catch (error) {
      if (signal?.aborted) throw abortedError(context);
      throw classifyLocalError(error, context);
    }
  }

  /** The model `modelId` with its metadata; rejects with `not_found` or a LocalModelError. */
  async find(modelId: string, signal?: AbortSignal): Promise<CataloguedModel> {
    const file = (await this.files()).get(modelId);
    if (signal?.aborted) throw abortedError({ providerId: this.#settings.id, modelId });
    if (file === undefined)
      throw new ModelyardError({
        kind: 'not_found',
        message: `No model "${modelId}" in ${this.folders().join(', ')} (model ids are file paths inside the folder, without ".gguf")`,
        providerId: this.#settings.id,
        modelId,
      });
    return { file, facts: await this.#factsOf(file, signal) };
  }

  /** Every usable model as ModelInfo; files that cannot be used are skipped with a warning. */
  async list(signal?: AbortSignal): Promise<ModelInfo[]> {
    const context = { providerId: this.#settings.id };
    if (signal?.aborted) throw abortedError(context);
    const files = await this.files();
    const loaded = new Set(this.#runtime.loadedModelIds());
    const models: ModelInfo[] = [];
    for (const file of files.values()) {
      if (signal?.aborted) throw abortedError(context);
      try {
        const facts = await this.#factsOf(file, signal);
        if (!facts.isSupported) throw localModelError('unsupported', { ...context, path: file.path });
        models.push(await this.#describe(file, facts, loaded.has(file.modelId)));
      } catch (error) {
        if (signal?.aborted) throw abortedError(context);
        this.#settings.logger.warn('provider-local: model file skipped', {
          modelId: file.modelId,
          path: file.path,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return models;
  }

  async #describe(file: ModelFile, facts: ModelFacts, isLoaded: boolean): Promise<ModelInfo> {
    const contextSize = effectiveContextSize(this.#settings.contextSize, facts.trainContextLength);
    const lengths = estimateContextLengths(this.#settings.estimateContextSizes, contextSize, facts.trainContextLength);
    const memoryEstimates = await Promise.all(lengths.map((length) => facts.estimateMemory(length)));
    return toModelInfo({ providerId: this.#settings.id, file, facts, contextSize, memoryEstimates, isLoaded });
  }
}
