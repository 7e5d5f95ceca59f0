// Models of a custom server: declared in the settings with their metadata, discovered from
// `/v1/models`, or both. Where both describe a model, the declaration wins: the server's listing
// only knows ids, the config knows prices, windows and capabilities.
import {
  type Capability,
  capabilitySchema,
  LONG_CONTEXT_TOKENS,
  type ModelInfo,
  modalitySchema,
  modelIdSchema,
  modelInfoSchema,
} from '@modelyard/core';
import { z } from 'zod';

/** The provider kind of every custom provider's models. */
export const CUSTOM_KIND = 'custom';

const priceSchema = z.number().finite().min(0);

/** Schema of a declared model (see {@link DeclaredModel}). */
export const declaredModelSchema = z
  .strictObject({
    id: modelIdSchema,
    displayName: z.string().min(1).optional(),
    description: z.string().optional(),
    contextLength: z.int().min(1).optional(),
    maxOutputTokens: z.int().min(1).optional(),
    pricing: z
      .strictObject({
        inputPerToken: priceSchema.optional(),
        outputPerToken: priceSchema.optional(),
        perRequest: priceSchema.optional(),
      })
      .optional(),
    isFree: z.boolean().optional(),
    capabilities: z.array(capabilitySchema).optional(),
    modalities: z
      .strictObject({ input: z.array(modalitySchema).min(1), output: z.array(modalitySchema).min(1) })
      .optional(),
    locality: z.enum(['local', 'remote']).optional(),
  })
  .superRefine((model, context) => {
    if (model.isFree === true) {
      for (const [field, price] of Object.entries(model.pricing ?? {})) {
        if (price > 0) {
          context.addIssue({
            code: 'custom',
            path: ['pricing', field],
            message: 'a price of 0, because isFree is true',
            input: price,
          });
        }
      }
    }
    if (
      model.contextLength !== undefined &&
      model.maxOutputTokens !== undefined &&
      model.maxOutputTokens > model.contextLength
    ) {
      context.addIssue({
        code: 'custom',
        path: ['maxOutputTokens'],
        message: `at most contextLength (${model.contextLength})`,
        input: model.maxOutputTokens,
      });
    }
    if (model.capabilities !== undefined && new Set(model.capabilities).size !== model.capabilities.length) {
      context.addIssue({
        code: 'custom',
        path: ['capabilities'],
        message: 'capabilities without duplicates',
        input: model.capabilities,
      });
    }
  });

/**
 * A model declared in the settings, with what the server cannot say about it. Prices are in USD per
 * token (and per request); context and output limits in tokens. What is left out is unknown, not
 * guessed: an undeclared price is `null`, never 0.
 */
export interface DeclaredModel {
  /** The model id the server answers to. */
  id: string;
  displayName?: string;
  description?: string;
  /** Context window, in tokens. */
  contextLength?: number;
  /** Maximum output tokens per call, at most `contextLength`. */
  maxOutputTokens?: number;
  /** USD per input token, per output token and per request. */
  pricing?: { inputPerToken?: number; outputPerToken?: number; perRequest?: number };
  /** The model costs nothing (a local server); no declared price may then be above 0. */
  isFree?: boolean;
  /** What the model can do; default `chat` and `streaming` (plus `long_context` from 100,000 tokens). */
  capabilities?: Capability[];
  /** What the model reads and writes; default text in, text out. */
  modalities?: { input: z.input<typeof modalitySchema>[]; output: z.input<typeof modalitySchema>[] };
  /** Where the model runs; default: the provider's `locality`. */
  locality?: 'local' | 'remote';
}

/** What every model of one provider instance shares. */
export interface ModelDefaults {
  providerId: string;
  locality: 'local' | 'remote';
}

function defaultCapabilities(contextLength: number | null): Capability[] {
  return contextLength !== null && contextLength >= LONG_CONTEXT_TOKENS
    ? ['chat', 'streaming', 'long_context']
    : ['chat', 'streaming'];
}

/** A declared model as a core {@link ModelInfo}. */
export function declaredModelToInfo(model: z.output<typeof declaredModelSchema>, defaults: ModelDefaults): ModelInfo {
  const contextLength = model.contextLength ?? null;
  return modelInfoSchema.parse({
    providerId: defaults.providerId,
    modelId: model.id,
    providerKind: CUSTOM_KIND,
    displayName: model.displayName,
    description: model.description ?? null,
    locality: model.locality ?? defaults.locality,
    contextLength,
    maxOutputTokens: model.maxOutputTokens ?? null,
    pricing: {
      inputPerToken: model.pricing?.inputPerToken ?? null,
      outputPerToken: model.pricing?.outputPerToken ?? null,
      perRequest: model.pricing?.perRequest ?? null,
    },
    isFree: model.isFree ?? false,
    capabilities: model.capabilities ?? defaultCapabilities(contextLength),
    // Absent, the schema's default applies: text in, text out.
    modalities: model.modalities,
    providerMetadata: { source: 'config' },
  });
}

/** A model the server listed and nobody declared: its id, and nothing else known. */
export function discoveredModelToInfo(
  entry: { id: string; owned_by?: string | null | undefined },
  defaults: ModelDefaults,
): ModelInfo {
  return modelInfoSchema.parse({
    providerId: defaults.providerId,
    modelId: entry.id,
    providerKind: CUSTOM_KIND,
    locality: defaults.locality,
    capabilities: defaultCapabilities(null),
    providerMetadata: { source: 'server', ...(entry.owned_by ? { ownedBy: entry.owned_by } : {}) },
  });
}

/**
 * The listing of a provider: the server's models in its order, each replaced by its declaration
 * when there is one (config wins), then the declared models the server did not list. Ids are
 * unique; a server that lists an id twice shows it once.
 */
export function mergeModels(declared: readonly ModelInfo[], discovered: readonly ModelInfo[]): ModelInfo[] {
  const byId = new Map(declared.map((model) => [model.modelId, model]));
  const merged = new Map<string, ModelInfo>();
  for (const model of discovered) {
    // A repeated id maps to the same entry again; the Map keeps its first position.
    const declaration = byId.get(model.modelId);
    merged.set(
      model.modelId,
      declaration === undefined
        ? model
        : { ...declaration, providerMetadata: { ...declaration.providerMetadata, listedByServer: true } },
    );
  }
  for (const model of declared) if (!merged.has(model.modelId)) merged.set(model.modelId, model);
  return [...merged.values()];
}
