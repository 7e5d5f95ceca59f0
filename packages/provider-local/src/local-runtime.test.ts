import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelyardError } from '@modelyard/core';
import type { TinyModelsDirectory } from '@modelyard/testkit/gguf';
import { getLlama, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalModelError } from './local-error';
import { type LoadRequest, LocalRuntime } from './local-runtime';
import { type LocalProviderSettings, resolveLocalSettings } from './local-settings';
import { ModelCatalogue } from './model-catalogue';
import { disposeTestLlama, HOOK_TIMEOUT_MS } from './test-support/timeouts';
import { createModelsFolder } from './test-support/tiny-models';

let folder: TinyModelsDirectory;
// One llama.cpp for the tests that are not about starting it (starting takes ~0.5 s).
let sharedLlama: Llama;

beforeAll(async () => {
  sharedLlama = await getLlama({ gpu: false, build: 'never', skipDownload: true });
  folder = await createModelsFolder(
    [
      { fileName: 'a.gguf', seed: 1 },
      { fileName: 'b.gguf', seed: 2 },
      { fileName: 'c.gguf', seed: 3 },
    ],
    { 'notes.gguf': 'not a model' },
  );
  const bytes = await readFile(join(folder.path, 'a.gguf'));
  await writeFile(join(folder.path, 'truncated.gguf'), bytes.subarray(0, 100_000));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await folder.remove();
  await disposeTestLlama(sharedLlama);
}, HOOK_TIMEOUT_MS);

function setUp(settings: LocalProviderSettings = {}) {
  const resolved = resolveLocalSettings({ modelDirectories: folder.path, gpu: false, llama: sharedLlama, ...settings });
  const runtime = new LocalRuntime(resolved);
  const catalogue = new ModelCatalogue(resolved, runtime);
  const request = async (modelId: string, overrides: Partial<LoadRequest> = {}): Promise<LoadRequest> => ({
    ...(await catalogue.find(modelId)),
    contextSize: 512,
    gpuLayers: 0,
    configurationKey: 'default',
    ...overrides,
  });
  return { runtime, catalogue, request };
}

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('LocalRuntime loading', () => {
  it('starts llama.cpp once, with one thread fewer than the math cores', async () => {
    const { runtime } = setUp({ llama: undefined });
    const [first, second] = await Promise.all([runtime.llama(), runtime.llama()]);
    expect(first).toBe(second);
    expect(runtime.threads).toBe(Math.max(1, first.cpuMathCores - 1));
    expect(first.maxThreads).toBe(runtime.threads);
    await runtime.dispose();
  });

  it('uses the threads setting', async () => {
    const { runtime } = setUp({ threads: 2 });
    await runtime.llama();
    expect(runtime.threads).toBe(2);
    await runtime.dispose();
  });

  it('runs on a shared Llama instance without changing or disposing it', async () => {
    const maxThreads = sharedLlama.maxThreads;
    const { runtime, request } = setUp({ threads: 1 });
    expect(await runtime.llama()).toBe(sharedLlama);
    const { loaded } = await runtime.acquire(await request('a'));
    expect(sharedLlama.maxThreads).toBe(maxThreads);
    await runtime.dispose();
    expect(loaded.model.disposed).toBe(true);
    expect(sharedLlama.disposed).toBe(false);
  });

  it('loads once, reports the load time, and shares a load in progress', async () => {
    const { runtime, request } = setUp();
    const [first, second] = await Promise.all([
      runtime.acquire(await request('a')),
      runtime.acquire(await request('a')),
    ]);
    expect(first.loaded).toBe(second.loaded);
    expect(first.loadMs).toBeGreaterThan(0);
    expect(second.loadMs).toBe(0);
    expect(first.loaded).toMatchObject({ modelId: 'a', contextSize: 512, configurationKey: 'default', activeCalls: 0 });
    expect(first.loaded.memoryBytes).toBeGreaterThan(500_000);
    const again = await runtime.acquire(await request('a'));
    expect(again).toEqual({ loaded: first.loaded, loadMs: 0 });
    expect(runtime.resident('a', 'default')).toBe(first.loaded);
    expect(runtime.resident('a', 'other')).toBeUndefined();
    expect(runtime.resident('b', 'default')).toBeUndefined();
    await runtime.dispose();
  });

  it('reloads a model asked for with other load settings', async () => {
    const { runtime, request } = setUp();
    const first = await runtime.acquire(await request('a'));
    const second = await runtime.acquire(await request('a', { contextSize: 256, configurationKey: 'small' }));
    expect(second.loaded).not.toBe(first.loaded);
    expect(second.loaded.contextSize).toBe(256);
    expect(first.loaded.model.disposed).toBe(true);
    expect(runtime.loadedModelIds()).toEqual(['a']);
    await runtime.dispose();
  });

  it('refuses an architecture llama.cpp cannot run, and classifies load failures', async () => {
    const { runtime, request } = setUp();
    const base = await request('a');
    const unsupported = await runtime
      .acquire({ ...base, facts: { ...base.facts, isSupported: false, architecture: 'mystery' } })
      .catch((error) => error);
    expect(LocalModelError.isInstance(unsupported) && unsupported.problem).toBe('unsupported');
    expect(unsupported.message).toContain('architecture mystery');
    // Files the catalogue would refuse, handed straight to llama.cpp.
    const notGguf = await runtime
      .acquire({ ...base, file: { ...base.file, modelId: 'notes', path: join(folder.path, 'notes.gguf') } })
      .catch((error) => error);
    expect(LocalModelError.isInstance(notGguf) && notGguf.problem).toBe('not_gguf');
    const truncated = await runtime
      .acquire({ ...base, file: { ...base.file, modelId: 'truncated', path: join(folder.path, 'truncated.gguf') } })
      .catch((error) => error);
    expect(LocalModelError.isInstance(truncated) && truncated.problem).toBe('load_failed');
    expect(truncated.path).toBe(join(folder.path, 'truncated.gguf'));
    expect(runtime.loadedModelIds()).toEqual([]);
    await runtime.dispose();
  });
});

