// fast-check arbitraries of selector inputs, for property tests only (not exported from index.ts).
import { CAPABILITIES, type ModelInfo, modelInfoSchema } from '@modelyard/core';
import fc from 'fast-check';

const price = fc.option(fc.double({ min: 0, max: 0.0001, noNaN: true }), { nil: null, freq: 5 });
const score = fc.option(
  fc.record({ value: fc.integer({ min: 0, max: 100 }).map((tenths) => tenths / 10), source: fc.constant('test') }),
  { nil: null, freq: 5 },
);

/** A parsed model: remote or local, prices/scores sometimes unknown, a few providers and ids. */
export const modelArbitrary: fc.Arbitrary<ModelInfo> = fc
  .record({
    providerId: fc.constantFrom('cloud', 'ollama', 'lmstudio', 'other'),
    modelId: fc.string({ minLength: 1, maxLength: 6 }),
    isLocal: fc.boolean(),
    isFree: fc.boolean(),
    contextLength: fc.option(fc.integer({ min: 1, max: 300_000 }), { nil: null, freq: 5 }),
    inputPerToken: price,
    outputPerToken: price,
    capabilities: fc.subarray([...CAPABILITIES]),
    quality: score,
    safety: score,
    sizeBytes: fc.option(fc.integer({ min: 1e8, max: 2e11 }), { nil: null }),
  })
  .map((facts) =>
    modelInfoSchema.parse({
      providerId: facts.providerId,
      modelId: facts.modelId,
      providerKind: facts.providerId,
      locality: facts.isLocal ? 'local' : 'remote',
      isFree: facts.isFree,
      contextLength: facts.contextLength,
      pricing: facts.isFree
        ? {}
        : { inputPerToken: facts.inputPerToken, outputPerToken: facts.outputPerToken, perRequest: 0 },
      capabilities: facts.capabilities,
      quality: facts.quality,
      safety: facts.safety,
      weights: facts.isLocal ? { sizeBytes: facts.sizeBytes } : null,
    }),
  );

/** Models with distinct identities (ties then break in one way only). */
export const modelsArbitrary: fc.Arbitrary<ModelInfo[]> = fc.uniqueArray(modelArbitrary, {
  maxLength: 12,
  selector: (model) => `${model.providerId}/${model.modelId}`,
});

/** Requirements that keep a fair share of models. */
export const requirementsArbitrary = fc.record(
  {
    task: fc.constantFrom(
      'general_chat',
      'narrative_generation',
      'therapeutic_response',
      'choice_generation',
      'custom',
    ),
    minContextLength: fc.integer({ min: 0, max: 200_000 }),
    requiredCapabilities: fc.subarray(['chat', 'streaming', 'tools'] as const, { maxLength: 1 }),
    maxPricePerMillionTokens: fc.record({ input: fc.double({ min: 0, max: 100, noNaN: true }) }, { requiredKeys: [] }),
    minQuality: fc.integer({ min: 0, max: 5 }),
    locality: fc.constantFrom('any', 'prefer_local', 'prefer_remote', 'local_only', 'remote_only'),
    freeOnly: fc.boolean(),
    expectedInputTokens: fc.integer({ min: 0, max: 10_000 }),
    expectedOutputTokens: fc.integer({ min: 0, max: 10_000 }),
  },
  { requiredKeys: [] },
);
