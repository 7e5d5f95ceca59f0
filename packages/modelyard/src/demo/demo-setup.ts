import type { ModelProvider } from '@modelyard/core';
import { isModuleNotFound, registryEntry } from '../config/provider-registry';

type Testkit = typeof import('@modelyard/testkit');
type Gguf = typeof import('@modelyard/testkit/gguf');
type OpenRouterModule = typeof import('@modelyard/provider-openrouter');
type CustomModule = typeof import('@modelyard/provider-custom');
type LocalModule = typeof import('@modelyard/provider-local');
type FakeServer = Awaited<ReturnType<Testkit['startOpenAICompatibleFake']>>;

/** The stand-ins of the demo: loopback fakes of remote servers and a generated GGUF model. */
export interface DemoSetup {
  /** The providers over the stand-ins, the down one included. */
  providers: ModelProvider[];
  /** The fake server behind each provider id that has one. */
  servers: ReadonlyMap<string, FakeServer>;
  /** The chat path of each fake (for injecting faults). */
  chatPaths: ReadonlyMap<string, string>;
  /** What each provider stands for, in words. */
  descriptions: ReadonlyMap<string, string>;
  /** Stops the fakes and deletes the generated model (the providers are disposed by Modelyard). */
  close(): Promise<void>;
}

/** The demo needs a package that is not installed. */
export class DemoDependencyError extends Error {
  constructor(packageName: string) {
    super(`The demo needs ${packageName}: npm i ${packageName}`);
    this.name = 'DemoDependencyError';
  }
}

async function importOptional<Module>(packageName: string, load: () => Promise<Module>): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error)) throw new DemoDependencyError(packageName);
    throw error;
  }
}

async function loadProviderModule<Module>(kind: string): Promise<Module> {
  const entry = registryEntry(kind);
  if (entry === undefined) throw new DemoDependencyError(`@modelyard/provider-${kind}`);
  return importOptional(entry.packageName, () => entry.load() as Promise<Module>);
}

/** The OpenRouter catalogue the demo's fake serves (prices in USD per token). */
export const DEMO_OPENROUTER_MODELS = [
  { id: 'meta-llama/llama-3.1-8b-instruct:free', contextLength: 131_072, pricing: { prompt: 0, completion: 0 } },
  {
    id: 'mistralai/mistral-small-3.2',
    contextLength: 131_072,
    pricing: { prompt: 0.000_000_1, completion: 0.000_000_3 },
  },
  { id: 'anthropic/claude-sonnet-4', contextLength: 200_000, pricing: { prompt: 0.000_003, completion: 0.000_015 } },
];

/**
 * Starts the demo's stand-ins and creates providers over them: OpenRouter (fake, three models), a
 * vLLM-like server with a declared free model (fake), a llama.cpp-like server that only says its
 * model's id (fake), a server that is down (a closed port), and the in-process local provider
 * with a tiny GGUF model generated in a temporary folder.
 */
export async function startDemoSetup(): Promise<DemoSetup> {
  const testkit = await importOptional<Testkit>('@modelyard/testkit', () => import('@modelyard/testkit'));
  const gguf = await importOptional<Gguf>('@modelyard/testkit', () => import('@modelyard/testkit/gguf'));
  const { createOpenRouter } = await loadProviderModule<OpenRouterModule>('openrouter');
  const { createCustomProvider } = await loadProviderModule<CustomModule>('custom');
  const { createLocalProvider } = await loadProviderModule<LocalModule>('local');

  const apiKey = 'demo-key';
  const openRouterFake = await testkit.startOpenRouterFake({ apiKey, models: DEMO_OPENROUTER_MODELS });
  const vllmFake = await testkit.startOpenAICompatibleFake({ models: [{ id: 'Qwen/Qwen2.5-7B-Instruct' }] });
  const llamaCppFake = await testkit.startOpenAICompatibleFake({ models: [{ id: 'llama-3.2-3b-instruct-q4_k_m' }] });
  const closedPort = await testkit.findClosedPort();
  const models = await gguf.createTinyModelsDirectory({ models: [{ fileName: 'tiny-llama.gguf', seed: 1 }] });

  const providers: ModelProvider[] = [
    createOpenRouter({ baseURL: openRouterFake.baseURL, apiKey }),
    createCustomProvider({
      name: 'gpu-box',
      baseURL: vllmFake.baseURL,
      discover: false,
      models: [
        {
          id: 'Qwen/Qwen2.5-7B-Instruct',
          contextLength: 32_768,
          isFree: true,
          pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
        },
      ],
    }),
    createCustomProvider({ name: 'lab-llamacpp', baseURL: llamaCppFake.baseURL }),
    createCustomProvider({ name: 'offline-box', baseURL: `http://127.0.0.1:${closedPort}/v1`, timeoutMs: 2000 }),
    createLocalProvider({ modelDirectories: models.path, gpu: false }),
  ];
  const servers = new Map<string, FakeServer>([
    ['openrouter', openRouterFake],
    ['gpu-box', vllmFake],
    ['lab-llamacpp', llamaCppFake],
  ]);
  const chatPaths = new Map([
    ['openrouter', '/api/v1/chat/completions'],
    ['gpu-box', '/v1/chat/completions'],
    ['lab-llamacpp', '/v1/chat/completions'],
  ]);
  const descriptions = new Map([
    ['openrouter', 'OpenRouter (a loopback fake of its API)'],
    ['gpu-box', 'a vLLM-like server with a declared free model (fake)'],
    ['lab-llamacpp', 'a llama.cpp-like server that only says its model id (fake)'],
    ['offline-box', 'a server that is down (nothing listens on its port)'],
    ['local', 'in-process llama.cpp with a tiny GGUF model generated just now'],
  ]);
  return {
    providers,
    servers,
    chatPaths,
    descriptions,
    async close() {
      await Promise.allSettled([openRouterFake.close(), vllmFake.close(), llamaCppFake.close()]);
      await models.remove();
    },
  };
}
