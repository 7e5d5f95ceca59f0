import { providerContractSuite } from '@modelyard/testkit';
import { createTinyModelsDirectory, type TinyModelsDirectory } from '@modelyard/testkit/gguf';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createLocalProvider } from './local-provider';
import { HOOK_TIMEOUT_MS } from './test-support/timeouts';

let models: TinyModelsDirectory;

beforeAll(async () => {
  models = await createTinyModelsDirectory({
    models: [
      { fileName: 'tiny-llama.gguf', seed: 1 },
      { fileName: 'family/tiny-llama-f16.gguf', seed: 2, tensorType: 'f16' },
    ],
  });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await models.remove();
}, HOOK_TIMEOUT_MS);

providerContractSuite({
  describe,
  test,
  name: 'provider-local (generated tiny llama models)',
  createProvider: () => createLocalProvider({ modelDirectories: models.path, gpu: false }),
  modelId: 'tiny-llama',
  expectedLocality: 'local',
  transport: { type: 'in-process' },
  request: { maxOutputTokens: 16 },
});
