import { type LMStudioFake, providerContractSuite, startLMStudioFake } from '@modelyard/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createLMStudio } from './lmstudio-provider';

// The real @lmstudio/sdk against a loopback fake of LM Studio's WebSocket protocol. The HTTP fault
// rules of the suite (status codes, Retry-After) have no counterpart in that protocol: transport
// 'in-process'; lmstudio-faults.test.ts covers the protocol's own failures.
let fake: LMStudioFake;

beforeAll(async () => {
  fake = await startLMStudioFake({
    models: [
      { modelKey: 'contract-model' },
      { modelKey: 'preloaded/model:q4', loaded: { contextLength: 2048 }, trainedForToolUse: true },
      { modelKey: 'nomic-embed-text', type: 'embedding' },
    ],
  });
});
afterAll(() => fake.close());

for (const [name, modelId, id] of [
  ['a model loaded on demand', 'contract-model', 'lmstudio'],
  ['a model LM Studio already holds', 'preloaded/model:q4', 'lmstudio.gpu-box'],
] as const) {
  providerContractSuite({
    describe,
    test,
    name: `provider-lmstudio contract (${name})`,
    createProvider: () => createLMStudio({ id, baseUrl: fake.baseUrl }),
    modelId,
    expectedLocality: 'local',
    transport: { type: 'in-process' },
  });
}
