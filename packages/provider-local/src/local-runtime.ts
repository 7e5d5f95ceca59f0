import { ModelyardError } from '@modelyard/core';
import { type Llama, LlamaChat, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { planEvictions } from './eviction-plan';
import { resolveMemoryLimit, resolveThreads, startLlama } from './llama-instance';
import { classifyLocalError, localModelError } from './local-error';
import type { ResolvedLocalSettings } from './local-settings';
import type { ModelFacts } from './model-facts';
import type { ModelFile } from './model-files';

/** A model resident in memory, with its one context and chat (generations on it run one at a time). */
export interface LoadedModel {
  readonly modelId: string;
  readonly path: string;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly chat: LlamaChat;
  /** Context size it was loaded with, in tokens. */
  readonly contextSize: number;
  /** The load settings it was loaded with (see {@link LoadRequest.configurationKey}). */
  readonly configurationKey: string;
  /** Memory it holds by node-llama-cpp's estimate (RAM + VRAM), in bytes. */
  readonly memoryBytes: number;
  lastUsed: number;
  activeCalls: number;
  /** Resolves when every call queued on this model so far has finished. */
  queue: Promise<void>;
}

/** What to load and how. */
export interface LoadRequest {
  file: ModelFile;
  facts: ModelFacts;
  /** Context size, in tokens (already capped at the model's trained length). */
  contextSize: number;
  /** `auto`: as many layers on the GPU as fit; a number: that many (0 = CPU only). */
  gpuLayers: 'auto' | number;
  /** Identifies the load settings as asked: the same model asked with other settings is reloaded. */
  configurationKey: string;
  signal?: AbortSignal;
}

/** The runtime after {@link LocalRuntime.dispose}: every call fails with this. */
export function disposedError(providerId: string): ModelyardError {
  return new ModelyardError({
    kind: 'unavailable',
    retryable: false,
    message: 'The local provider was disposed',
    providerId,
  });
}

/**
 * Owns llama.cpp for one provider: the `Llama` instance (started at the first use), the loaded
 * models, and the limits on them (count and memory, least recently used unloaded first).
 */
export class LocalRuntime {
  readonly #settings: ResolvedLocalSettings;
  readonly #lifetime = new AbortController();
  readonly #loaded = new Map<string, LoadedModel>();
  readonly #loading = new Map<string, Promise<LoadedModel>>();
  #llama: Promise<Llama> | undefined;
  #threads = 1;
  // Set when llama.cpp starts; #load starts it before it needs the limit.
  #memoryLimit = 0;
  #useCount = 0;

  constructor(settings: ResolvedLocalSettings) {
    this.#settings = settings;
  }

  /** Aborted when the runtime is disposed: generations link to it so `dispose` stops them. */
  get lifetimeSignal(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** The llama.cpp instance, started once (concurrent callers share the start). */
  llama(): Promise<Llama> {
    if (this.#lifetime.signal.aborted) return Promise.reject(disposedError(this.#settings.id));
    this.#llama ??= this.#start().catch((error: unknown) => {
      this.#llama = undefined;
      throw error;
    });
    return this.#llama;
  }

  async #start(): Promise<Llama> {
    const shared = this.#settings.llama;
    const llama =
      shared ??
      (await startLlama({ gpu: this.#settings.gpu, logger: this.#settings.logger, providerId: this.#settings.id }));
    this.#threads = resolveThreads(this.#settings.threads, llama.cpuMathCores);
    // A shared instance's thread pool belongs to its owner.
    if (shared === undefined) llama.maxThreads = this.#threads;
    this.#memoryLimit = await resolveMemoryLimit(this.#settings.maxMemoryBytes, llama);
    return llama;
  }

  /** Threads per generation (known once llama.cpp has started). */
  get threads(): number {
    return this.#threads;
  }

  /** Ids of the models loaded now. */
  loadedModelIds(): string[] {
    return [...this.#loaded.keys()];
  }

  /** The model, if it is loaded with the load settings `configurationKey`. */
  resident(modelId: string, configurationKey: string): LoadedModel | undefined {
    const loaded = this.#loaded.get(modelId);
    return loaded?.configurationKey === configurationKey ? loaded : undefined;
  }

  /** The loaded model, loading it (and unloading others to make room) when needed. */
  async acquire(request: LoadRequest): Promise<{ loaded: LoadedModel; loadMs: number }> {
    const { modelId } = request.file;
    const existing = this.#loaded.get(modelId);
    if (existing?.configurationKey === request.configurationKey) return { loaded: existing, loadMs: 0 };
    const pending = this.#loading.get(modelId);
    if (pending) return { loaded: await pending, loadMs: 0 };
    const startedAt = this.#settings.clock.now();
    const loading = this.#load(request, existing).finally(() => this.#loading.delete(modelId));
    this.#loading.set(modelId, loading);
    const loaded = await loading;
    return { loaded, loadMs: this.#settings.clock.now() - startedAt };
  }

  async #load(request: LoadRequest, previous: LoadedModel | undefined): Promise<LoadedModel> {
    const llama = await this.llama();
    const { file, facts, contextSize } = request;
    const context = { providerId: this.#settings.id, modelId: file.modelId, path: file.path };
    if (!facts.isSupported)
      throw localModelError('unsupported', { ...context, detail: `architecture ${facts.architecture ?? 'unknown'}` });
    if (previous) await this.unload(previous.modelId);
    const estimate = await facts.estimateMemory(contextSize);
    // RAM when on the CPU is the whole footprint; offloaded layers move to VRAM rather than add to it.
    const memoryBytes = estimate.ramBytes;
    await this.#makeRoom(memoryBytes, { ...context, contextSize });
    let model: LlamaModel | undefined;
    try {
      model = await llama.loadModel({
        modelPath: file.path,
        gpuLayers:
          request.gpuLayers === 'auto'
            ? { fitContext: { contextSize } }
            : Math.min(request.gpuLayers, facts.layerCount),
        loadSignal: request.signal,
      });
      const llamaContext = await model.createContext({ contextSize, threads: this.#threads });
      const chat = new LlamaChat({ contextSequence: llamaContext.getSequence() });
      const loaded: LoadedModel = {
        modelId: file.modelId,
        path: file.path,
        model,
        context: llamaContext,
        chat,
        contextSize: llamaContext.contextSize,
        configurationKey: request.configurationKey,
        memoryBytes,
        lastUsed: ++this.#useCount,
        activeCalls: 0,
        queue: Promise.resolve(),
      };
      if (this.#lifetime.signal.aborted) throw disposedError(this.#settings.id);
      this.#loaded.set(file.modelId, loaded);
      this.#settings.logger.info('provider-local: model loaded', {
        modelId: file.modelId,
        contextSize: loaded.contextSize,
        gpuLayers: model.gpuLayers,
        memoryBytes,
      });
      return loaded;
    } catch (error) {
      await model?.dispose().catch(() => undefined);
      throw classifyLocalError(error, { ...context, whileLoading: true });
    }
  }

  async #makeRoom(bytes: number, context: { providerId: string; modelId: string; path: string; contextSize: number }) {
    const limits = { maxLoadedModels: this.#settings.maxLoadedModels, maxMemoryBytes: this.#memoryLimit };
    const plan = planEvictions(
      [...this.#loaded.values()].map((loaded) => ({ ...loaded, isBusy: loaded.activeCalls > 0 })),
      bytes,
      limits,
    );
    if (plan.outcome === 'too_large')
      throw localModelError('too_large', {
        ...context,
        detail: `needs about ${formatMegabytes(bytes)} at ${context.contextSize} tokens; the limit is ${formatMegabytes(limits.maxMemoryBytes)}`,
      });
    if (plan.outcome === 'busy')
      throw new ModelyardError({
        kind: 'unavailable',
        message: `No room to load ${context.modelId} while the other loaded models are generating`,
        providerId: context.providerId,
        modelId: context.modelId,
      });
    for (const modelId of plan.evict) {
      this.#settings.logger.info('provider-local: unloading the least recently used model', { modelId });
      await this.unload(modelId);
    }
  }

  /**
   * Runs `body` with the model to itself (calls on one model queue up in order); the model counts
   * as busy, and is not unloaded to make room, until `body` settles.
   */
  async exclusive<T>(loaded: LoadedModel, signal: AbortSignal | undefined, body: () => Promise<T>): Promise<T> {
    loaded.activeCalls += 1;
    let release = () => {};
    const ours = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = loaded.queue;
    loaded.queue = previous.then(() => ours);
    try {
      await untilSettledOrAborted(previous, signal);
      loaded.lastUsed = ++this.#useCount;
      return await body();
    } finally {
      loaded.activeCalls -= 1;
      release();
    }
  }

  /** Unloads a model once the calls already queued on it have finished; a no-op when it is not loaded. */
  async unload(modelId: string): Promise<void> {
    const loaded = this.#loaded.get(modelId);
    if (loaded === undefined) return;
    this.#loaded.delete(modelId);
    await loaded.queue;
    loaded.chat.dispose();
    await loaded.context.dispose();
    await loaded.model.dispose();
    this.#settings.logger.debug('provider-local: model unloaded', { modelId });
  }

  /** Stops running generations, unloads every model and releases llama.cpp. Safe to call more than once. */
  async dispose(): Promise<void> {
    if (this.#lifetime.signal.aborted) return;
    this.#lifetime.abort();
    await Promise.allSettled([...this.#loading.values()]);
    await Promise.all([...this.#loaded.keys()].map((modelId) => this.unload(modelId)));
    const llama = await this.#llama?.catch(() => undefined);
    if (this.#settings.llama === undefined) await llama?.dispose();
  }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Waits for `promise`, but rejects with an `aborted` error as soon as `signal` aborts. */
async function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
