import {
  findClosedPort,
  type OpenAICompatibleFake,
  providerContractSuite,
  readOpenAIRequestOptions,
  startOpenRouterFake,
} from '@modelyard/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createOpenRouter } from './openrouter-provider';

const API_KEY = 'openrouter-contract-key-5b8e0f14'; // not shaped like a real key: only the provider's own redaction hides it
let server: OpenAICompatibleFake;
let closedPort: number;

beforeAll(async () => {
  server = await startOpenRouterFake({
    apiKey: API_KEY,
    models: [
      { id: 'vendor/chat-model', contextLength: 8192, pricing: { prompt: 0.000003, completion: 0.000015 } },
      { id: 'vendor/chat-model:free', contextLength: 8192 },
    ],
  });
  closedPort = await findClosedPort();
});
afterAll(() => server.close());

providerContractSuite({
  describe,
  test,
  name: 'OpenRouter provider contract',
  createProvider: () => createOpenRouter({ apiKey: API_KEY, baseURL: server.baseURL }),
  modelId: 'vendor/chat-model',
  expectedLocality: 'remote',
  transport: {
    type: 'http',
    get server() {
      return server;
    },
    generationPath: '/api/v1/chat/completions',
    readSentOptions: readOpenAIRequestOptions,
    createUnreachableProvider: () =>
      createOpenRouter({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${closedPort}/api/v1` }),
    secret: API_KEY,
  },
});
