// fast-check arbitraries of the core inputs, for property tests only (not exported from index.ts).
// Each one generates values the schema must accept: the constraints the schemas refine on
// (unique capabilities, a free model's prices, maxOutputTokens ≤ contextLength, allow ∩ deny)
// are built in, not filtered for.
import fc from 'fast-check';
import { ERROR_KINDS, type ErrorKind } from '../errors/error-kind';
import { GENERATION_OPTIONS, type GenerateRequest } from '../generation/request';
import { CAPABILITIES, MODALITIES } from '../model/capabilities';
import { PROVIDER_ID_PATTERN } from '../model/identity';
import type { ModelInfoInput } from '../model/model-info';
import { BUILT_IN_TASKS, type ModelRequirementsInput } from '../selection/requirements';

/** Provider instance ids, from {@link PROVIDER_ID_PATTERN} itself. */
export const providerIdArbitrary: fc.Arbitrary<string> = fc.stringMatching(PROVIDER_ID_PATTERN);

/** Model ids: any non-empty well-formed text, weighted towards the `/` and `:` real ids have. */
export const modelIdArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1 }),
    fc
      .array(fc.oneof(fc.constantFrom('/', ':', '%', '@', '.', ' ', 'é', '模型', '🦙'), fc.string()), {
        minLength: 1,
      })
      .map((pieces) => pieces.join('')),
    fc.constantFrom('meta-llama/llama-3.1-8b-instruct:free', 'llama3.1:8b', 'qwen2.5-coder:7b-instruct-q4_K_M'),
  )
  .filter((modelId) => modelId.length >= 1 && modelId.isWellFormed());

/** Identities of a model on a provider instance. */
export const modelIdentityArbitrary = fc.record({ providerId: providerIdArbitrary, modelId: modelIdArbitrary });

const price = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });
const score = fc.record({ value: fc.double({ min: 0, max: 10, noNaN: true }), source: fc.string({ minLength: 1 }) });
// `__proto__` as a key would set the prototype of the object zod builds, not a field.
const recordKey = fc.string().filter((key) => key !== '__proto__');
const jsonRecord = fc.dictionary(recordKey, fc.jsonValue(), { maxKeys: 4 });
const modalities = fc.uniqueArray(fc.constantFrom(...MODALITIES), { minLength: 1 });

/** What a provider may write to describe a model: every field sometimes given, sometimes defaulted. */
export const modelInfoInputArbitrary: fc.Arbitrary<ModelInfoInput> = fc
  .record(
    {
      providerId: providerIdArbitrary,
      modelId: modelIdArbitrary,
      providerKind: fc.string({ minLength: 1 }),
      displayName: fc.string({ minLength: 1 }),
      description: fc.option(fc.string(), { nil: null }),
      locality: fc.constantFrom('local' as const, 'remote' as const),
      contextLength: fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: null }),
      maxOutputTokens: fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: null }),
      pricing: fc.record(
        { inputPerToken: fc.option(price, { nil: null }), outputPerToken: fc.option(price, { nil: null }) },
        { requiredKeys: [] },
      ),
      isFree: fc.boolean(),
      capabilities: fc.shuffledSubarray([...CAPABILITIES]),
      modalities: fc.record({ input: modalities, output: modalities }),
      weights: fc.option(
        fc.record(
          {
            sizeBytes: fc.option(fc.nat(), { nil: null }),
            quantization: fc.option(fc.constantFrom('Q4_K_M', 'Q8_0', 'F16'), { nil: null }),
            family: fc.option(fc.string({ minLength: 1 }), { nil: null }),
            memoryEstimates: fc.array(
              fc.record({ contextLength: fc.integer({ min: 1 }), ramBytes: fc.nat(), vramBytes: fc.nat() }),
              { maxLength: 3 },
            ),
          },
          { requiredKeys: [] },
        ),
        { nil: null },
      ),
      isLoaded: fc.option(fc.boolean(), { nil: null }),
      quality: fc.option(score, { nil: null }),
      safety: fc.option(score, { nil: null }),
      providerMetadata: jsonRecord,
    },
    { requiredKeys: ['providerId', 'modelId', 'providerKind', 'locality'] },
  )
  .map((model) => {
    const fixed = { ...model };
    const { contextLength, maxOutputTokens } = fixed;
    if (typeof contextLength === 'number' && typeof maxOutputTokens === 'number' && maxOutputTokens > contextLength) {
      fixed.maxOutputTokens = contextLength;
    }
    // A free model has no price above 0: keep the unknowns, make the known prices 0.
    if (fixed.isFree && fixed.pricing) {
      fixed.pricing = Object.fromEntries(
        Object.entries(fixed.pricing).map(([field, value]) => [field, value === null ? null : 0]),
      );
    }
    return fixed;
  });

