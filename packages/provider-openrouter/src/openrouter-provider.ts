// createOpenRouter(): the OpenRouter ModelProvider. Creating does no I/O and reads no key; the key
// is read at the first request that needs it.
import {
  type CallOptions,
  GENERATION_OPTIONS,
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
import { checkListingHealth, createModelCatalogue } from '@modelyard/provider-custom';
import { openRouterModelListSchema } from './openrouter-api';
import { createOpenRouterConnection, OPENROUTER_API_KEY_ENV } from './openrouter-client';
import { classifyOpenRouterError } from './openrouter-error';
import { checkOpenRouterKey, type OpenRouterKeyValidation } from './openrouter-key';
import { createOpenRouterLanguageModel } from './openrouter-language-model';
import { filterModels, OPENROUTER_KIND, openRouterModelToInfo } from './openrouter-models';
import { type OpenRouterSettings, openRouterSettingsSchema } from './openrouter-settings';

/**
 * What an OpenRouter provider supports: streaming and every generation option. Tool calling is not
 * declared: core requests carry no tools yet, so none could be sent (the models that could use them
 * say so in their `tools` capability).
 */
export const OPENROUTER_SUPPORTS: ProviderSupports = Object.freeze({
  streaming: true,
  pull: false,
  loadUnload: false,
  tools: false,
  embeddings: false,
  generationOptions: [...GENERATION_OPTIONS],
});

/** An OpenRouter {@link ModelProvider}, plus a check of its API key. */
export interface OpenRouterProvider extends ModelProvider {
  /** Asks OpenRouter about the key in use (label, spending, limit, free tier); see {@link OpenRouterKeyValidation}. */
  validateKey(options?: CallOptions): Promise<OpenRouterKeyValidation>;
}

// OpenRouter's app attribution; the client leaves out headers whose value is undefined.
function attributionHeaders(settings: { appUrl?: string | undefined; appTitle?: string | undefined }) {
  return { 'HTTP-Referer': settings.appUrl, 'X-Title': settings.appTitle };
}

/**
 * Creates an OpenRouter provider. No I/O happens and no key is read until the first request; a
 * bad setting throws a ConfigError naming the field.
 *
 * @example
 * ```text
 * const openrouter = createOpenRouter({ appTitle: 'My app' }); // key from OPENROUTER_API_KEY
 * const model = await openrouter.loadModel('meta-llama/llama-3.1-8b-instruct:free');
 * const { text } = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
 * ```
 */
export function createOpenRouter(settings: OpenRouterSettings = {}): OpenRouterProvider {
  const parsed = parseWithSchema(openRouterSettingsSchema, settings, 'OpenRouter settings');
  const providerId = parsed.id;
  const clock = parsed.clock ?? systemClock;
  const connection = createOpenRouterConnection({
    providerId,
    apiKey: parsed.apiKey,
    readEnvironmentKey: () => process.env[OPENROUTER_API_KEY_ENV],
    baseURL: parsed.baseURL,
    headers: { ...attributionHeaders(parsed), ...parsed.headers },
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
  });

  async function loadListing(signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    let raw: unknown;
    try {
      raw = await connection.client(false).get('/models', { signal });
    } catch (error) {
      throw classifyOpenRouterError(error, { providerId, secrets: connection.secrets(), signal, nowMs: clock.now() });
    }
    const listing = parseResponseWithSchema(openRouterModelListSchema, raw, {
      providerId,
      what: 'a model listing',
      source: 'OpenRouter',
    });
    // OpenRouter lists each model once; a repeated id would break identity uniqueness downstream.
    const seen = new Set<string>();
    const unique = listing.data.filter((model) => !seen.has(model.id) && seen.add(model.id));
    return unique.map((model) => openRouterModelToInfo(model, providerId));
  }

  const catalogue = createModelCatalogue({ load: loadListing, clock, ttlMs: parsed.cacheTtlMs });
  const modelContext = {
    providerId,
    connection,
    clock,
    supports: OPENROUTER_SUPPORTS,
    pricingOf: (modelId: string) => catalogue.lastKnown()?.find((model) => model.modelId === modelId)?.pricing ?? null,
  };
  const filter = {
    freeOnly: parsed.freeOnly,
    maxInputPricePerToken: parsed.maxInputPricePerToken,
    maxOutputPricePerToken: parsed.maxOutputPricePerToken,
  };

  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: providerId,
    kind: OPENROUTER_KIND,
    supports: OPENROUTER_SUPPORTS,

    async listModels(options: ListModelsOptions = {}) {
      return filterModels(await catalogue.list(options), filter);
    },

    async loadModel(modelId: string, options: CallOptions = {}): Promise<LanguageModel> {
      // The listing (cached) tells an unknown model apart before any paid call, and holds the prices.
      const models = await catalogue.list({ signal: options.signal });
      if (!models.some((model) => model.modelId === modelId)) {
        throw new ModelyardError({
          kind: 'not_found',
          message: `OpenRouter lists no model "${modelId}"`,
          providerId,
          modelId,
        });
      }
      return createOpenRouterLanguageModel(modelContext, modelId);
    },

    async unloadModel() {
      // Nothing is loaded on OpenRouter's side.
    },

    healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      return checkListingHealth({
        clock,
        signal: options.signal,
        list: (signal) => catalogue.list({ refresh: true, signal }),
        classify: (thrown, signal) =>
          classifyOpenRouterError(thrown, { providerId, secrets: connection.secrets(), signal, nowMs: clock.now() }),
      });
    },

    validateKey(options: CallOptions = {}) {
      return checkOpenRouterKey({ providerId, connection, clock }, options);
    },

    async dispose() {
      catalogue.clear();
    },
  };
}

/** A ready OpenRouter provider with default settings; the key comes from `OPENROUTER_API_KEY`. */
export const openrouter: OpenRouterProvider = createOpenRouter();

/**
 * Checks an OpenRouter API key without creating a provider yourself: `{ isValid: true, key }` with
 * its label, spending, limit and tier, or `{ isValid: false, error }` when OpenRouter rejects it
 * (or none was given). Rejects for failures that say nothing about the key (network, 5xx, abort).
 */
export function validateOpenRouterKey(
  settings: OpenRouterSettings & CallOptions = {},
): Promise<OpenRouterKeyValidation> {
  const { signal, ...providerSettings } = settings;
  return createOpenRouter(providerSettings).validateKey({ signal });
}
