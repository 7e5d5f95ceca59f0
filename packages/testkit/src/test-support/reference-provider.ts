// The reference provider: a small, correct ModelProvider for an OpenAI-compatible server, written
// against fetch. The contract suite is tested against it, and against each of its broken variants.
import {
  GENERATION_OPTIONS,
  type HealthStatus,
  type ModelInfo,
  type ModelProvider,
  ModelyardError,
  type ProviderSupports,
  SPECIFICATION_VERSION,
} from '@modelyard/core';
import type { ReferenceBreak } from './reference-breaks';
import { type ErrorScope, errorFromResponse, errorFromThrown, invalidResponse } from './reference-errors';
import { createReferenceLanguageModel } from './reference-language-model';

export interface ReferenceProviderOptions {
  baseURL: string;
  apiKey: string;
  breaks?: readonly ReferenceBreak[];
  supports?: Partial<ProviderSupports>;
}

export interface ReferenceContext {
  id: string;
  baseURL: string;
  apiKey: string;
  breaks: ReadonlySet<ReferenceBreak>;
  supports: ProviderSupports;
  errorScope: ErrorScope;
  fetch: typeof fetch;
}

const SUPPORTS: ProviderSupports = {
  streaming: true,
  pull: false,
  loadUnload: false,
  tools: false,
  embeddings: false,
  generationOptions: [...GENERATION_OPTIONS],
};

export function createReferenceProvider(options: ReferenceProviderOptions): ModelProvider {
  const breaks = new Set(options.breaks ?? []);
  const id = 'reference';
  const supports = { ...SUPPORTS, ...options.supports };
  const context: ReferenceContext = {
    id,
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    breaks,
    supports,
    errorScope: { providerId: id, secret: options.apiKey, breaks },
    fetch: (input, init) => fetch(input, init),
  };
  let disposed = false;

  async function fetchModelIds(signal: AbortSignal | undefined): Promise<string[]> {
    let response: Response;
    try {
      response = await context.fetch(`${options.baseURL}/models`, {
        headers: { authorization: `Bearer ${options.apiKey}` },
        ...(signal && !breaks.has('listing-ignores-abort') ? { signal } : {}),
      });
    } catch (error) {
      throw errorFromThrown(error, context.errorScope);
    }
    if (!response.ok) {
      if (breaks.has('listing-errors-swallowed')) return [];
      throw await errorFromResponse(response, context.errorScope);
    }
    let body: { data?: { id?: unknown }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw invalidResponse('the model list is not JSON', context.errorScope);
    }
    return (body.data ?? []).flatMap((entry) => (typeof entry.id === 'string' ? [entry.id] : []));
  }

  function infoOf(modelId: string): ModelInfo {
    return {
      providerId: id,
      modelId,
      providerKind: 'reference',
      description: null,
      locality: breaks.has('wrong-locality') ? 'local' : 'remote',
      contextLength: breaks.has('listing-invalid') ? -1 : null,
      maxOutputTokens: null,
      pricing: { inputPerToken: null, outputPerToken: null, perRequest: null },
      isFree: false,
      capabilities: ['chat'],
      modalities: { input: ['text'], output: ['text'] },
      weights: null,
      isLoaded: null,
      quality: null,
      safety: null,
      providerMetadata: {},
    };
  }

  const provider: ModelProvider & { apiKey?: string } = {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    kind: 'reference',
    supports,
    async listModels(listOptions = {}) {
      const ids = await fetchModelIds(listOptions.signal);
      const listed = breaks.has('listing-missing-model') ? ids.slice(0, -1) : ids;
      const models = listed.map(infoOf);
      return breaks.has('listing-duplicates') ? [...models, ...models] : models;
    },
    async loadModel(modelId) {
      return createReferenceLanguageModel(context, modelId);
    },
    async unloadModel() {
      if (breaks.has('unload-throws'))
        throw new ModelyardError({ kind: 'unknown', message: 'cannot unload', providerId: id });
    },
    async healthCheck(healthOptions = {}): Promise<HealthStatus> {
      const startedAt = Date.now();
      try {
        if (breaks.has('health-uses-generation')) {
          const model = await provider.loadModel('any');
          await model.generate({ messages: [{ role: 'user', content: 'ping' }] }).catch(() => undefined);
        }
        const ids = await fetchModelIds(healthOptions.signal);
        return {
          status: 'healthy',
          latencyMs: Date.now() - startedAt,
          checkedAt: Date.now(),
          message: `${ids.length} models`,
        };
      } catch (error) {
        if (breaks.has('health-throws')) throw error;
        const failure = errorFromThrown(error, context.errorScope);
        return {
          status: 'unhealthy',
          latencyMs: Date.now() - startedAt,
          checkedAt: Date.now(),
          message: failure.message,
          errorKind: failure.kind,
        };
      }
    },
    async dispose() {
      if (disposed && breaks.has('dispose-twice-throws')) throw new Error('already disposed');
      disposed = true;
    },
  };
  if (breaks.has('key-as-property')) provider.apiKey = options.apiKey;
  if (breaks.has('pull-without-support')) provider.pullModel = async () => undefined;
  return provider;
}
