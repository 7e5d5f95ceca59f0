import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type ModelProvider } from '@modelyard/core';
import { createMockProvider, startLMStudioFake, startOllamaFake, startOpenAICompatibleFake } from '@modelyard/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createModelyardFromConfig } from './create-from-config';
import { defineProviderEntry, PROVIDER_REGISTRY, type ProviderRegistryEntry, registryEntry } from './provider-registry';

let fake: Awaited<ReturnType<typeof startOpenAICompatibleFake>>;
let emptyCache: string;
beforeAll(async () => {
  fake = await startOpenAICompatibleFake({ models: [{ id: 'served-model' }] });
  emptyCache = await mkdtemp(join(tmpdir(), 'modelyard-cache-'));
});
afterAll(async () => {
  await fake.close();
  await rm(emptyCache, { recursive: true, force: true });
});

const notInstalled = (kind: string): ProviderRegistryEntry =>
  defineProviderEntry({
    kind,
    packageName: `@modelyard/provider-${kind}`,
    load: () => Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })),
    create: () => {
      throw new Error('unreachable');
    },
  });

/** An entry of mock providers: its `host` decides whether it lists a model (probes) or is bad. */
const mockEntry = (kind: string): ProviderRegistryEntry =>
  defineProviderEntry<null>({
    kind,
    packageName: `@modelyard/provider-${kind}`,
    load: async () => null,
    create: (_module, settings): ModelProvider => {
      if (settings.host === 'bad')
        throw new ConfigError(`${kind} settings`, [{ path: 'host', expected: 'a URL', received: '"bad"' }]);
      const hasModel = String(settings.host).includes('with-model');
      return createMockProvider({ id: kind, models: hasModel ? ['m1'] : [] });
    },
  });

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

/** A registry that builds provider-custom alone. */
const CUSTOM_ONLY = PROVIDER_REGISTRY.filter((entry) => entry.kind === 'custom');

/** One bad setting in each section the other packages check. */
const BAD_SECTIONS = {
  selection: { weights: { cost: -1 } },
  fallback: { maxRetries: 'three' },
  monitor: { maxModels: 0 },
};

