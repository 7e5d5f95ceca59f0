import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findClosedPort } from '../fakes/closed-port';
import { type OpenAICompatibleFake, startOpenAICompatibleFake } from '../fakes/openai-compatible-fake';
import { readOpenAIRequestOptions } from '../fakes/request-options';
import { createMockProvider } from '../mocks/mock-provider';
import { REFERENCE_BREAKS, type ReferenceBreak } from '../test-support/reference-breaks';
import { createReferenceProvider } from '../test-support/reference-provider';
import { ContractViolation } from './assertions';
import type { HttpContractTransport, ProviderContractOptions } from './contract-options';
import { providerContractSuite } from './provider-contract-suite';

// Not shaped like a well-known key: only the provider's own redaction can hide it.
const API_KEY = 'contract-secret-7d3f9a1b2c';
const MODEL_ID = 'fake/chat-model:v1';
let fake: OpenAICompatibleFake;
let closedPort: number;

beforeAll(async () => {
  closedPort = await findClosedPort();
  fake = await startOpenAICompatibleFake({ apiKey: API_KEY, models: [{ id: 'fake/another-model' }, { id: MODEL_ID }] });
});
afterAll(async () => {
  await fake.close();
});

function httpTransport(breaks: readonly ReferenceBreak[]): HttpContractTransport {
  return {
    type: 'http',
    get server() {
      return fake;
    },
    generationPath: '/v1/chat/completions',
    readSentOptions: readOpenAIRequestOptions,
    createUnreachableProvider: () =>
      createReferenceProvider({ baseURL: `http://127.0.0.1:${closedPort}/v1`, apiKey: API_KEY, breaks }),
    secret: API_KEY,
  };
}

function referenceOptions(breaks: readonly ReferenceBreak[] = []): Omit<ProviderContractOptions, 'describe' | 'test'> {
  return {
    createProvider: () => createReferenceProvider({ baseURL: fake.baseURL, apiKey: API_KEY, breaks }),
    modelId: MODEL_ID,
    expectedLocality: 'remote',
    transport: httpTransport(breaks),
  };
}

providerContractSuite({ describe, test, name: 'reference provider (HTTP)', ...referenceOptions() });

providerContractSuite({
  describe,
  test,
  name: 'MockProvider (in-process)',
  createProvider: () =>
    createMockProvider({ id: 'mock', models: ['mock-model', { modelId: 'second', locality: 'remote' }] }),
  modelId: 'mock-model',
  expectedLocality: 'remote',
  transport: { type: 'in-process' },
});

/** The suite's tests, collected instead of registered, so one can be run against a broken provider. */
function collectTests(options: Omit<ProviderContractOptions, 'describe' | 'test'>): Map<string, () => Promise<void>> {
  const tests = new Map<string, () => Promise<void>>();
  providerContractSuite({
    ...options,
    describe: (_name, body) => body(),
    test: (name, body) => {
      const rule = /^\[([^\]]+)\]/.exec(name)?.[1];
      if (rule) tests.set(rule, body);
    },
  });
  return tests;
}

describe('each broken reference provider fails the rule it breaks', () => {
  test('every rule of the suite has a broken variant', () => {
    const rules = [...collectTests(referenceOptions()).keys()].sort();
    expect(rules).toEqual([...new Set(Object.values(REFERENCE_BREAKS))].sort());
  });

  for (const [breakName, rule] of Object.entries(REFERENCE_BREAKS) as [ReferenceBreak, string][]) {
    test(`${breakName} → [${rule}] fails`, async () => {
      const run = collectTests(referenceOptions([breakName])).get(rule);
      expect(run, `rule ${rule} exists`).toBeDefined();
      const failure = await (run as () => Promise<void>)().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure, `the rule ${rule} passed against a provider with ${breakName}`).toBeInstanceOf(Error);
      expect(failure).toBeInstanceOf(ContractViolation);
    });
  }
});
