import { readdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TINY_LLAMA_CHAT_TEMPLATE, type TinyModelsDirectory } from '@modelyard/testkit/gguf';
import { GgufInsights, getLlama, type Llama, readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalModelError } from './local-error';
import { checkGgufMagic, estimateWithInsights, quantizationName, readModelFacts } from './model-facts';
import type { ModelFile } from './model-files';
import { disposeTestLlama, HOOK_TIMEOUT_MS } from './test-support/timeouts';
import { createModelsFolder, mysteryArchitectureGguf, noArchitectureGguf } from './test-support/tiny-models';

let llama: Llama;
let folder: TinyModelsDirectory;
const context = { providerId: 'local' };

async function fileOf(name: string, modelId = name): Promise<ModelFile> {
  const path = join(folder.path, name);
  const info = await stat(path);
  return { modelId, path, sizeBytes: info.size, modifiedAtMs: info.mtimeMs };
}

beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true });
  folder = await createModelsFolder(
    [
      { fileName: 'tiny-llama.gguf', seed: 1 },
      { fileName: 'family/tiny-llama-f16.gguf', seed: 2, tensorType: 'f16' },
      { fileName: 'no-template.gguf', seed: 3, chatTemplate: null },
    ],
    {
      'notes.gguf': 'plain text, not a model',
      'empty.gguf': '',
      'mystery.gguf': mysteryArchitectureGguf(),
      'bare.gguf': noArchitectureGguf(),
    },
  );
  const bytes = await readFile(join(folder.path, 'tiny-llama.gguf'));
  await writeFile(join(folder.path, 'truncated.gguf'), bytes.subarray(0, 100_000));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await folder.remove();
  await disposeTestLlama(llama);
}, HOOK_TIMEOUT_MS);

describe('the generated tiny model, as node-llama-cpp reads it', () => {
  it('readGgufFileInfo reads back the metadata the testkit wrote', async () => {
    const info = await readGgufFileInfo(join(folder.path, 'tiny-llama.gguf'), { logWarnings: false });
    expect(info.version).toBe(3);
    expect(info.metadata.general).toMatchObject({
      architecture: 'llama',
      name: 'Modelyard tiny llama (seed 1)',
      file_type: 0,
      alignment: 32,
    });
    expect(info.architectureMetadata).toMatchObject({
      vocab_size: 356,
      context_length: 512,
      embedding_length: 64,
      block_count: 2,
      feed_forward_length: 128,
      attention: { head_count: 4, head_count_kv: 4 },
      rope: { dimension_count: 16, freq_base: 10_000 },
    });
    expect(info.metadata.tokenizer.ggml.model).toBe('llama');
    expect(info.metadata.tokenizer.ggml.tokens).toHaveLength(356);
    expect(info.metadata.tokenizer.ggml.tokens[261]).toBe('▁');
    expect(info.metadata.tokenizer.chat_template).toBe(TINY_LLAMA_CHAT_TEMPLATE);
    expect(info.tensorInfo).toHaveLength(21);
  });
});