const nonNegative = fc.double({ min: 0, max: 1e9, noNaN: true });
const tokenCount = fc.nat({ max: 10_000_000 });

/** What a caller may write as requirements, allow and deny lists kept apart. */
export const modelRequirementsInputArbitrary: fc.Arbitrary<ModelRequirementsInput> = fc
  .record(
    {
      task: fc.oneof(fc.constantFrom(...BUILT_IN_TASKS), fc.string({ minLength: 1 })),
      minContextLength: tokenCount,
      requiredCapabilities: fc.array(fc.constantFrom(...CAPABILITIES), { maxLength: 4 }),
      maxPricePerMillionTokens: fc.record({ input: nonNegative, output: nonNegative }, { requiredKeys: [] }),
      maxCostPerRequest: nonNegative,
      maxLatencyMs: nonNegative,
      minQuality: fc.double({ min: 0, max: 10, noNaN: true }),
      minSafety: fc.double({ min: 0, max: 10, noNaN: true }),
      locality: fc.constantFrom('any', 'prefer_local', 'prefer_remote', 'local_only', 'remote_only'),
      freeOnly: fc.boolean(),
      allowProviders: fc.array(providerIdArbitrary, { minLength: 1, maxLength: 4 }),
      denyProviders: fc.array(providerIdArbitrary, { maxLength: 4 }),
      denyModels: fc.array(modelIdentityArbitrary, { maxLength: 3 }),
      expectedInputTokens: tokenCount,
      expectedOutputTokens: tokenCount,
    },
    { requiredKeys: [] },
  )
  .map((requirements) => {
    const { allowProviders, denyProviders } = requirements;
    if (!allowProviders || !denyProviders) return requirements;
    const allowed = allowProviders.filter((providerId) => !denyProviders.includes(providerId));
    const { allowProviders: _dropped, ...rest } = requirements;
    return allowed.length > 0 ? { ...rest, allowProviders: allowed } : rest;
  });

const textPart = fc.record({ type: fc.constant('text' as const), text: fc.string() });
const imageUrlPart = fc.record({
  type: fc.constant('image' as const),
  url: fc.oneof(
    fc.webUrl(),
    fc.base64String().map((data) => `data:image/png;base64,${data}`),
  ),
});
const imageDataPart = fc.record({
  type: fc.constant('image' as const),
  data: fc.base64String(),
  mediaType: fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'),
});
const chatMessage = fc.record({
  role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const),
  content: fc.oneof(fc.string(), fc.array(fc.oneof(textPart, imageUrlPart, imageDataPart), { minLength: 1 })),
});
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

/** Chat requests with any mix of generation options, 0 included. */
export const generateRequestArbitrary: fc.Arbitrary<GenerateRequest> = fc.record(
  {
    messages: fc.array(chatMessage, { minLength: 1, maxLength: 4 }),
    system: fc.string(),
    maxOutputTokens: fc.nat(),
    temperature: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    topP: fc.double({ min: 0, max: 1, noNaN: true }),
    topK: fc.nat(),
    stop: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
    seed: fc.integer(),
    presencePenalty: finite,
    frequencyPenalty: finite,
    responseFormat: fc.oneof(
      fc.constant({ type: 'text' as const }),
      fc.record(
        { type: fc.constant('json' as const), schema: jsonRecord, name: fc.string({ minLength: 1 }) },
        { requiredKeys: ['type'] },
      ),
    ),
    providerOptions: fc.dictionary(recordKey, jsonRecord, { maxKeys: 2 }),
    headers: fc.dictionary(recordKey, fc.string(), { maxKeys: 3 }),
  },
  { requiredKeys: ['messages'] },
);

/** Names of the generation options, for manifests. */
export const generationOptionNamesArbitrary = fc.subarray([...GENERATION_OPTIONS]);

/** Any error kind. */
export const errorKindArbitrary: fc.Arbitrary<ErrorKind> = fc.constantFrom(...ERROR_KINDS);
