// createEcho(): the Echo provider, and `echo`, a ready default instance.
import {
  type CallOptions,
  type HealthStatus,
  type LanguageModel,
  type ListModelsOptions,
  type LoadModelOptions,
  type ModelInfo,
  type ModelProvider,
  modelIdSchema,
  type ProviderSupports,
  parseWithSchema,
  SPECIFICATION_VERSION,
} from '@modelyard/core';
import { createEchoClient } from './echo-client';
import { echoAborted, echoErrorFromThrown } from './echo-error';
import { createEchoLanguageModel } from './echo-language-model';
import { ECHO_PROVIDER_KIND, listEchoModels } from './echo-models';
import { ECHO_GENERATION_OPTIONS } from './echo-request';
import { type EchoProviderSettings, resolveEchoSettings } from './echo-settings';

/** An Echo provider: a core {@link ModelProvider} for the Echo HTTP API. */
export interface EchoProvider extends ModelProvider {
  readonly kind: typeof ECHO_PROVIDER_KIND;
}

/**
 * What Echo can do. Streaming is real (one NDJSON line per token); nothing is pulled or loaded;
 * only the five generation options Echo reads are sent, the others come back as warnings.
 */
function echoSupports(): ProviderSupports {
  return {
    streaming: true,
    pull: false,
    loadUnload: false,
    tools: false,
    embeddings: false,
    generationOptions: [...ECHO_GENERATION_OPTIONS],
  };
}

/**
 * Creates an Echo provider. Creating does no I/O and reads no environment variable; the API key
 * (`apiKey`, else `ECHO_API_KEY`) is read at the first request.
 *
 * @throws ConfigError when a setting is invalid (a bad `baseURL` or `id`), naming the field.
 */
export function createEcho(settings: EchoProviderSettings = {}): EchoProvider {
  const resolved = resolveEchoSettings(settings);
  const client = createEchoClient({
    providerId: resolved.id,
    baseURL: resolved.baseURL,
    apiKey: resolved.apiKey,
    fetch: resolved.fetch,
    clock: resolved.clock,
  });
  // A fresh manifest per provider: a caller that edits one cannot change another.
  const supports = echoSupports();

  async function healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
    const startedAt = client.clock.now();
    try {
      const models = await listEchoModels(client, options.signal);
      const finishedAt = client.clock.now();
      return {
        status: 'healthy',
        latencyMs: finishedAt - startedAt,
        checkedAt: finishedAt,
        message: `${models.length} models listed`,
      };
    } catch (error) {
      const failure = echoErrorFromThrown(error, client.scope(), options.signal);
      // The one rejection allowed: the caller asked to stop.
      if (failure.kind === 'aborted') throw failure;
      const finishedAt = client.clock.now();
      return {
        status: 'unhealthy',
        latencyMs: finishedAt - startedAt,
        checkedAt: finishedAt,
        message: failure.message,
        errorKind: failure.kind,
      };
    }
  }

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: resolved.id,
    kind: ECHO_PROVIDER_KIND,
    supports,
    // Echo's listing is one cheap call, so nothing is cached and `refresh` has nothing to bypass.
    listModels: (options: ListModelsOptions = {}): Promise<ModelInfo[]> => listEchoModels(client, options.signal),
    async loadModel(modelId: string, options: LoadModelOptions = {}): Promise<LanguageModel> {
      if (options.signal?.aborted) throw echoAborted(client.scope(modelId));
      parseWithSchema(modelIdSchema, modelId, 'Echo model id');
      return createEchoLanguageModel(client, modelId, supports);
    },
    async unloadModel(modelId: string, options: CallOptions = {}): Promise<void> {
      // Nothing is resident on our side of a remote API; only honour the abort.
      if (options.signal?.aborted) throw echoAborted(client.scope(modelId));
    },
    healthCheck,
    // fetch pools its own connections and the provider holds nothing else: there is nothing to
    // release, and calling it again is as harmless as the first time.
    async dispose(): Promise<void> {},
  };
}

/** A ready Echo provider with the default settings (`ECHO_API_KEY`, `https://api.echo.example`). */
export const echo: EchoProvider = createEcho();
