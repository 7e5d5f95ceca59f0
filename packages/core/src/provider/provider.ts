import { z } from 'zod';
import { errorKindSchema } from '../errors/error-kind';
import type { CallOptions, GenerateRequest, GenerationOptionName } from '../generation/request';
import { GENERATION_OPTIONS } from '../generation/request';
import type { GenerateResult } from '../generation/result';
import type { StreamPart } from '../generation/stream-part';
import type { ModelIdentity } from '../model/identity';
import type { ModelInfo } from '../model/model-info';

/** The version of this spec a provider implements. */
export const SPECIFICATION_VERSION = 'v1' as const;

/**
 * What a provider can do. The contract suite reads this manifest to decide which rules apply;
 * the fallback runner and the CLI read it to decide what to offer. Declare only what works.
 */
export const providerSupportsSchema = z.strictObject({
  /** `LanguageModel.stream` yields real incremental text (not one chunk at the end). */
  streaming: z.boolean(),
  /** `pullModel` downloads a model on the provider's side (Ollama). */
  pull: z.boolean(),
  /** `loadModel`/`unloadModel` change what is resident in memory (local servers, in-process). */
  loadUnload: z.boolean(),
  /** Tool/function calling is available on some models. */
  tools: z.boolean(),
  /** Embedding models are available. */
  embeddings: z.boolean(),
  /** Generation options this provider sends to the server; others produce a warning, never a silent drop. */
  generationOptions: z.array(z.enum(GENERATION_OPTIONS)),
});

/** A provider's capability manifest; see {@link providerSupportsSchema}. */
export type ProviderSupports = z.output<typeof providerSupportsSchema>;

/** Health of a provider, from a check that costs nothing (listing or version endpoints only). */
export const healthStatusSchema = z.object({
  /** `healthy`: answered; `degraded`: answered slowly or partially; `unhealthy`: did not answer. */
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  /** How long the check took, in milliseconds. */
  latencyMs: z.number().finite().min(0),
  /** When the check finished, in ms since the epoch. */
  checkedAt: z.number().finite(),
  /** What the check found, in words (the server version, or why it failed). */
  message: z.string().optional(),
  /** The error kind, when unhealthy. */
  errorKind: errorKindSchema.optional(),
});

/** See {@link healthStatusSchema}. */
export type HealthStatus = z.output<typeof healthStatusSchema>;

/** Options of {@link ModelProvider.listModels}. */
export interface ListModelsOptions extends CallOptions {
  /** Bypass the provider's listing cache. */
  refresh?: boolean;
}

/** Options of {@link ModelProvider.loadModel}. */
export interface LoadModelOptions extends CallOptions {
  /** Context window to load with, in tokens (local providers). */
  contextLength?: number;
  /** GPU offload: `auto`, `off`, or the fraction of layers (0–1) to put on the GPU. */
  gpuOffload?: 'auto' | 'off' | number;
  /** How long a local server keeps the model loaded after use, in milliseconds. */
  keepAliveMs?: number;
}

/** Progress of {@link ModelProvider.pullModel}, in bytes. */
export interface PullProgress {
  /** What the server is doing (`pulling manifest`, `downloading`, `verifying`, `success`). */
  status: string;
  /** The layer (digest) being downloaded, when the server says. */
  layer?: string;
  /** Bytes done of this layer. */
  completedBytes?: number;
  /** Bytes in this layer. */
  totalBytes?: number;
}

/** Options of {@link ModelProvider.pullModel}. */
export interface PullModelOptions extends CallOptions {
  onProgress?: (progress: PullProgress) => void;
}

/** A model ready to answer requests. */
export interface LanguageModel {
  /** Which model this is. */
  readonly identity: ModelIdentity;
  /** Generates a whole answer. Rejects with a ModelyardError. */
  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResult>;
  /**
   * Streams an answer as {@link StreamPart}s. The stream is well-formed (see `StreamPart`): it
   * ends in exactly one `finish` or `error`, or throws a ModelyardError. Aborting the signal, or
   * leaving the loop early, stops generation on the server side too.
   */
  stream(request: GenerateRequest, options?: CallOptions): AsyncIterable<StreamPart>;
}

/**
 * A source of models: a cloud API, a local server, the process itself. One object per configured
 * instance (two vLLM servers are two providers with different ids).
 *
 * Creating a provider never does I/O and never throws for a missing key: credentials are read at
 * the first call. Every method rejects with a ModelyardError, never anything else.
 */
export interface ModelProvider {
  /** The spec version implemented. */
  readonly specificationVersion: typeof SPECIFICATION_VERSION;
  /** Instance id, unique among the providers in use (`openrouter`, `my-vllm`). */
  readonly id: string;
  /** Kind of provider (`openrouter`, `ollama`, `custom`, …). Several instances may share a kind. */
  readonly kind: string;
  /** What this provider can do. */
  readonly supports: ProviderSupports;
  /** Models available now. Identities are unique; `providerId` equals {@link id}. */
  listModels(options?: ListModelsOptions): Promise<ModelInfo[]>;
  /**
   * A handle on one model, loading it first where that means something. Unknown model → rejects
   * with kind `not_found`.
   */
  loadModel(modelId: string, options?: LoadModelOptions): Promise<LanguageModel>;
  /** Frees the model's memory where that means something; a no-op elsewhere. */
  unloadModel(modelId: string, options?: CallOptions): Promise<void>;
  /** Downloads a model; present when `supports.pull` is true. */
  pullModel?(modelId: string, options?: PullModelOptions): Promise<void>;
  /** A free check (listing or version endpoint; never a paid generation). Never rejects except on abort. */
  healthCheck(options?: CallOptions): Promise<HealthStatus>;
  /** Releases connections, caches and native resources. Safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * The options set in `request` that `supports` does not list: the provider must not send them
 * silently dropped, so it reports them as warnings (see `GenerateResult.warnings`).
 */
export function unsupportedGenerationOptions(
  request: GenerateRequest,
  supports: ProviderSupports,
): GenerationOptionName[] {
  const supported = new Set(supports.generationOptions);
  return GENERATION_OPTIONS.filter((name) => request[name] !== undefined && !supported.has(name));
}
