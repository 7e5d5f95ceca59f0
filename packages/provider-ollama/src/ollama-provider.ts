// createOllama(): the Ollama ModelProvider, and `ollama`, a ready default instance. Creating does
// no I/O and reads no environment variable: OLLAMA_HOST is read at each request.
import {
  type CallOptions,
  checkHealth,
  GENERATION_OPTIONS,
  type HealthStatus,
  type LanguageModel,
  type ListModelsOptions,
  type LoadModelOptions,
  type ModelInfo,
  type ModelProvider,
  ModelyardError,
  type ProviderSupports,
  type PullModelOptions,
  parseResponseWithSchema,
  parseWithSchema,
  SPECIFICATION_VERSION,
  systemClock,
} from '@modelyard/core';
import type { GenerateRequest } from 'ollama';
import { z } from 'zod';
import { loadResponseSchema, versionSchema } from './ollama-api';
import { createOllamaCatalogue } from './ollama-catalogue';
import { keepAliveOf, type LoadedModelOptions, loadOptionsOf } from './ollama-chat';
import { createOllamaConnection, withCall } from './ollama-client';
import { classifyOllamaError } from './ollama-error';
import { createOllamaLanguageModel, type OllamaModelContext } from './ollama-language-model';
import { architectureNumberOf, OLLAMA_KIND } from './ollama-models';
import { pullOllamaModel } from './ollama-pull';
import { displayHost, type OllamaSettings, ollamaSettingsSchema, resolveOllamaHost } from './ollama-settings';

/**
 * What an Ollama provider supports: streaming, pull, load/unload and every generation option.
 * Tool calling and embeddings are not declared: core requests carry no tools and core has no
 * embedding call yet (the models that could say so in their capabilities).
 */
export const OLLAMA_SUPPORTS: ProviderSupports = Object.freeze({
  streaming: true,
  pull: true,
  loadUnload: true,
  tools: false,
  embeddings: false,
  generationOptions: [...GENERATION_OPTIONS],
});

/** An Ollama {@link ModelProvider}: `pullModel` is always there. */
export interface OllamaProvider extends ModelProvider {
  pullModel(modelId: string, options?: PullModelOptions): Promise<void>;
  /** The server's version (`GET /api/version`). */
  serverVersion(options?: CallOptions): Promise<string>;
}

const loadModelOptionsSchema = z.object({
  contextLength: z.int().min(1).optional(),
  gpuOffload: z.union([z.enum(['auto', 'off']), z.number().min(0).max(1)]).optional(),
  keepAliveMs: z.int().min(0).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'an AbortSignal').optional(),
});

/**
 * Creates an Ollama provider. No I/O happens until the first call; a bad setting throws a
 * ConfigError naming the field.
 *
 * @example
 * ```text
 * const local = createOllama({ host: 'http://gpu-box:11434' });
 * const model = await local.loadModel('llama3.2:1b', { keepAliveMs: 600_000 });
 * const { text, timings } = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
 * ```
 */
