import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TinyModelsDirectory, tinyLlamaGgufBytes } from '@modelyard/testkit/gguf';
import { getLlama, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRuntime } from './local-runtime';
import { type LocalProviderSettings, resolveLocalSettings } from './local-settings';
import { ModelCatalogue } from './model-catalogue';
import { disposeTestLlama, HOOK_TIMEOUT_MS } from './test-support/timeouts';
import { createModelsFolder } from './test-support/tiny-models';

let folder: TinyModelsDirectory;
let llama: Llama;

beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true });
  folder = await createModelsFolder([
    { fileName: 'a.gguf', seed: 1 },
    { fileName: 'b.gguf', seed: 2 },
  ]);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await folder.remove();
  await disposeTestLlama(llama);
}, HOOK_TIMEOUT_MS);

function catalogueOf(settings: LocalProviderSettings = {}) {
  const resolved = resolveLocalSettings({ modelDirectories: folder.path, gpu: false, llama, ...settings });
  const runtime = new LocalRuntime(resolved);
  return { catalogue: new ModelCatalogue(resolved, runtime), runtime };
}

describe('ModelCatalogue', () => {
  it('scans the configured folders, else the environment', () => {
    expect(catalogueOf().catalogue.folders()).toEqual([folder.path]);
    expect(
      catalogueOf({ modelDirectories: undefined, env: { MODELYARD_MODELS_DIR: '/x:/y' } }).catalogue.folders(),
    ).toEqual(['/x', '/y']);
  });

  it('reads a file metadata once per version of the file, and again after clear()', async () => {
    const { catalogue } = catalogueOf();
    const first = await catalogue.find('a');
    expect((await catalogue.find('a')).facts).toBe(first.facts);
    const path = join(folder.path, 'a.gguf');
    await writeFile(path, tinyLlamaGgufBytes({ seed: 5 }));
    const later = new Date(Date.now() + 5000);
    await utimes(path, later, later);
    const changed = await catalogue.find('a');
    expect(changed.facts).not.toBe(first.facts);
    expect(changed.facts.name).toBe('Modelyard tiny llama (seed 5)');
    catalogue.clear();
    expect((await catalogue.find('a')).facts).not.toBe(changed.facts);
  });

  it('does not remember a read that was aborted', async () => {
    const { catalogue } = catalogueOf();
    await expect(catalogue.find('b', AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted', modelId: 'b' });
    const controller = new AbortController();
    const reading = catalogue.find('b', controller.signal);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ kind: 'aborted' });
    expect((await catalogue.find('b')).facts.name).toBe('Modelyard tiny llama (seed 2)');
  });

  it('names the folders when a model is unknown', async () => {
    const { catalogue } = catalogueOf({ modelDirectories: [folder.path, '/elsewhere'] });
    await expect(catalogue.find('c')).rejects.toMatchObject({
      kind: 'not_found',
      providerId: 'local',
      modelId: 'c',
      message: `No model "c" in ${folder.path}, /elsewhere (model ids are file paths inside the folder, without ".gguf")`,
    });
  });

  it('lists models in file order and marks the loaded ones', async () => {
    const { catalogue, runtime } = catalogueOf();
    const { file, facts } = await catalogue.find('b');
    await runtime.acquire({ file, facts, contextSize: 512, gpuLayers: 0, configurationKey: 'k' });
    const models = await catalogue.list();
    expect(models.map((model) => [model.modelId, model.isLoaded])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    await expect(catalogue.list(AbortSignal.abort())).rejects.toMatchObject({ kind: 'aborted' });
    await runtime.dispose();
  });
});
