import {
  type CallOptions,
  type Clock,
  type GenerateRequest,
  type GenerateResult,
  generateRequestSchema,
  type LanguageModel,
  type ModelIdentity,
  type ModelyardError,
  parseWithSchema,
  type StreamPart,
} from '@modelyard/core';
import { type GenerationOutcome, runGeneration } from './generation-run';
import { abortedError, classifyLocalError } from './local-error';
import { effectiveContextSize } from './local-models';
import type { LoadedModel, LocalRuntime } from './local-runtime';
import { disposedError } from './local-runtime';
import type { ModelCatalogue } from './model-catalogue';
import { TextQueue } from './text-queue';

type LoadResult = { loaded: LoadedModel; loadMs: number };

/** How a model is loaded: context size (tokens, before capping) and GPU offload. */
export interface LoadConfiguration {
  contextSize: number;
  /** `auto`, `off`, or the fraction (0–1) of layers to offload. */
  gpuOffload: 'auto' | 'off' | number;
}

/** What a {@link LocalLanguageModel} works with: the provider's runtime, catalogue and settings. */
export interface LocalModelContext {
  providerId: string;
  runtime: LocalRuntime;
  catalogue: ModelCatalogue;
  clock: Clock;
  /** CPU only, whatever the load options say. */
  isCpuOnly: boolean;
}

/**
 * One GGUF model, run in-process by llama.cpp. It loads the model at the first call (again after
 * an unload or an eviction); calls on one model run one at a time, in order.
 */
export class LocalLanguageModel implements LanguageModel {
  readonly identity: ModelIdentity;
  readonly #context: LocalModelContext;
  readonly #configuration: LoadConfiguration;

  constructor(modelId: string, context: LocalModelContext, configuration: LoadConfiguration) {
    this.identity = { providerId: context.providerId, modelId };
    this.#context = context;
    this.#configuration = configuration;
  }

  get #configurationKey(): string {
    return `${this.#configuration.contextSize}|${this.#configuration.gpuOffload}`;
  }

  /** Loads the model now (a no-op when it is loaded), so the first call does not wait for it. */
  async load(signal?: AbortSignal): Promise<void> {
    await this.#acquire(signal);
  }

  /** The loaded model, loading it when needed; `loadMs` is the time that took (0 when it was loaded). */
  async #acquire(signal: AbortSignal | undefined): Promise<LoadResult> {
    const { runtime, catalogue } = this.#context;
    const resident = runtime.resident(this.identity.modelId, this.#configurationKey);
    if (resident !== undefined) return { loaded: resident, loadMs: 0 };
    const { file, facts } = await catalogue.find(this.identity.modelId, signal);
    const { gpuOffload } = this.#configuration;
    const gpuLayers =
      this.#context.isCpuOnly || gpuOffload === 'off'
        ? 0
        : gpuOffload === 'auto'
          ? 'auto'
          : Math.round(gpuOffload * facts.layerCount);
    const contextSize = effectiveContextSize(this.#configuration.contextSize, facts.trainContextLength);
    return runtime.acquire({ file, facts, contextSize, gpuLayers, configurationKey: this.#configurationKey, signal });
  }

  #failure(error: unknown, signal: AbortSignal | undefined): ModelyardError {
    const context = { providerId: this.identity.providerId, modelId: this.identity.modelId };
    if (signal?.aborted) return abortedError(context);
    // Stopped by dispose(), not by the caller: the provider is gone, which is not an abort.
    if (this.#context.runtime.lifetimeSignal.aborted) return disposedError(this.identity.providerId);
    return classifyLocalError(error, context);
  }

  async #run(
    request: GenerateRequest,
    call: { startedAt: number; signal?: AbortSignal; stop?: AbortSignal; loading: Promise<LoadResult> },
    onText: (text: string) => void,
  ): Promise<GenerationOutcome> {
    const { startedAt, signal } = call;
    const { loaded, loadMs } = await call.loading;
    const signals = [this.#context.runtime.lifetimeSignal, signal, call.stop].filter(
      (candidate): candidate is AbortSignal => candidate !== undefined,
    );
    return runGeneration({
      runtime: this.#context.runtime,
      loaded,
      request,
      signal: AbortSignal.any(signals),
      clock: this.#context.clock,
      startedAt,
      loadMs,
      providerId: this.identity.providerId,
      onText,
    });
  }

  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
    const startedAt = this.#context.clock.now();
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const { signal } = options;
    if (signal?.aborted) throw this.#failure(undefined, signal);
    try {
      const outcome = await this.#run(parsed, { startedAt, signal, loading: this.#acquire(signal) }, () => {});
      return {
        text: outcome.text,
        finishReason: outcome.finishReason,
        usage: outcome.usage,
        timings: outcome.timings,
        model: this.identity,
        costUsd: 0,
        // Every generation option is applied (see LOCAL_SUPPORTS): nothing to warn about.
        warnings: [],
        providerMetadata: outcome.providerMetadata,
      };
    } catch (error) {
      throw this.#failure(error, signal);
    }
  }

  async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
    const startedAt = this.#context.clock.now();
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const { signal } = options;
    if (signal?.aborted) throw this.#failure(undefined, signal);
    let loaded: LoadResult;
    try {
      // Loading first: a model that cannot load fails before `start`, so a fallback can still switch.
      loaded = await this.#acquire(signal);
    } catch (error) {
      throw this.#failure(error, signal);
    }
    yield { type: 'start', model: this.identity, warnings: [] };
    const queue = new TextQueue();
    const stop = new AbortController();
    const call = { startedAt, signal, stop: stop.signal, loading: Promise.resolve(loaded) };
    const running = this.#run(parsed, call, (text) => queue.push(text));
    running.then(
      () => queue.end(),
      () => queue.end(),
    );
    let deliveredCharacters = 0;
    try {
      for (let text = await queue.next(); text !== undefined; text = await queue.next()) {
        if (signal?.aborted) break;
        yield { type: 'text-delta', text };
        deliveredCharacters += text.length;
      }
      if (signal?.aborted) throw this.#failure(undefined, signal);
      const outcome = await running;
      yield { type: 'usage', usage: outcome.usage };
      yield {
        type: 'finish',
        finishReason: outcome.finishReason,
        usage: outcome.usage,
        timings: outcome.timings,
        costUsd: 0,
        providerMetadata: outcome.providerMetadata,
      };
    } catch (error) {
      yield { type: 'error', error: this.#failure(error, signal), deliveredCharacters };
    } finally {
      // Leaving the loop early (or failing) stops llama.cpp too.
      stop.abort();
      await running.catch(() => undefined);
    }
  }
}
