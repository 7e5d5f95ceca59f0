// Installed models (`/api/tags`) enriched with what `/api/show` says of each (context length,
// capabilities, parameter count) and with `/api/ps` (loaded now, memory, expiry) → core ModelInfo.
// Only what the server reports is used: an unknown context length stays null, never guessed from
// the model's name.
import {
  type Capability,
  FREE_PRICING,
  LONG_CONTEXT_TOKENS,
  type MemoryEstimate,
  type Modality,
  type ModelInfo,
  modelInfoSchema,
} from '@modelyard/core';
import type { PsEntry, ShowResponse, TagsEntry } from './ollama-api';

/** The provider kind of every Ollama provider's models. */
export const OLLAMA_KIND = 'ollama';

const PARAMETER_SIZE = /^\s*(\d+(?:\.\d+)?)\s*([KMBT])\s*$/i;
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * Reads Ollama's `parameter_size` (`8.0B`, `1.2B`, `270M`, `7B`) as a number of parameters;
 * `null` when it is absent or not in that form.
 */
export function parseParameterSize(text: string | null | undefined): number | null {
  const match = text === null || text === undefined ? null : PARAMETER_SIZE.exec(text);
  if (match === null) return null;
  const unit = SCALE[(match[2] as string).toUpperCase()] as number;
  return Math.round(Number(match[1]) * unit);
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : null;
}

/** `general.architecture` of a model's GGUF metadata, when reported. */
export function architectureOf(modelInfo: Record<string, unknown> | null | undefined): string | null {
  const architecture = modelInfo?.['general.architecture'];
  return typeof architecture === 'string' && architecture.length > 0 ? architecture : null;
}

/**
 * A per-architecture number of the GGUF metadata (`context_length`, `block_count`): the key of
 * `general.architecture`, or, when the architecture is not named, the only key with that suffix.
 * `null` when not reported as a positive integer.
 */
export function architectureNumberOf(
  modelInfo: Record<string, unknown> | null | undefined,
  field: 'context_length' | 'block_count',
): number | null {
  if (modelInfo === null || modelInfo === undefined) return null;
  const architecture = architectureOf(modelInfo);
  if (architecture !== null) return positiveInteger(modelInfo[`${architecture}.${field}`]);
  const keys = Object.keys(modelInfo).filter((key) => key.endsWith(`.${field}`));
  return keys.length === 1 ? positiveInteger(modelInfo[keys[0] as string]) : null;
}

/** The parameter count: `general.parameter_count`, else read from `parameter_size`; `null` when neither. */
export function parameterCountOf(
  show: ShowResponse | undefined,
  parameterSize: string | null | undefined,
): number | null {
  const count = show?.model_info?.['general.parameter_count'];
  if (typeof count === 'number' && Number.isSafeInteger(count) && count >= 0) return count;
  return parseParameterSize(parameterSize);
}

/**
 * Core capabilities from `/api/show`'s list: `completion` → chat and streaming, plus json and
 * structured_output (Ollama constrains any generating model to JSON or a JSON Schema with
 * `format`); `tools` → tools; `vision` → vision; `embedding` → embeddings; `thinking` → reasoning;
 * and long_context from a known context length of 100,000 tokens or more. Without a list (servers
 * before 0.6.4, or a failed show) a listed model is taken for a chat model.
 */
export function capabilitiesOf(
  reported: readonly string[] | null | undefined,
  contextLength: number | null,
): Capability[] {
  const list = reported ?? ['completion'];
  const capabilities: Capability[] = [];
  if (list.includes('completion')) capabilities.push('chat', 'streaming', 'json', 'structured_output');
  if (list.includes('tools')) capabilities.push('tools');
  if (list.includes('vision')) capabilities.push('vision');
  if (list.includes('embedding')) capabilities.push('embeddings');
  if (list.includes('thinking')) capabilities.push('reasoning');
  if (contextLength !== null && contextLength >= LONG_CONTEXT_TOKENS) capabilities.push('long_context');
  return capabilities;
}

