import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTinyModelsDirectory,
  decodeGguf,
  encodeGguf,
  type GgufMetadataEntry,
  type TinyModelFile,
  type TinyModelsDirectory,
  tinyLlamaGgufBytes,
} from '@modelyard/testkit/gguf';
import { createLocalProvider, type LocalProvider } from '../local-provider';
import type { LocalProviderSettings } from '../local-settings';

/** A folder with the models most tests use: two tiny llamas, one F16 in a sub-folder. */
export const STANDARD_MODELS: readonly TinyModelFile[] = [
  { fileName: 'tiny-llama.gguf', seed: 1 },
  { fileName: 'family/tiny-llama-f16.gguf', seed: 2, tensorType: 'f16' },
];

/** Creates a models folder; `extra` writes more files (raw bytes) into it. */
export async function createModelsFolder(
  models: readonly TinyModelFile[] = STANDARD_MODELS,
  extra: Record<string, string | Uint8Array> = {},
): Promise<TinyModelsDirectory> {
  const directory = await createTinyModelsDirectory({ models });
  for (const [name, contents] of Object.entries(extra)) {
    const path = join(directory.path, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, contents);
  }
  return directory;
}

/** A CPU-only provider over `folder` (tests never depend on a GPU). */
export function createTestProvider(folder: string, settings: LocalProviderSettings = {}): LocalProvider {
  return createLocalProvider({ modelDirectories: folder, gpu: false, ...settings });
}

/** A GGUF file without any `general.*` key (no architecture), with one small tensor. */
export function noArchitectureGguf(): Uint8Array {
  return encodeGguf({
    metadata: [],
    tensors: [{ name: 'w', dimensions: [4], type: 'f32', data: new Float32Array(4) }],
  });
}

/** A valid GGUF file of an architecture no llama.cpp build knows (`mystery`), with one small tensor. */
export function mysteryArchitectureGguf(): Uint8Array {
  return encodeGguf({
    metadata: [{ key: 'general.architecture', value: { type: 'string', value: 'mystery' } }],
    tensors: [{ name: 'w', dimensions: [4], type: 'f32', data: new Float32Array(4) }],
  });
}

/**
 * Writes the tiny llama of `seed` as a two-part split model (`<name>-00001-of-00002.gguf` and
 * `-00002-of-00002.gguf`, llama.cpp's `split.*` keys), the way large models are published.
 */
export async function writeSplitTinyLlama(folder: string, name: string, seed: number): Promise<string[]> {
  const whole = decodeGguf(tinyLlamaGgufBytes({ seed }));
  const half = Math.ceil(whole.tensors.length / 2);
  const splitKeys = (index: number): GgufMetadataEntry[] => [
    { key: 'split.no', value: { type: 'uint16', value: index } },
    { key: 'split.count', value: { type: 'uint16', value: 2 } },
    { key: 'split.tensors.count', value: { type: 'int32', value: whole.tensors.length } },
  ];
  const tensors = whole.tensors.map(({ offset: _offset, ...tensor }) => tensor);
  const parts = [
    encodeGguf({ metadata: [...whole.metadata, ...splitKeys(0)], tensors: tensors.slice(0, half) }),
    encodeGguf({ metadata: splitKeys(1), tensors: tensors.slice(half) }),
  ];
  const paths = parts.map((_, index) => join(folder, `${name}-0000${index + 1}-of-00002.gguf`));
  await mkdir(join(paths[0] as string, '..'), { recursive: true });
  await Promise.all(parts.map((bytes, index) => writeFile(paths[index] as string, bytes)));
  return paths;
}
