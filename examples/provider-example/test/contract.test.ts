// Proves the Echo provider keeps the Modelyard provider contract: every rule of the testkit's
// suite, run against the Echo fake over real loopback HTTP.
import { type FakeServer, findClosedPort, providerContractSuite } from '@modelyard/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createEcho, ECHO_CHAT_PATH } from '../src/index';
import { type EchoServerModel, readEchoRequestOptions, startEchoServer } from './echo-server';

// Not shaped like a well-known key (`sk-…`): only the provider's own redaction can hide it.
const CONTRACT_API_KEY = 'echo-contract-key-4f2a9c81';
/** A model id with `/` and `:`, as real ids have. */
const CONTRACT_MODEL_ID = 'echo/small:v1';
const CONTRACT_MODELS: readonly EchoServerModel[] = [
  { id: 'echo/tiny', contextTokens: 64 },
  {
    id: CONTRACT_MODEL_ID,
    name: 'Echo Small',
    contextTokens: 8192,
    maxOutputTokens: 1024,
    pricePerMillion: { input: 0.5, output: 1.5 },
  },
  { id: 'echo-free', free: true },
];

let server: FakeServer;
let closedPort: number;

beforeAll(async () => {
  server = await startEchoServer({ apiKey: CONTRACT_API_KEY, models: CONTRACT_MODELS });
  closedPort = await findClosedPort();
});
afterAll(() => server.close());

providerContractSuite({
  describe,
  test,
  name: 'Echo provider contract',
  createProvider: () => createEcho({ baseURL: server.url, apiKey: CONTRACT_API_KEY }),
  modelId: CONTRACT_MODEL_ID,
  expectedLocality: 'remote',
  transport: {
    type: 'http',
    // A getter: the suite is registered before beforeAll starts the server.
    get server() {
      return server;
    },
    generationPath: ECHO_CHAT_PATH,
    readSentOptions: readEchoRequestOptions,
    createUnreachableProvider: () =>
      createEcho({ baseURL: `http://127.0.0.1:${closedPort}`, apiKey: CONTRACT_API_KEY }),
    secret: CONTRACT_API_KEY,
  },
});
