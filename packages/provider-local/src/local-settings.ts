import { type Clock, type Logger, providerIdSchema, silentLogger } from '@modelyard/core';
import type { Llama } from 'node-llama-cpp';
import { SettingsReader } from './settings-reader';
import { highResolutionClock } from './timing';

/** Settings of {@link createLocalProvider}. Every field is optional; creating never does I/O. */
export interface LocalProviderSettings {
  /** Provider instance id (lower-case letters, digits, `.`, `_`, `-`). Default `local`. */
  id?: string;
  /**
   * Folders scanned for `.gguf` files (sub-folders too, 4 levels deep). Default: the folders in
   * `MODELYARD_MODELS_DIR` (separated by `:`, or `;` on Windows), else the per-user cache folder
   * (`~/.cache/modelyard/models` on Linux; see the README). Read at the first call, not at creation.
   */
  modelDirectories?: string | readonly string[];
  /** Model files outside those folders, by model id: `{ 'my-model': '/data/x.Q4_K_M.gguf' }`. */
  modelFiles?: Readonly<Record<string, string>>;
  /**
   * `auto`: use the best GPU backend installed (CUDA, Vulkan, Metal) and offload as many layers
   * as fit; `false`: CPU only. Default `auto`.
   */
  gpu?: 'auto' | false;
  /**
   * CPU threads per generation. Default `max(1, cpuMathCores − 1)`: llama.cpp's own default
   * oversubscribes small machines (4 threads on 2 cores runs ~1000× slower).
   */
  threads?: number;
  /** Context window a model is loaded with, in tokens; capped at what the model was trained for. Default 4096. */
  contextSize?: number;
  /** Models kept loaded at once; loading one more unloads the least recently used. Default 2. */
  maxLoadedModels?: number;
  /**
   * Memory (RAM + VRAM) the loaded models may take together, in bytes, by node-llama-cpp's own
   * estimate at the context size; the least recently used models are unloaded to make room, and
   * a model bigger than this on its own is refused. Default: the machine's total RAM and VRAM
   * minus node-llama-cpp's safety padding.
   */
  maxMemoryBytes?: number;
  /**
   * Context sizes (tokens) at which `listModels` reports memory estimates. Default: the size a
   * model would be loaded with and its full trained context.
   */
  estimateContextSizes?: readonly number[];
  /**
   * A node-llama-cpp `Llama` instance to run on instead of starting one (to share llama.cpp with
   * other code). The provider then leaves its GPU choice and thread limit alone and does not
   * dispose it. Default: the provider starts its own at the first call.
   */
  llama?: Llama;
  /** Where diagnostics (and llama.cpp's warnings) go. Default: nowhere. */
  logger?: Logger;
  /** Time source of timings (TTFT, tokens/s). Default: the system clock, sub-millisecond. */
  clock?: Clock;
  /** Environment read for `MODELYARD_MODELS_DIR`. Default `process.env`, read lazily. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** {@link LocalProviderSettings} checked, with defaults filled in where they need no I/O. */
export interface ResolvedLocalSettings {
  id: string;
  /** `undefined`: resolved from the environment at the first call. */
  modelDirectories: readonly string[] | undefined;
  modelFiles: ReadonlyMap<string, string>;
  gpu: 'auto' | false;
  /** `undefined`: derived from the CPU when llama.cpp starts. */
  threads: number | undefined;
  contextSize: number;
  maxLoadedModels: number;
  /** `undefined`: derived from the machine when llama.cpp starts. */
  maxMemoryBytes: number | undefined;
  estimateContextSizes: readonly number[] | undefined;
  /** A `Llama` instance the caller owns, or `undefined` to start one. */
  llama: Llama | undefined;
  logger: Logger;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>> | undefined;
}

/** Default context size a model is loaded with, in tokens. */
export const DEFAULT_CONTEXT_SIZE = 4096;
/** Default number of models kept loaded at once. */
export const DEFAULT_MAX_LOADED_MODELS = 2;

const KNOWN_SETTINGS = [
  'id',
  'modelDirectories',
  'modelFiles',
  'gpu',
  'threads',
  'contextSize',
  'maxLoadedModels',
  'maxMemoryBytes',
  'estimateContextSizes',
  'llama',
  'logger',
  'clock',
  'env',
];

function readDirectories(reader: SettingsReader, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0)
    return reader.fail('modelDirectories', 'a folder path or a non-empty array of them', value);
  // A bad entry is recorded as an issue, and throwIfInvalid throws before the list is used.
  return list.map((folder, index) => reader.text(folder, `modelDirectories[${index}]`)) as string[];
}