describe('createModelyardFromConfig', () => {
  test('builds the configured providers and probes the rest', async () => {
    const { modelyard, setup, configPath } = await createModelyardFromConfig({
      // Ollama and LM Studio off: their probes would find a server running on a developer's machine.
      config: {
        providers: { custom: [{ name: 'lab', baseURL: fake.baseURL }], ollama: false, lmstudio: false },
        hardware: 'none',
      },
      env: { XDG_CACHE_HOME: emptyCache, HOME: emptyCache },
    });
    try {
      expect(configPath).toBeNull();
      expect(modelyard.providers.map((provider) => provider.id)).toEqual(['lab']);
      expect(setup.map((report) => [report.kind, report.status])).toEqual([
        ['custom', 'used'],
        ['local', 'absent'],
      ]);
      expect(setup[1]?.message).toContain('set MODELYARD_MODELS_DIR to a folder of .gguf files');
      expect((await modelyard.models()).map((model) => model.modelId)).toEqual(['served-model']);
      expect(await modelyard.hardware()).toBeNull();
    } finally {
      await modelyard.dispose();
    }
  });

  test('reports kinds it cannot build and packages that are not installed, and skips silent probes of them', async () => {
    const registry = [registryEntry('custom') as ProviderRegistryEntry, notInstalled('openrouter')];
    const { modelyard, setup } = await createModelyardFromConfig({
      config: { providers: { local: false, custom: [{ name: 'lab', baseURL: fake.baseURL }] } },
      env: { OPENROUTER_API_KEY: 'sk-or-v1-test', OLLAMA_HOST: 'http://gpu:11434' },
      registry,
    });
    await modelyard.dispose();
    expect(setup.map((report) => [report.kind, report.status, report.message])).toEqual([
      [
        'openrouter',
        'not-installed',
        'env OPENROUTER_API_KEY asks for openrouter: install @modelyard/provider-openrouter',
      ],
      ['custom', 'used', 'from providers.custom[0]'],
      [
        'ollama',
        'unsupported',
        'env OLLAMA_HOST asks for ollama, but this version of modelyard cannot build a ollama provider yet',
      ],
    ]);
  });

  test('a probe is used when it lists models, reported absent otherwise', async () => {
    const registry = [mockEntry('ollama'), mockEntry('lmstudio')];
    const { modelyard, setup } = await createModelyardFromConfig({
      config: { providers: { local: false, lmstudio: { host: 'http://with-model' } } },
      env: {},
      registry,
    });
    await modelyard.dispose();
    expect(setup.map((report) => [report.kind, report.status])).toEqual([
      ['ollama', 'absent'],
      ['lmstudio', 'used'],
    ]);
    expect(setup[0]?.message).toBe(
      'not found at default host http://127.0.0.1:11434 (it lists no model); set OLLAMA_HOST to use one elsewhere',
    );
  });

  test('builds the real Ollama and LM Studio providers from OLLAMA_HOST and LMSTUDIO_HOST', async () => {
    const ollamaServer = await startOllamaFake({ models: [{ name: 'llama3.2:3b' }] });
    const lmStudioServer = await startLMStudioFake({ models: [{ modelKey: 'qwen2.5-7b-instruct' }] });
    try {
      const { modelyard, setup } = await createModelyardFromConfig({
        config: { providers: { local: false } },
        env: { OLLAMA_HOST: ollamaServer.host, LMSTUDIO_HOST: lmStudioServer.baseUrl },
        registry: PROVIDER_REGISTRY,
      });
      try {
        expect(setup.map((report) => [report.kind, report.status, report.providerId])).toEqual([
          ['ollama', 'used', 'ollama'],
          ['lmstudio', 'used', 'lmstudio'],
        ]);
        const models = await modelyard.models();
        expect(models.map((model) => `${model.providerId}/${model.modelId}`).sort()).toEqual([
          'lmstudio/qwen2.5-7b-instruct',
          'ollama/llama3.2:3b',
        ]);
        expect(models.every((model) => model.locality === 'local')).toBe(true);
      } finally {
        await modelyard.dispose();
      }
    } finally {
      await Promise.all([ollamaServer.close(), lmStudioServer.close()]);
    }
  });

  test('a baseUrl written in the lmstudio section wins over the host from LMSTUDIO_HOST', async () => {
    const lmStudioServer = await startLMStudioFake({ models: [{ modelKey: 'phi-4' }] });
    try {
      const { modelyard, setup } = await createModelyardFromConfig({
        config: { providers: { local: false, ollama: false, lmstudio: { baseUrl: lmStudioServer.baseUrl } } },
        env: { LMSTUDIO_HOST: 'ws://127.0.0.1:9' },
        registry: PROVIDER_REGISTRY,
      });
      try {
        expect(setup.map((report) => [report.kind, report.status])).toEqual([['lmstudio', 'used']]);
        expect((await modelyard.models()).map((model) => model.modelId)).toEqual(['phi-4']);
      } finally {
        await modelyard.dispose();
      }
    } finally {
      await lmStudioServer.close();
    }
  });

  test('errors name the field where it was written, all at once', async () => {
    const error = await configError(
      createModelyardFromConfig({
        config: {
          providers: {
            local: false,
            custom: [
              { name: 'lab', baseURL: 'localhost:8000' },
              { name: 'lab', baseURL: fake.baseURL },
              { name: 'ok', baseURL: fake.baseURL, colour: 1 },
            ],
          },
          ...BAD_SECTIONS,
        },
        env: {},
        registry: CUSTOM_ONLY,
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'providers.custom[0].baseURL',
      'providers.custom[2]',
      'selection.weights.cost',
      'fallback.maxRetries',
      'monitor.maxModels',
    ]);
    expect(error.message).toContain('providers.custom[0].baseURL: expected an http(s) URL');
  });

  test('a provider id used twice names the second place it was written', async () => {
    const error = await configError(
      createModelyardFromConfig({
        config: {
          providers: {
            local: false,
            custom: [
              { name: 'lab', baseURL: fake.baseURL },
              { name: 'lab', baseURL: fake.baseURL },
            ],
          },
          ...BAD_SECTIONS,
          hardware: { os: {} },
        },
        env: {},
        registry: CUSTOM_ONLY,
      }),
    );
    expect(error.issues[0]).toEqual({
      path: 'providers.custom[1]',
      expected: 'a provider id no other provider uses ("lab" is also providers.custom[0]\'s)',
      received: '"lab"',
    });
    const error2 = await configError(
      createModelyardFromConfig({
        config: {
          providers: { local: false, custom: [{ name: 'lab', baseURL: fake.baseURL }] },
          ...BAD_SECTIONS,
        },
        env: {},
        registry: CUSTOM_ONLY,
      }),
    );
    expect(error2.issues.map((issue) => issue.path)).toEqual([
      'selection.weights.cost',
      'fallback.maxRetries',
      'monitor.maxModels',
    ]);
  });

  test('a bad setting that came from an env var says so', async () => {
    const error = await configError(
      createModelyardFromConfig({
        config: { providers: { local: false } },
        env: { OLLAMA_HOST: 'bad' },
        registry: [mockEntry('ollama')],
      }),
    );
    expect(error.issues).toEqual([
      { path: 'providers.ollama.host (from env OLLAMA_HOST)', expected: 'a URL', received: '"bad"' },
    ]);
  });

  test('reads the config file from cwd', async () => {
    const error = await configError(createModelyardFromConfig({ cwd: emptyCache, configPath: 'nope.json', env: {} }));
    expect(error.message).toContain('nope.json');
  });
});
