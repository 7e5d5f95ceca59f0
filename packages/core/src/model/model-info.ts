import { z } from 'zod';
import { capabilitySchema, type Modality, modalitySchema } from './capabilities';
import { modelIdSchema, providerIdSchema } from './identity';
import { pricingSchema } from './pricing';

const tokenCountSchema = z.int().min(1).nullable();
const byteCountSchema = z.number().finite().min(0).nullable();

/** A 0–10 score with where it came from (a benchmark, a curated table, the user's own ratings). */
export const scoreSchema = z.object({
  /** 0 (worst) to 10 (best). */
  value: z.number().min(0).max(10),
  /** Where the value comes from, e.g. `modelyard-defaults`, `user`, `lmarena-2026-10`. */
  source: z.string().min(1),
});

/** A 0–10 score with its source. */
export type Score = z.output<typeof scoreSchema>;

/** Memory a local model needs at a given context length, in bytes. */
export const memoryEstimateSchema = z.object({
  /** The context length (tokens) the estimate is for. */
  contextLength: z.int().min(1),
  /** Bytes of RAM when run entirely on the CPU. */
  ramBytes: z.number().finite().min(0),
  /** Bytes of VRAM when every layer is offloaded to the GPU. */
  vramBytes: z.number().finite().min(0),
});

/** Memory a local model needs at a given context length. */
export type MemoryEstimate = z.output<typeof memoryEstimateSchema>;

/** What we know about a model's weights: for local models, and for remote ones where reported. */
export const modelWeightsSchema = z.object({
  /** Size of the weights on disk, in bytes. */
  sizeBytes: byteCountSchema.default(null),
  /** Number of parameters (8e9 for an 8B model). */
  parameterCount: z.number().finite().min(0).nullable().default(null),
  /** Quantization as the format names it: `Q4_K_M`, `Q8_0`, `F16`, `4bit`. */
  quantization: z.string().min(1).nullable().default(null),
  /** Model family / architecture: `llama`, `qwen2`, `gemma3`, `phi3`. */
  family: z.string().min(1).nullable().default(null),
  /** Weights format: `gguf`, `mlx`, `safetensors`. */
  format: z.string().min(1).nullable().default(null),
  /** Memory estimates at one or more context lengths (from the runtime's own estimator when it has one). */
  memoryEstimates: z.array(memoryEstimateSchema).default([]),
});

/** What we know about a model's weights. */
export type ModelWeights = z.output<typeof modelWeightsSchema>;

/**
 * Everything Modelyard knows about one model on one provider instance. Providers produce it from
 * their listings; the selector filters and ranks it. Unknown facts are `null`, never guessed.
 *
 * Unknown fields are stripped, not rejected, so a provider built against a newer spec still lists
 * here; put provider-specific facts in `providerMetadata`.
 */
export const modelInfoSchema = z
  .object({
    /** Provider instance id (see {@link providerIdSchema}). */
    providerId: providerIdSchema,
    /** Model id as the provider names it. */
    modelId: modelIdSchema,
    /** Kind of provider (`openrouter`, `ollama`, `lmstudio`, `local`, `custom`, or a third party's). */
    providerKind: z.string().min(1),
    /** Name to show people. Defaults to the model id. */
    displayName: z.string().min(1).optional(),
    /** One-paragraph description, when the provider has one. */
    description: z.string().nullable().default(null),
    /** `local`: runs on this machine (Ollama, LM Studio, in-process); `remote`: a cloud API. */
    locality: z.enum(['local', 'remote']),
    /** Maximum tokens of prompt + output; `null` when unknown. */
    contextLength: tokenCountSchema.default(null),
    /** Maximum output tokens per call; `null` when unknown. */
    maxOutputTokens: tokenCountSchema.default(null),
    /** Prices in USD per token / per request; unknown prices are `null`. */
    pricing: pricingSchema.default({ inputPerToken: null, outputPerToken: null, perRequest: null }),
    /**
     * The provider says the model costs nothing (OpenRouter's `:free` variants, local models).
     * Checked against `pricing`: a free model may not have a price above 0.
     */
    isFree: z.boolean().default(false),
    /** What the model can do, from the documented vocabulary; no duplicates. */
    capabilities: z.array(capabilitySchema).default(['chat']),
    /** What the model reads and writes. */
    modalities: z
      .object({ input: z.array(modalitySchema).min(1), output: z.array(modalitySchema).min(1) })
      // A function: zod copies a default only one level deep, so a literal would share its arrays
      // between every parsed model.
      .default((): { input: Modality[]; output: Modality[] } => ({ input: ['text'], output: ['text'] })),
    /** Facts about the weights (mostly for local models); `null` when nothing is known. */
    weights: modelWeightsSchema.nullable().default(null),
    /** Whether the model is loaded in memory right now (local servers); `null` when unknown or not applicable. */
    isLoaded: z.boolean().nullable().default(null),
    /** Optional 0–10 quality score with its source. */
    quality: scoreSchema.nullable().default(null),
    /** Optional 0–10 safety score with its source (used only when requirements ask for it). */
    safety: scoreSchema.nullable().default(null),
    /** Provider-specific facts that have no field here (JSON-serializable). */
    providerMetadata: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((model, context) => {
    if (new Set(model.capabilities).size !== model.capabilities.length) {
      context.addIssue({
        code: 'custom',
        path: ['capabilities'],
        message: 'capabilities without duplicates',
        input: model.capabilities,
      });
    }
    if (model.isFree) {
      for (const field of ['inputPerToken', 'outputPerToken', 'perRequest'] as const) {
        const price = model.pricing[field];
        if (price !== null && price > 0) {
          context.addIssue({
            code: 'custom',
            path: ['pricing', field],
            message: 'a price of 0 or null, because isFree is true',
            input: price,
          });
        }
      }
    }
    if (model.contextLength !== null && model.maxOutputTokens !== null && model.maxOutputTokens > model.contextLength) {
      context.addIssue({
        code: 'custom',
        path: ['maxOutputTokens'],
        message: `at most contextLength (${model.contextLength})`,
        input: model.maxOutputTokens,
      });
    }
  });

/** Everything Modelyard knows about one model; see {@link modelInfoSchema}. */
export type ModelInfo = z.output<typeof modelInfoSchema>;

/** What a provider writes to describe a model: {@link ModelInfo} with its defaults left out. */
export type ModelInfoInput = z.input<typeof modelInfoSchema>;

/** The name to show for a model: its display name, or its id. */
export function modelDisplayName(model: Pick<ModelInfo, 'displayName' | 'modelId'>): string {
  return model.displayName ?? model.modelId;
}
