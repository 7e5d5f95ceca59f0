import {
  findClosedPort,
  type OllamaFake,
  providerContractSuite,
  readOllamaRequestOptions,
  startOllamaFake,
} from '@modelyard/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createOllama } from './ollama-provider';
import type { OllamaSettings } from './ollama-settings';

let server: OllamaFake;
let closedPort: number;

beforeAll(async () => {
  server = await startOllamaFake({
    models: [
      { name: 'llama3.2:1b', contextLength: 131_072, capabilities: ['completion', 'tools'] },
      { name: 'library/qwen2.5-coder:7b-instruct-q4_K_M', family: 'qwen2' },
      { name: 'nomic-embed-text:latest', family: 'nomic-bert', capabilities: ['embedding'] },
    ],
  });
  closedPort = await findClosedPort();
});
afterAll(() => server.close());

const PROXY_TOKEN = 'proxy-token-for-the-contract-suite';

// The same server seen three ways: as the default instance would see it; as a second instance
// with its own id, a keep-alive and no listing cache; and behind a proxy that wants a bearer token
// (the suite then checks the token never shows in errors or in the provider).
const variants: { name: string; settings: OllamaSettings; secret?: string }[] = [
  { name: 'default settings', settings: {} },
  { name: 'second instance with keep-alive', settings: { id: 'ollama.gpu-box', keepAliveMs: 120_000, cacheTtlMs: 0 } },
  {
    name: 'behind a proxy with a bearer token',
    settings: { id: 'ollama.proxied', headers: { Authorization: `Bearer ${PROXY_TOKEN}` } },
    secret: PROXY_TOKEN,
  },
];

for (const variant of variants) {
  providerContractSuite({
    describe,
    test,
    name: `ollama provider contract (${variant.name})`,
    createProvider: () => createOllama({ ...variant.settings, host: server.host }),
    modelId: 'llama3.2:1b',
    expectedLocality: 'local',
    transport: {
      type: 'http',
      get server() {
        return server;
      },
      generationPath: '/api/chat',
      readSentOptions: readOllamaRequestOptions,
      createUnreachableProvider: () => createOllama({ ...variant.settings, host: `http://127.0.0.1:${closedPort}` }),
      ...(variant.secret === undefined ? {} : { secret: variant.secret }),
    },
  });
}
