import {
  GENERATION_OPTIONS,
  type GenerateRequest,
  type GenerationOptionName,
  ModelyardError,
  type ProviderSupports,
} from '@modelyard/core';
import type { Llama, LlamaGrammar } from 'node-llama-cpp';

/** Every generation option llama.cpp applies here; the provider's manifest lists exactly these. */
export const SUPPORTED_GENERATION_OPTIONS: readonly GenerationOptionName[] = GENERATION_OPTIONS;

/** What this provider can do. */
export const LOCAL_SUPPORTS: ProviderSupports = {
  streaming: true,
  pull: false,
  loadUnload: true,
  tools: false,
  embeddings: false,
  generationOptions: [...SUPPORTED_GENERATION_OPTIONS],
};

/** The sampling options of `LlamaChat.generateResponse` that a request sets. */
export interface SamplingOptions {
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  customStopTriggers?: string[];
  repeatPenalty?: { penalty: number; presencePenalty?: number; frequencyPenalty?: number };
}

/**
 * The request's sampling options in node-llama-cpp's names. Unset options are left out, so
 * node-llama-cpp's defaults apply (greedy decoding: temperature 0). Penalties are applied
 * without llama.cpp's default repeat penalty (`penalty: 1` turns that one off).
 */
export function toSamplingOptions(request: GenerateRequest): SamplingOptions {
  const options: SamplingOptions = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.topP = request.topP;
  if (request.topK !== undefined) options.topK = request.topK;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.stop !== undefined) options.customStopTriggers = [...request.stop];
  if (request.presencePenalty !== undefined || request.frequencyPenalty !== undefined) {
    options.repeatPenalty = { penalty: 1 };
    if (request.presencePenalty !== undefined) options.repeatPenalty.presencePenalty = request.presencePenalty;
    if (request.frequencyPenalty !== undefined) options.repeatPenalty.frequencyPenalty = request.frequencyPenalty;
  }
  return options;
}

/**
 * The llama.cpp grammar that enforces `responseFormat`: none for text, JSON for `{ type: 'json' }`,
 * the schema's grammar when a schema is given (node-llama-cpp supports a subset of JSON Schema;
 * a schema outside it is a `bad_request`).
 */
export async function grammarFor(
  request: GenerateRequest,
  llama: Llama,
  providerId: string,
): Promise<LlamaGrammar | undefined> {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return llama.getGrammarFor('json');
  try {
    return await llama.createGrammarForJsonSchema(format.schema as Parameters<Llama['createGrammarForJsonSchema']>[0]);
  } catch (error) {
    throw new ModelyardError({
      kind: 'bad_request',
      message: `responseFormat.schema cannot be turned into a llama.cpp grammar: ${error instanceof Error ? error.message : String(error)}`,
      providerId,
      cause: error,
    });
  }
}
