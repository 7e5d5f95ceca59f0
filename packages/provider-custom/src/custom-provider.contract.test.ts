import {
  findClosedPort,
  type OpenAICompatibleFake,
  providerContractSuite,
  readOpenAIRequestOptions,
  startOpenAICompatibleFake,
} from '@modelyard/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createCustomProvider } from './custom-provider';
import type { CustomProviderSettings } from './custom-settings';

const API_KEY = 'custom-contract-key-7d31c9e2'; // not shaped like a well-known key: only the provider's own redaction hides it
let server: OpenAICompatibleFake;
let closedPort: number;

beforeAll(async () => {
  server = await startOpenAICompatibleFake({
    apiKey: API_KEY,
    models: [{ id: 'chat-model', contextLength: 8192 }, { id: 'org/other-model:q4' }],
  });
  closedPort = await findClosedPort();
});
afterAll(() => server.close());

// The same server seen three ways: models discovered from /v1/models; declared in the settings
// (config wins over discovery); and declared with a server that rejects top_k (the option then
// comes back as a warning instead of being sent).
const variants: { name: string; settings: Omit<CustomProviderSettings, 'baseURL'> }[] = [
  { name: 'discovered models', settings: { name: 'my-vllm', apiKey: API_KEY } },
  {
    name: 'config-declared models',
    settings: {
      name: 'lab.llama-cpp',
      apiKey: API_KEY,
      models: [
        {
          id: 'chat-model',
          displayName: 'Chat model',
          contextLength: 8192,
          maxOutputTokens: 1024,
          pricing: { inputPerToken: 0.0000002, outputPerToken: 0.0000006, perRequest: 0 },
          capabilities: ['chat', 'streaming', 'json'],
        },
      ],
    },
  },
  {
    name: 'declared models, server without top_k',
    settings: {
      name: 'hosted_api',
      apiKey: API_KEY,
      generationOptions: ['maxOutputTokens', 'temperature', 'topP', 'stop', 'seed', 'responseFormat'],
      models: [{ id: 'chat-model', isFree: true, pricing: { inputPerToken: 0, outputPerToken: 0 } }],
    },
  },
];

for (const variant of variants) {
  providerContractSuite({
    describe,
    test,
    name: `custom provider contract (${variant.name})`,
    createProvider: () => createCustomProvider({ ...variant.settings, baseURL: server.baseURL }),
    modelId: 'chat-model',
    expectedLocality: 'remote',
    transport: {
      type: 'http',
      get server() {
        return server;
      },
      generationPath: '/v1/chat/completions',
      readSentOptions: readOpenAIRequestOptions,
      createUnreachableProvider: () =>
        createCustomProvider({ ...variant.settings, baseURL: `http://127.0.0.1:${closedPort}/v1` }),
      secret: API_KEY,
    },
  });
}