export function createOllama(settings: OllamaSettings = {}): OllamaProvider {
  const parsed = parseWithSchema(ollamaSettingsSchema, settings, 'Ollama settings');
  const providerId = parsed.id;
  const clock = parsed.clock ?? systemClock;
  const hostOf = () => resolveOllamaHost(parsed.host, process.env);
  const connection = createOllamaConnection({
    host: hostOf,
    headers: parsed.headers,
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
  });

  function hostForMessages(): string | undefined {
    try {
      return displayHost(hostOf());
    } catch {
      return undefined;
    }
  }

  const classify = (thrown: unknown, signal: AbortSignal | undefined, modelId?: string) =>
    classifyOllamaError(thrown, {
      providerId,
      modelId: modelId ?? null,
      host: hostForMessages(),
      // The client sends OLLAMA_API_KEY on its own to https://ollama.com: never show it either.
      secrets: [...connection.secrets(), ...(process.env.OLLAMA_API_KEY ? [process.env.OLLAMA_API_KEY] : [])],
      signal,
      nowMs: clock.now(),
    });

  const catalogue = createOllamaCatalogue({
    providerId,
    connection,
    clock,
    ttlMs: parsed.cacheTtlMs,
    showConcurrency: parsed.showConcurrency,
    classify,
  });
  const modelContext: OllamaModelContext = { providerId, connection, clock, supports: OLLAMA_SUPPORTS, classify };

  function abortedIfSignalled(signal: AbortSignal | undefined, modelId?: string): void {
    if (signal?.aborted) {
      throw new ModelyardError({
        kind: 'aborted',
        message: `The call to ${providerId} was aborted`,
        providerId,
        modelId: modelId ?? null,
      });
    }
  }

  /** An empty `/api/generate`: loads the model (with its options), or unloads it with keep-alive 0. */
  async function warm(modelId: string, loaded: LoadedModelOptions, signal: AbortSignal | undefined) {
    const options = loadOptionsOf(loaded);
    const raw = await withCall(connection, signal, async ({ client }) => {
      try {
        return await client.generate({
          model: modelId,
          prompt: '',
          stream: false,
          ...(loaded.keepAliveMs === undefined ? {} : { keep_alive: keepAliveOf(loaded.keepAliveMs) }),
          ...(Object.keys(options).length > 0 ? { options: options as GenerateRequest['options'] } : {}),
        });
      } catch (error) {
        throw classify(error, signal, modelId);
      }
    });
    parseResponseWithSchema(loadResponseSchema, raw, { providerId, modelId, what: 'the answer to a load' });
    // What is loaded has changed: the next listing asks /api/ps again.
    catalogue.invalidate();
  }

  /** `num_gpu` for a GPU offload setting: a fraction of the model's layers (and its output layer). */
  async function gpuLayersOf(
    modelId: string,
    gpuOffload: LoadModelOptions['gpuOffload'],
    signal: AbortSignal | undefined,
  ): Promise<number | undefined> {
    if (gpuOffload === undefined || gpuOffload === 'auto') return undefined;
    if (gpuOffload === 'off' || gpuOffload === 0) return 0;
    const show = await catalogue.show(modelId, signal);
    const blocks = architectureNumberOf(show.model_info, 'block_count');
    if (blocks === null) {
      throw new ModelyardError({
        kind: 'bad_request',
        message: `${providerId} does not report how many layers ${modelId} has, so gpuOffload ${gpuOffload} cannot be applied: pass "auto" or "off"`,
        providerId,
        modelId,
      });
    }
    return Math.round(gpuOffload * (blocks + 1));
  }

  async function serverVersion(options: CallOptions = {}): Promise<string> {
    abortedIfSignalled(options.signal);
    const raw = await withCall(connection, options.signal, async ({ client }) => {
      try {
        return await client.version();
      } catch (error) {
        throw classify(error, options.signal);
      }
    });
    return parseResponseWithSchema(versionSchema, raw, { providerId, what: 'a version (/api/version)' }).version;
  }

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: providerId,
    kind: OLLAMA_KIND,
    supports: OLLAMA_SUPPORTS,

    async listModels(options: ListModelsOptions = {}): Promise<ModelInfo[]> {
      abortedIfSignalled(options.signal);
      return catalogue.list({ refresh: options.refresh, signal: options.signal });
    },

    async loadModel(modelId: string, options: LoadModelOptions = {}): Promise<LanguageModel> {
      const checked = parseWithSchema(loadModelOptionsSchema, options, 'loadModel options');
      abortedIfSignalled(checked.signal, modelId);
      const loaded: LoadedModelOptions = {
        contextLength: checked.contextLength,
        gpuLayers: await gpuLayersOf(modelId, checked.gpuOffload, checked.signal),
        keepAliveMs: checked.keepAliveMs ?? parsed.keepAliveMs,
      };
      await warm(modelId, loaded, checked.signal);
      return createOllamaLanguageModel(modelContext, modelId, loaded);
    },

    async unloadModel(modelId: string, options: CallOptions = {}): Promise<void> {
      abortedIfSignalled(options.signal, modelId);
      await warm(modelId, { keepAliveMs: 0 }, options.signal);
    },

    async pullModel(modelId: string, options: PullModelOptions = {}): Promise<void> {
      abortedIfSignalled(options.signal, modelId);
      try {
        await pullOllamaModel(modelContext, modelId, options);
      } finally {
        // Even a failed pull may have changed what is installed.
        catalogue.invalidate();
      }
    },

    serverVersion,

    healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      return checkHealth({
        clock,
        signal: options.signal,
        probe: async () => `Ollama ${await serverVersion(options)}`,
        classify,
      });
    },

    async dispose() {
      catalogue.clear();
    },
  };
}

/**
 * The default Ollama provider: id `ollama`, the server at `OLLAMA_HOST` (read at each request),
 * else `http://127.0.0.1:11434`.
 */
export const ollama: OllamaProvider = createOllama();
