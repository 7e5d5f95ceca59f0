import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { healthStatusSchema, type Logger, modelInfoSchema } from '@modelyard/core';
import { TINY_LLAMA_CHAT_TEMPLATE, type TinyModelsDirectory } from '@modelyard/testkit/gguf';
import { getLlama, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalModelError } from './local-error';
import { createLocalProvider, local } from './local-provider';
import type { LocalProviderSettings } from './local-settings';
import { disposeTestLlama, HOOK_TIMEOUT_MS } from './test-support/timeouts';
import {
  createModelsFolder,
  createTestProvider as createOwnTestProvider,
  mysteryArchitectureGguf,
  writeSplitTinyLlama,
} from './test-support/tiny-models';

let folder: TinyModelsDirectory;
let broken: TinyModelsDirectory;
// Most tests share one llama.cpp (starting one takes ~0.5 s); the contract suite starts its own each time.
let sharedLlama: Llama;
const createTestProvider = (path: string, settings: LocalProviderSettings = {}) =>
  createOwnTestProvider(path, { llama: sharedLlama, ...settings });

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level}: ${message}${fields?.modelId ? ` (${String(fields.modelId)})` : ''}`);
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

beforeAll(async () => {
  sharedLlama = await getLlama({ gpu: false, build: 'never', skipDownload: true });
  folder = await createModelsFolder();
  broken = await createModelsFolder([{ fileName: 'good.gguf', seed: 9 }], {
    'notes.gguf': 'just text',
    'mystery.gguf': mysteryArchitectureGguf(),
    'empty/.keep': '',
  });
  const bytes = await readFile(join(broken.path, 'good.gguf'));
  await writeFile(join(broken.path, 'truncated.gguf'), bytes.subarray(0, 100_000));
  await mkdir(join(broken.path, 'folder.gguf'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await folder.remove();
  await broken.remove();
  await disposeTestLlama(sharedLlama);
}, HOOK_TIMEOUT_MS);

describe('createLocalProvider', () => {
  it('does no I/O: a missing folder is fine until the first call', async () => {
    const provider = createLocalProvider({ modelDirectories: '/does/not/exist' });
    expect(provider).toMatchObject({ id: 'local', kind: 'local', specificationVersion: 'v1' });
    expect(provider.supports).toMatchObject({ streaming: true, loadUnload: true, pull: false });
    expect(provider.pullModel).toBeUndefined();
    expect(await provider.listModels()).toEqual([]);
    await provider.dispose();
  });

  it('refuses bad settings at creation', () => {
    expect(() => createLocalProvider({ threads: 0 })).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });

  it('has a ready default instance', () => {
    expect(local.id).toBe('local');
    expect(local.settings.gpu).toBe('auto');
  });

  it('reads MODELYARD_MODELS_DIR when no folder is given', async () => {
    const provider = createLocalProvider({
      gpu: false,
      llama: sharedLlama,
      env: { MODELYARD_MODELS_DIR: folder.path },
    });
    expect((await provider.listModels()).map((model) => model.modelId).sort()).toEqual([
      'family/tiny-llama-f16',
      'tiny-llama',
    ]);
    await provider.dispose();
  });
});

describe('listModels', () => {
  it('describes every model from its GGUF metadata, without loading it', async () => {
    const provider = createTestProvider(folder.path, { id: 'box' });
    const models = await provider.listModels();
    expect(models.map((model) => model.modelId)).toEqual(['family/tiny-llama-f16', 'tiny-llama']);
    for (const model of models) expect(modelInfoSchema.parse(model)).toEqual(model);
    const tiny = models.find((model) => model.modelId === 'tiny-llama');
    expect(tiny).toMatchObject({
      providerId: 'box',
      providerKind: 'local',
      displayName: 'Modelyard tiny llama (seed 1)',
      locality: 'local',
      contextLength: 512,
      isFree: true,
      pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      isLoaded: false,
      weights: { sizeBytes: 521_056, parameterCount: 127_808, quantization: 'F32', family: 'llama', format: 'gguf' },
      providerMetadata: {
        path: join(folder.path, 'tiny-llama.gguf'),
        trainContextLength: 512,
        chatTemplate: TINY_LLAMA_CHAT_TEMPLATE,
      },
    });
    expect(tiny?.weights?.memoryEstimates).toHaveLength(1);
    expect(tiny?.weights?.memoryEstimates[0]).toMatchObject({ contextLength: 512 });
    expect(tiny?.weights?.memoryEstimates[0]?.ramBytes).toBeGreaterThan(521_056);
    const f16 = models.find((model) => model.modelId === 'family/tiny-llama-f16');
    expect(f16?.weights).toMatchObject({ sizeBytes: 266_080, quantization: 'F16' });
    await provider.dispose();
  });

  it('reports estimates at the configured context sizes, capped at the trained length', async () => {
    const provider = createTestProvider(folder.path, { estimateContextSizes: [4096, 128, 256] });
    const [model] = await provider.listModels();
    const estimates = model?.weights?.memoryEstimates ?? [];
    expect(estimates.map((estimate) => estimate.contextLength)).toEqual([128, 256, 512]);
    expect(estimates[0]?.ramBytes).toBeLessThanOrEqual(estimates[1]?.ramBytes ?? 0);
    expect(estimates[1]?.ramBytes).toBeLessThanOrEqual(estimates[2]?.ramBytes ?? 0);
    await provider.dispose();
  });

  it('says which models are loaded', async () => {
    const provider = createTestProvider(folder.path);
    await provider.loadModel('tiny-llama');
    const loaded = (await provider.listModels()).map((model) => [model.modelId, model.isLoaded]);
    expect(loaded).toEqual([
      ['family/tiny-llama-f16', false],
      ['tiny-llama', true],
    ]);
    await provider.unloadModel('tiny-llama');
    expect((await provider.listModels({ refresh: true })).every((model) => model.isLoaded === false)).toBe(true);
    await provider.dispose();
  });

  it('skips files it cannot use, with a warning for each', async () => {
    const logger = recordingLogger();
    const provider = createTestProvider(broken.path, { logger, modelFiles: { gone: join(broken.path, 'gone.gguf') } });
    expect((await provider.listModels()).map((model) => model.modelId)).toEqual(['good']);
    expect(logger.lines.filter((line) => line.startsWith('warn')).sort()).toEqual([
      'warn: provider-local: model file skipped (gone)',
      'warn: provider-local: model file skipped (mystery)',
      'warn: provider-local: model file skipped (notes)',
      'warn: provider-local: model file skipped (truncated)',
    ]);
    await provider.dispose();
  });

  it('lists a split model once, with its parts summed, and runs it like the whole model', async () => {
    const split = await createModelsFolder([{ fileName: 'whole.gguf', seed: 1 }]);
    const [firstPart] = await writeSplitTinyLlama(join(split.path, 'big'), 'tiny', 1);
    const provider = createTestProvider(split.path, { modelFiles: { 'first-part': firstPart as string } });
    const models = await provider.listModels();
    expect(models.map((model) => [model.modelId, model.weights?.parameterCount])).toEqual([
      ['first-part', 127_808],
      ['big/tiny', 127_808],
      ['whole', 127_808],
    ]);
    expect(models[1]?.weights?.sizeBytes).toBeGreaterThan(521_056);
    expect(models[1]?.providerMetadata.path).toBe(firstPart);
    const request = { messages: [{ role: 'user' as const, content: 'Write a haiku' }], maxOutputTokens: 8 };
    const texts = [];
    for (const id of ['whole', 'big/tiny', 'first-part'])
      texts.push((await (await provider.loadModel(id)).generate(request)).text);
    expect(texts).toEqual(['H?g/Bm.V', 'H?g/Bm.V', 'H?g/Bm.V']);
    await provider.dispose();
    await split.remove();
  });

  it('lists configured model files under their own ids', async () => {
    const provider = createTestProvider(broken.path, {
      modelFiles: { 'my-model': join(folder.path, 'tiny-llama.gguf') },
    });
    expect((await provider.listModels()).map((model) => model.modelId)).toEqual(['my-model', 'good']);
    const model = await provider.loadModel('my-model');
    expect(
      (await model.generate({ messages: [{ role: 'user', content: 'Write a haiku' }], maxOutputTokens: 4 })).text,
    ).toBe('H?g/');
    await provider.dispose();
  });

  it('rejects with "aborted" when aborted, before or during the scan', async () => {
    const provider = createTestProvider(folder.path);
    await expect(provider.listModels({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    const controller = new AbortController();
    const listing = provider.listModels({ signal: controller.signal, refresh: true });
    controller.abort();
    await expect(listing).rejects.toMatchObject({ kind: 'aborted' });
    await provider.dispose();
  });
});

describe('loadModel errors', () => {
  const failureOf = async (modelId: string, settings = {}) => {
    const provider = createTestProvider(broken.path, settings);
    try {
      return await provider.loadModel(modelId).catch((error) => error);
    } finally {
      await provider.dispose();
    }
  };

  it('an unknown model is not_found, naming the folders', async () => {
    const failure = await failureOf('nothing-here');
    expect(failure).toMatchObject({ kind: 'not_found', retryable: false, modelId: 'nothing-here' });
    expect(failure.message).toBe(
      `No model "nothing-here" in ${broken.path} (model ids are file paths inside the folder, without ".gguf")`,
    );
  });

  it('a configured file that is missing is not_found, naming the file', async () => {
    const path = join(broken.path, 'gone.gguf');
    const failure = await failureOf('gone', { modelFiles: { gone: path } });
    expect(LocalModelError.isInstance(failure) && failure.problem).toBe('missing');
    expect(failure).toMatchObject({ kind: 'not_found', path, message: `Model file ${path}: no such file` });
  });

  it('a configured path that is a folder is unreadable', async () => {
    const failure = await failureOf('dir', { modelFiles: { dir: join(broken.path, 'folder.gguf') } });
    expect(LocalModelError.isInstance(failure) && failure.problem).toBe('unreadable');
    expect(failure.kind).toBe('bad_request');
  });

  it('a file that is not GGUF, or is truncated, is not_gguf', async () => {
    for (const modelId of ['notes', 'truncated']) {
      const failure = await failureOf(modelId);
      expect(LocalModelError.isInstance(failure) && failure.problem, modelId).toBe('not_gguf');
      expect(failure.kind).toBe('bad_request');
    }
  });

  it('a GGUF of an architecture llama.cpp cannot run is unsupported', async () => {
    const failure = await failureOf('mystery');
    expect(LocalModelError.isInstance(failure) && failure.problem).toBe('unsupported');
    expect(failure.message).toContain('(architecture mystery)');
  });

  it('a model larger than the memory limit is too_large, and nothing is loaded', async () => {
    const failure = await failureOf('good', { maxMemoryBytes: 1000 });
    expect(LocalModelError.isInstance(failure) && failure.problem).toBe('too_large');
    expect(failure).toMatchObject({ kind: 'unavailable', retryable: false });
  });

  it('bad load options are a ConfigError; an aborted signal is "aborted"', async () => {
    const provider = createTestProvider(folder.path);
    await expect(provider.loadModel('tiny-llama', { contextLength: 0 })).rejects.toMatchObject({
      name: 'ConfigError',
      kind: 'bad_request',
    });
    await expect(provider.loadModel('tiny-llama', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
      modelId: 'tiny-llama',
    });
    const controller = new AbortController();
    const loading = provider.loadModel('tiny-llama', { signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toMatchObject({ kind: 'aborted' });
    await expect(provider.unloadModel('tiny-llama', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
    await provider.dispose();
  });
});

describe('loadModel options', () => {
  it('loads with a smaller context and with GPU offload asked (CPU only here: no layer moves)', async () => {
    const provider = createLocalProvider({ modelDirectories: folder.path, gpu: 'auto' });
    const small = await provider.loadModel('tiny-llama', { contextLength: 256, gpuOffload: 0.5 });
    // 200 characters: 223 prompt tokens, so 33 tokens of room in a 256-token context.
    const result = await small.generate({ messages: [{ role: 'user', content: 'x'.repeat(200) }] });
    expect(result.finishReason).toBe('length');
    expect(result.usage).toMatchObject({ inputTokens: 223, outputTokens: 33 });
    expect(result.providerMetadata.contextSize).toBe(256);
    expect(result.providerMetadata.gpuLayers).toBe(0);
    const off = await provider.loadModel('tiny-llama', { gpuOffload: 'off' });
    expect(
      (await off.generate({ messages: [{ role: 'user', content: 'Hi' }], maxOutputTokens: 2 })).providerMetadata,
    ).toMatchObject({ contextSize: 512 });
    const automatic = await provider.loadModel('tiny-llama', { gpuOffload: 'auto' });
    expect(
      (await automatic.generate({ messages: [{ role: 'user', content: 'Hi' }], maxOutputTokens: 2 })).text,
    ).toHaveLength(2);
    await provider.dispose();
  });
});

describe('healthCheck', () => {
  it('is healthy with llama.cpp running and models present, and says what it found', async () => {
    const provider = createTestProvider(folder.path);
    const status = await provider.healthCheck();
    expect(healthStatusSchema.parse(status)).toEqual(status);
    expect(status.status).toBe('healthy');
    expect(status.message).toBe('llama.cpp ready (CPU), 2 model file(s)');
    expect(status.errorKind).toBeUndefined();
    await provider.dispose();
  });

  it('names the GPU backend llama.cpp runs on', async () => {
    const gpuLlama = {
      gpu: 'cuda',
      cpuMathCores: 8,
      loadModel: async () => {},
      dispose: async () => {},
      getRamState: async () => ({ total: 2e9, free: 1e9 }),
      getVramState: async () => ({ total: 8e9, used: 0, free: 8e9, unifiedSize: 0 }),
      ramPaddingSize: 0,
      vramPaddingSize: 0,
    } as unknown as Llama;
    const provider = createTestProvider(folder.path, { llama: gpuLlama });
    expect((await provider.healthCheck()).message).toBe('llama.cpp ready (cuda), 2 model file(s)');
    await provider.dispose();
  });

  it('is degraded when no model file is found', async () => {
    const provider = createTestProvider(join(broken.path, 'empty'));
    const status = await provider.healthCheck();
    expect(status.status).toBe('degraded');
    expect(status.message).toContain(`0 model file(s): no .gguf file in ${join(broken.path, 'empty')}`);
    await provider.dispose();
  });

  it('is unhealthy after dispose, and rejects only when aborted', async () => {
    const provider = createTestProvider(folder.path);
    await expect(provider.healthCheck({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    const controller = new AbortController();
    const checking = provider.healthCheck({ signal: controller.signal });
    controller.abort();
    await expect(checking).rejects.toMatchObject({ kind: 'aborted' });
    await provider.dispose();
    expect(await provider.healthCheck()).toMatchObject({
      status: 'unhealthy',
      errorKind: 'unavailable',
      message: 'The local provider was disposed',
    });
  });
});

describe('dispose', () => {
  it('stops a running generation', async () => {
    const provider = createTestProvider(folder.path);
    const model = await provider.loadModel('tiny-llama');
    const parts: string[] = [];
    let disposing: Promise<void> | undefined;
    let lastError: { kind: string; message: string } | undefined;
    for await (const part of model.stream({ messages: [{ role: 'user', content: 'Hi' }], maxOutputTokens: 400 })) {
      parts.push(part.type);
      if (part.type === 'error') lastError = part.error;
      if (part.type === 'text-delta' && disposing === undefined) disposing = provider.dispose();
    }
    await disposing;
    expect(parts.at(-1)).toBe('error');
    expect(lastError?.kind).toBe('unavailable');
    expect(lastError?.message).toBe('The local provider was disposed');
    await expect(model.generate({ messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({
      kind: 'unavailable',
    });
    await provider.dispose();
  });
});