/** What a model reads and writes, from its capabilities. */
export function modalitiesOf(capabilities: readonly Capability[]): { input: Modality[]; output: Modality[] } {
  const input: Modality[] = capabilities.includes('vision') ? ['text', 'image'] : ['text'];
  const output: Modality[] = [];
  if (capabilities.includes('chat')) output.push('text');
  if (capabilities.includes('embeddings')) output.push('embedding');
  return { input, output: output.length > 0 ? output : ['text'] };
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** What `/api/ps` says of a loaded model, in core's units. */
export interface LoadedFacts {
  /** Bytes of memory the loaded model takes; `null` when not reported. */
  sizeBytes: number | null;
  /** Of which in VRAM. */
  vramBytes: number | null;
  /** When the server unloads it, as an ISO time; `null` when not reported. */
  expiresAt: string | null;
  /** The context window it was loaded with, in tokens. */
  contextLength: number | null;
}

/** The facts of one `/api/ps` entry. */
export function loadedFactsOf(entry: PsEntry): LoadedFacts {
  const bytes = (value: number | null | undefined) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
  const expiresAt = nonEmpty(entry.expires_at);
  return {
    sizeBytes: bytes(entry.size),
    vramBytes: bytes(entry.size_vram),
    expiresAt: expiresAt !== null && !Number.isNaN(Date.parse(expiresAt)) ? expiresAt : null,
    contextLength: positiveInteger(entry.context_length),
  };
}

/** The memory a loaded model was measured to take at its loaded context length, as a core estimate. */
function memoryEstimatesOf(loaded: LoadedFacts | undefined): MemoryEstimate[] {
  if (loaded === undefined || loaded.sizeBytes === null || loaded.sizeBytes === 0 || loaded.contextLength === null) {
    return [];
  }
  // The measured footprint is what the model needs in RAM on the CPU, or in VRAM fully offloaded.
  return [{ contextLength: loaded.contextLength, ramBytes: loaded.sizeBytes, vramBytes: loaded.sizeBytes }];
}

/** Everything known of one installed model. */
export interface OllamaModelFacts {
  /** The `/api/tags` entry. */
  entry: TagsEntry;
  /** The `/api/show` answer; `undefined` when it failed. */
  show: ShowResponse | undefined;
  /** Why `/api/show` failed, when it did. */
  showError?: string;
  /**
   * `/api/ps`: the facts when loaded, `null` when not loaded, `undefined` when unknown
   * (the request failed).
   */
  loaded: LoadedFacts | null | undefined;
}

/** One installed model as a core {@link ModelInfo}. */
export function ollamaModelToInfo(facts: OllamaModelFacts, providerId: string): ModelInfo {
  const { entry, show, loaded } = facts;
  const details = entry.details ?? show?.details ?? undefined;
  const contextLength = architectureNumberOf(show?.model_info, 'context_length');
  const capabilities = capabilitiesOf(show?.capabilities, contextLength);
  return modelInfoSchema.parse({
    providerId,
    modelId: entry.name,
    providerKind: OLLAMA_KIND,
    locality: 'local',
    contextLength,
    pricing: FREE_PRICING,
    isFree: true,
    capabilities,
    modalities: modalitiesOf(capabilities),
    weights: {
      sizeBytes: typeof entry.size === 'number' && entry.size >= 0 ? entry.size : null,
      parameterCount: parameterCountOf(show, details?.parameter_size),
      quantization: nonEmpty(details?.quantization_level),
      family: nonEmpty(details?.family) ?? architectureOf(show?.model_info),
      format: nonEmpty(details?.format),
      memoryEstimates: memoryEstimatesOf(loaded ?? undefined),
    },
    isLoaded: loaded === undefined ? null : loaded !== null,
    providerMetadata: {
      ...(nonEmpty(entry.digest) ? { digest: entry.digest } : {}),
      ...(nonEmpty(entry.modified_at) ? { modifiedAt: entry.modified_at } : {}),
      ...(nonEmpty(details?.parameter_size) ? { parameterSize: details?.parameter_size } : {}),
      ollamaCapabilities: show?.capabilities ?? null,
      ...(loaded ? { loaded: { ...loaded } } : {}),
      ...(facts.showError === undefined ? {} : { showError: facts.showError }),
    },
  });
}