describe('LocalRuntime limits (least recently used unloading)', () => {
  it('keeps at most maxLoadedModels, unloading the least recently used', async () => {
    const { runtime, request } = setUp({ maxLoadedModels: 2 });
    const a = await runtime.acquire(await request('a'));
    await runtime.acquire(await request('b'));
    await runtime.exclusive(a.loaded, undefined, async () => {});
    await runtime.acquire(await request('c'));
    expect(runtime.loadedModelIds().sort()).toEqual(['a', 'c']);
    await runtime.acquire(await request('b'));
    expect(runtime.loadedModelIds().sort()).toEqual(['b', 'c']);
    await runtime.dispose();
  });

  it('unloads to stay within maxMemoryBytes, and refuses a model larger than it', async () => {
    const probe = setUp();
    const size = (await probe.runtime.acquire(await probe.request('a'))).loaded.memoryBytes;
    await probe.runtime.dispose();

    const { runtime, request } = setUp({ maxMemoryBytes: Math.floor(size * 1.5), maxLoadedModels: 5 });
    await runtime.acquire(await request('a'));
    await runtime.acquire(await request('b'));
    expect(runtime.loadedModelIds()).toEqual(['b']);
    await runtime.dispose();

    const tight = setUp({ maxMemoryBytes: size - 1 });
    const failure = await tight.runtime.acquire(await tight.request('a')).catch((error) => error);
    expect(LocalModelError.isInstance(failure) && failure.problem).toBe('too_large');
    expect(failure).toMatchObject({ kind: 'unavailable', retryable: false, modelId: 'a' });
    expect(failure.message).toMatch(/needs about [\d.]+ MB at 512 tokens; the limit is [\d.]+ MB/);
    expect(tight.runtime.loadedModelIds()).toEqual([]);
    await tight.runtime.dispose();

    const exact = setUp({ maxMemoryBytes: size });
    await exact.runtime.acquire(await exact.request('a'));
    expect(exact.runtime.loadedModelIds()).toEqual(['a']);
    await exact.runtime.dispose();
  });

  it('never unloads a model that is generating: loading another then fails, retryably', async () => {
    const { runtime, request } = setUp({ maxLoadedModels: 1 });
    const a = await runtime.acquire(await request('a'));
    const busy = gate();
    const running = runtime.exclusive(a.loaded, undefined, () => busy.opened);
    const failure = await runtime.acquire(await request('b')).catch((error) => error);
    expect(ModelyardError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ kind: 'unavailable', retryable: true, modelId: 'b' });
    expect(failure.message).toBe('No room to load b while the other loaded models are generating');
    busy.open();
    await running;
    await runtime.acquire(await request('b'));
    expect(runtime.loadedModelIds()).toEqual(['b']);
    await runtime.dispose();
  });
});

