import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { type TinyLlamaGgufOptions, writeTinyLlamaGguf } from './tiny-llama-gguf';

/** One model file to generate: its file name (relative, may contain folders) and its shape. */
export interface TinyModelFile extends TinyLlamaGgufOptions {
  /** Path inside the directory, e.g. `tiny-llama.gguf` or `family/model-q8.gguf`. */
  fileName: string;
}

/** Options of {@link createTinyModelsDirectory}. */
export interface TinyModelsDirectoryOptions {
  /** The models to write. Default one: `tiny-llama.gguf` with seed 1. */
  models?: readonly TinyModelFile[];
  /** Folder to create the temporary directory in. Default the OS temp folder. */
  parentDirectory?: string;
}

/** A temporary folder of generated models; remove it when done (or `await using` it). */
export interface TinyModelsDirectory extends AsyncDisposable {
  /** Absolute path of the folder. */
  path: string;
  /** Absolute path of each generated model, in the order given. */
  modelPaths: string[];
  /** Deletes the folder and everything in it. Safe to call more than once. */
  remove(): Promise<void>;
}

function checkFileName(fileName: string): void {
  const normalized = normalize(fileName);
  if (fileName === '' || isAbsolute(fileName) || normalized.startsWith('..'))
    throw new RangeError(`fileName must be a relative path inside the directory, got ${JSON.stringify(fileName)}`);
}

/**
 * Creates a fresh temporary folder (`modelyard-models-XXXXXX`) holding generated tiny llama
 * models, for tests and demos of local providers that scan a models folder.
 */
export async function createTinyModelsDirectory(
  options: TinyModelsDirectoryOptions = {},
): Promise<TinyModelsDirectory> {
  const models = options.models ?? [{ fileName: 'tiny-llama.gguf', seed: 1 }];
  for (const model of models) checkFileName(model.fileName);
  const path = await mkdtemp(join(options.parentDirectory ?? tmpdir(), 'modelyard-models-'));
  const remove = () => rm(path, { recursive: true, force: true });
  try {
    const modelPaths: string[] = [];
    for (const { fileName, ...shape } of models) {
      modelPaths.push((await writeTinyLlamaGguf({ ...shape, path: join(path, fileName) })).path);
    }
    return { path, modelPaths, remove, [Symbol.asyncDispose]: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