function readModelFiles(reader: SettingsReader, value: unknown): Map<string, string> {
  const files = new Map<string, string>();
  if (value === undefined) return files;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reader.fail('modelFiles', 'an object of model id → file path', value);
    return files;
  }
  for (const [modelId, path] of Object.entries(value)) {
    const file = reader.text(path, `modelFiles[${JSON.stringify(modelId)}]`);
    if (file !== undefined) files.set(modelId, file);
  }
  return files;
}

function readContextSizes(reader: SettingsReader, value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0)
    return reader.fail('estimateContextSizes', 'a non-empty array of context sizes', value);
  // A bad entry is recorded as an issue, and throwIfInvalid throws before the list is used.
  return value.map((size, index) => reader.integer(size, `estimateContextSizes[${index}]`, 1)) as number[];
}

/**
 * Checks `settings` and fills in the defaults that need no I/O.
 * @throws ConfigError naming every bad field (subject `local provider settings`).
 */
export function resolveLocalSettings(settings: LocalProviderSettings = {}): ResolvedLocalSettings {
  const reader = new SettingsReader();
  const isObject = typeof settings === 'object' && settings !== null;
  if (isObject) reader.knownKeys(settings, KNOWN_SETTINGS);
  else reader.fail('(root)', 'an object', settings);
  const source: Record<string, unknown> = isObject ? { ...settings } : {};
  const id = reader.text(source.id, 'id') ?? 'local';
  if (!providerIdSchema.safeParse(id).success)
    reader.fail('id', 'a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters', id);
  const gpu = source.gpu ?? 'auto';
  if (gpu !== 'auto' && gpu !== false) reader.fail('gpu', 'one of "auto", false', gpu);
  const maxMemoryBytes = source.maxMemoryBytes;
  if (maxMemoryBytes !== undefined && !(typeof maxMemoryBytes === 'number' && maxMemoryBytes > 0))
    reader.fail('maxMemoryBytes', 'a number of bytes > 0', maxMemoryBytes);
  const env = source.env;
  if (env !== undefined && (typeof env !== 'object' || env === null)) reader.fail('env', 'an object', env);
  const resolved: ResolvedLocalSettings = {
    id,
    modelDirectories: readDirectories(reader, source.modelDirectories),
    modelFiles: readModelFiles(reader, source.modelFiles),
    gpu: gpu === false ? false : 'auto',
    threads: reader.integer(source.threads, 'threads', 1),
    contextSize: reader.integer(source.contextSize, 'contextSize', 1) ?? DEFAULT_CONTEXT_SIZE,
    maxLoadedModels: reader.integer(source.maxLoadedModels, 'maxLoadedModels', 1) ?? DEFAULT_MAX_LOADED_MODELS,
    maxMemoryBytes: maxMemoryBytes as number | undefined,
    estimateContextSizes: readContextSizes(reader, source.estimateContextSizes),
    llama: reader.service(source.llama, 'llama', ['loadModel', 'dispose']),
    logger: reader.service(source.logger, 'logger', ['debug', 'info', 'warn', 'error']) ?? silentLogger,
    clock: reader.service(source.clock, 'clock', ['now', 'sleep']) ?? highResolutionClock,
    env: env as ResolvedLocalSettings['env'],
  };
  reader.throwIfInvalid('local provider settings');
  return resolved;
}