describe('readModelFacts', () => {
  it('reads architecture, size, quantization, context length and chat template without loading', async () => {
    const facts = await readModelFacts(await fileOf('tiny-llama.gguf', 'tiny-llama'), llama, context);
    expect(facts).toMatchObject({
      architecture: 'llama',
      name: 'Modelyard tiny llama (seed 1)',
      description: null,
      parameterCount: 127_808,
      quantization: 'F32',
      trainContextLength: 512,
      chatTemplate: TINY_LLAMA_CHAT_TEMPLATE,
      layerCount: 3,
      isSupported: true,
    });
    const f16 = await readModelFacts(await fileOf('family/tiny-llama-f16.gguf'), llama, context);
    expect(f16.quantization).toBe('F16');
  });

  it('reads what a file leaves out as null, and knows when llama.cpp cannot run the architecture', async () => {
    const mystery = await readModelFacts(await fileOf('mystery.gguf'), llama, context);
    expect(mystery).toMatchObject({
      architecture: 'mystery',
      name: null,
      description: null,
      parameterCount: 4,
      quantization: 'F32',
      trainContextLength: null,
      chatTemplate: null,
      isSupported: false,
    });
    expect((await readModelFacts(await fileOf('no-template.gguf'), llama, context)).chatTemplate).toBeNull();
  });

  it('refuses a GGUF without an architecture key', async () => {
    await expect(readModelFacts(await fileOf('bare.gguf'), llama, context)).rejects.toMatchObject({
      problem: 'unsupported',
      message: `Model file ${join(folder.path, 'bare.gguf')}: a GGUF model this llama.cpp build cannot run (no general.architecture in its metadata)`,
    });
  });

  it('estimates memory with node-llama-cpp: the CPU footprint in RAM, every layer offloaded in VRAM', async () => {
    const file = await fileOf('tiny-llama.gguf');
    const facts = await readModelFacts(file, llama, context);
    const insights = await GgufInsights.from(await readGgufFileInfo(file.path, { logWarnings: false }), llama);
    const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
    const contextAt512 = await insights.estimateContextResourceRequirementsV2({ contextSize: 512, modelGpuLayers: 0 });
    const at512 = await facts.estimateMemory(512);
    expect(at512.contextLength).toBe(512);
    expect(at512.ramBytes).toBe(model.cpuRam + contextAt512.cpuRam);
    expect(at512.ramBytes).toBeGreaterThan(511_232);
    expect(at512.vramBytes).toBe(
      insights.estimateModelResourceRequirements({ gpuLayers: 3 }).gpuVram +
        insights.estimateContextResourceRequirements({ contextSize: 512, modelGpuLayers: 3 }).gpuVram,
    );
    expect(at512.vramBytes).toBeGreaterThan(0);
    const at128 = await facts.estimateMemory(128);
    expect(at128.ramBytes).toBeLessThanOrEqual(at512.ramBytes);
  });

  it('refuses a file that is not GGUF, empty, or truncated', async () => {
    for (const name of ['notes.gguf', 'empty.gguf', 'truncated.gguf']) {
      const failure = await readModelFacts(await fileOf(name), llama, context).catch((error) => error);
      expect(LocalModelError.isInstance(failure) && failure.problem, name).toBe('not_gguf');
      expect(failure.path).toBe(join(folder.path, name));
    }
    const truncated = await readModelFacts(await fileOf('truncated.gguf'), llama, context).catch((error) => error);
    expect(truncated.message).toContain('100000 bytes, but its tensors end at byte');
    expect(truncated.message).toContain('truncated or corrupted');
  });

  it('lets a file-system error through for the caller to classify, and stops when aborted', async () => {
    const missing = { modelId: 'x', path: join(folder.path, 'x.gguf'), sizeBytes: 1, modifiedAtMs: 1 };
    await expect(readModelFacts(missing, llama, context)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(
      readModelFacts(await fileOf('tiny-llama.gguf'), llama, { ...context, signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});

describe('checkGgufMagic', () => {
  it.runIf(process.platform === 'linux')('closes the file it opened, whatever it finds', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let round = 0; round < 20; round++) {
      await checkGgufMagic(join(folder.path, 'tiny-llama.gguf'), { ...context, modelId: 'm' });
      await checkGgufMagic(join(folder.path, 'notes.gguf'), { ...context, modelId: 'm' }).catch(() => undefined);
    }
    expect(openFiles()).toBeLessThanOrEqual(before);
  });

  it('passes a GGUF file and names the problem otherwise', async () => {
    await expect(
      checkGgufMagic(join(folder.path, 'tiny-llama.gguf'), { ...context, modelId: 'm' }),
    ).resolves.toBeUndefined();
    await expect(checkGgufMagic(join(folder.path, 'notes.gguf'), { ...context, modelId: 'm' })).rejects.toMatchObject({
      problem: 'not_gguf',
      modelId: 'm',
      message: `Model file ${join(folder.path, 'notes.gguf')}: not a GGUF model file (or a truncated one) (it does not start with "GGUF")`,
    });
  });
});

describe('quantizationName', () => {
  it.each([
    [0, undefined, 'F32'],
    [1, undefined, 'F16'],
    [15, undefined, 'Q4_K_M'],
    [7, 1, 'Q8_0'],
    [32, undefined, 'BF16'],
    [undefined, 8, 'Q8_0'],
    [undefined, 12, 'Q4_K'],
    [9999, 1, 'F16'],
    [undefined, undefined, null],
    [undefined, 9999, null],
  ])('file type %s, dominant tensor type %s → %s', (fileType, tensorType, name) => {
    expect(quantizationName(fileType, tensorType)).toBe(name);
  });
});

describe('estimateWithInsights', () => {
  const calls: string[] = [];
  const insights = {
    totalLayers: 5,
    estimateModelResourceRequirementsV2: async ({ gpuLayers }: { gpuLayers: number }) => {
      calls.push(`model v2 ${gpuLayers}`);
      return { cpuRam: 100 - gpuLayers * 10, gpuVram: gpuLayers * 10 };
    },
    estimateContextResourceRequirementsV2: async (options: { contextSize: number; modelGpuLayers: number }) => {
      calls.push(`context v2 ${options.contextSize} ${options.modelGpuLayers}`);
      // Some backends keep part of the context in VRAM even with no layer offloaded.
      return { cpuRam: options.contextSize, gpuVram: 7 + options.modelGpuLayers * 1000 };
    },
    estimateModelResourceRequirements: ({ gpuLayers }: { gpuLayers: number }) => {
      calls.push(`model v1 ${gpuLayers}`);
      return { cpuRam: 1, gpuVram: 7 };
    },
    estimateContextResourceRequirements: (options: { contextSize: number; modelGpuLayers: number }) => {
      calls.push(`context v1 ${options.contextSize} ${options.modelGpuLayers}`);
      return { cpuRam: 2, gpuVram: 11 };
    },
  } as unknown as GgufInsights;

  it('with a GPU backend, simulates every layer offloaded', async () => {
    calls.length = 0;
    // Footprint on the CPU: model 100 + 0, context 64 + 7 → 171; all offloaded: VRAM 50 + 5007.
    expect(await estimateWithInsights(insights, 64, true)).toEqual({
      contextLength: 64,
      ramBytes: 171,
      vramBytes: 5057,
    });
    expect(calls).toEqual(['model v2 0', 'context v2 64 0', 'model v2 5', 'context v2 64 5']);
  });

  it('on a CPU-only build, takes VRAM from the formula estimator', async () => {
    calls.length = 0;
    expect(await estimateWithInsights(insights, 64, false)).toEqual({
      contextLength: 64,
      ramBytes: 171,
      vramBytes: 18,
    });
    expect(calls).toEqual(['model v2 0', 'context v2 64 0', 'model v1 5', 'context v1 64 5']);
  });
});