describe('LocalRuntime.exclusive', () => {
  it('runs calls on one model one at a time, in order, and counts them as busy', async () => {
    const { runtime, request } = setUp();
    const { loaded } = await runtime.acquire(await request('a'));
    const order: string[] = [];
    const first = gate();
    const one = runtime.exclusive(loaded, undefined, async () => {
      order.push('one starts');
      await first.opened;
      order.push('one ends');
    });
    const two = runtime.exclusive(loaded, undefined, async () => {
      order.push('two runs');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['one starts']);
    expect(loaded.activeCalls).toBe(2);
    first.open();
    expect(await two).toBe(2);
    await one;
    expect(order).toEqual(['one starts', 'one ends', 'two runs']);
    expect(loaded.activeCalls).toBe(0);
    await runtime.dispose();
  });

  it('stops waiting as soon as the signal aborts, and keeps the order for the others', async () => {
    const { runtime, request } = setUp();
    const { loaded } = await runtime.acquire(await request('a'));
    const first = gate();
    const one = runtime.exclusive(loaded, undefined, () => first.opened);
    const controller = new AbortController();
    const waiting = runtime.exclusive(loaded, controller.signal, async () => 'never');
    let thirdRan = false;
    const third = runtime.exclusive(loaded, undefined, async () => {
      thirdRan = true;
    });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(thirdRan).toBe(false);
    first.open();
    await Promise.all([one, third]);
    expect(thirdRan).toBe(true);
    await expect(runtime.exclusive(loaded, AbortSignal.abort(), async () => 1)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(await runtime.exclusive(loaded, new AbortController().signal, async () => 1)).toBe(1);
    await runtime.dispose();
  });

  it('lets unload wait for the calls already queued', async () => {
    const { runtime, request } = setUp();
    const { loaded } = await runtime.acquire(await request('a'));
    const first = gate();
    let finished = false;
    const call = runtime.exclusive(loaded, undefined, async () => {
      await first.opened;
      finished = true;
    });
    const unloading = runtime.unload('a');
    expect(runtime.loadedModelIds()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(loaded.model.disposed).toBe(false);
    first.open();
    await unloading;
    await call;
    expect(finished).toBe(true);
    expect(loaded.model.disposed).toBe(true);
    await runtime.unload('a');
    await runtime.unload('never-loaded');
    await runtime.dispose();
  });
});

describe('LocalRuntime.dispose', () => {
  it('unloads everything, releases llama.cpp, and can be called again', async () => {
    const { runtime, request } = setUp({ llama: undefined });
    const { loaded } = await runtime.acquire(await request('a'));
    const llama = await runtime.llama();
    await runtime.dispose();
    expect(runtime.lifetimeSignal.aborted).toBe(true);
    expect(loaded.model.disposed).toBe(true);
    expect(llama.disposed).toBe(true);
    expect(runtime.loadedModelIds()).toEqual([]);
    await runtime.dispose();
    await expect(runtime.llama()).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: false,
      message: 'The local provider was disposed',
    });
    await expect(runtime.acquire(await request('a'))).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('drops a model whose load finishes after dispose started', async () => {
    const { runtime, request } = setUp();
    await runtime.llama();
    const loading = runtime.acquire(await request('a'));
    const disposing = runtime.dispose();
    await expect(loading).rejects.toMatchObject({ kind: 'unavailable', message: 'The local provider was disposed' });
    await disposing;
    expect(runtime.loadedModelIds()).toEqual([]);
  });

  it('disposes a runtime that never started llama.cpp', async () => {
    const { runtime } = setUp();
    await runtime.dispose();
    expect(runtime.lifetimeSignal.aborted).toBe(true);
  });
});
