// @modelyard/testkit/arbitraries: fast-check arbitraries of Modelyard values, for property tests
// of providers, the selector, the fallback runner, the monitor and users' own code.
// fast-check is an optional peer dependency: install it to use this entry point.
import {
  BUILT_IN_TASKS,
  CAPABILITIES,
  type CallSample,
  ERROR_KINDS,
  type ErrorKind,
  type GenerateRequest,
  type HardwareProfile,
  type ModelIdentity,
  type ModelInfo,
  type ModelRequirements,
  modelInfoSchema,
  modelRequirementsSchema,
  PROVIDER_ID_PATTERN,
} from '@modelyard/core';
import fc from 'fast-check';
import type { Fault } from './fakes/fault';
import type { MockStep } from './mocks/mock-step';

/** Provider instance ids matching core's pattern. */
export const providerIdArbitrary: fc.Arbitrary<string> = fc.stringMatching(PROVIDER_ID_PATTERN);

/**
 * Model ids as providers write them, nasty ones included: `/` and `:` (`vendor/model:free`,
 * `llama3:8b`), `%` and `@` (which break naive encodings), spaces, accents, CJK and emoji.
 */
export const modelIdArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'openai/gpt-4o-mini',
      'meta-llama/llama-3.3-70b-instruct:free',
      'qwen2.5:7b-instruct-q4_K_M',
      'a%2Fb',
      'x@y',
    ),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('/', ':', '%', '@', ' ', '-', 'ü', '模型', '🦙'),
          fc.string({ minLength: 1, maxLength: 6 }),
        ),
        { minLength: 1, maxLength: 6 },
      )
      .map((pieces) => pieces.join('')),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  )
  .filter((modelId) => modelId.isWellFormed());

/** Model identities. */
export const modelIdentityArbitrary: fc.Arbitrary<ModelIdentity> = fc.record({
  providerId: providerIdArbitrary,
  modelId: modelIdArbitrary,
});

/** Options of {@link modelInfoArbitrary}. */
export interface ModelInfoArbitraryOptions {
  /** Fix the provider (e.g. to build one provider's catalogue). */
  providerId?: string;
  /** Fix the locality. */
  locality?: 'local' | 'remote';
}

const perToken = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e-4, noNaN: true }));
const score = fc.record({
  value: fc.double({ min: 0, max: 10, noNaN: true }),
  source: fc.constantFrom('modelyard-defaults', 'user', 'benchmark'),
});

/**
 * Parsed, valid `ModelInfo`s with realistic ranges: prices 0–100 USD per million tokens or
 * unknown, context 512–2M tokens or unknown, capabilities, quality/safety scores, and weights
 * with memory estimates for local models.
 */
export function modelInfoArbitrary(options: ModelInfoArbitraryOptions = {}): fc.Arbitrary<ModelInfo> {
  return fc
    .record({
      providerId: options.providerId === undefined ? providerIdArbitrary : fc.constant(options.providerId),
      modelId: modelIdArbitrary,
      locality:
        options.locality === undefined
          ? fc.constantFrom('local' as const, 'remote' as const)
          : fc.constant(options.locality),
      contextLength: fc.option(fc.integer({ min: 512, max: 2_000_000 }), { nil: null }),
      inputPerToken: fc.option(perToken, { nil: null }),
      outputPerToken: fc.option(perToken, { nil: null }),
      isFree: fc.boolean(),
      capabilities: fc.shuffledSubarray([...CAPABILITIES]),
      quality: fc.option(score, { nil: null }),
      safety: fc.option(score, { nil: null }),
      sizeBytes: fc.integer({ min: 10_000_000, max: 200_000_000_000 }),
      quantization: fc.constantFrom('Q4_K_M', 'Q5_K_M', 'Q8_0', 'F16'),
    })
    .map((fields) =>
      modelInfoSchema.parse({
        providerId: fields.providerId,
        modelId: fields.modelId,
        providerKind: fields.locality === 'local' ? 'local' : 'remote-fake',
        locality: fields.locality,
        contextLength: fields.contextLength,
        pricing: fields.isFree
          ? { inputPerToken: 0, outputPerToken: 0, perRequest: 0 }
          : { inputPerToken: fields.inputPerToken, outputPerToken: fields.outputPerToken, perRequest: null },
        isFree: fields.isFree,
        capabilities: fields.capabilities,
        quality: fields.quality,
        safety: fields.safety,
        weights:
          fields.locality === 'local'
            ? {
                sizeBytes: fields.sizeBytes,
                quantization: fields.quantization,
                format: 'gguf',
                memoryEstimates: [
                  { contextLength: 4096, ramBytes: fields.sizeBytes * 1.2, vramBytes: fields.sizeBytes * 1.1 },
                ],
              }
            : null,
      }),
    );
}

/** Catalogues of models with unique identities (what one `listModels` of many providers gives). */
export function modelCatalogueArbitrary(
  options: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<ModelInfo[]> {
  return fc.uniqueArray(modelInfoArbitrary(), {
    minLength: options.minLength ?? 0,
    maxLength: options.maxLength ?? 20,
    selector: (model) => `${model.providerId}/${model.modelId}`,
  });
}

/** Parsed, valid `ModelRequirements`; each constraint sometimes absent, `0` sometimes present. */
export const modelRequirementsArbitrary: fc.Arbitrary<ModelRequirements> = fc
  .record(
    {
      task: fc.constantFrom(...BUILT_IN_TASKS),
      minContextLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
      requiredCapabilities: fc.subarray([...CAPABILITIES], { maxLength: 3 }),
      maxPricePerMillionTokens: fc.record(
        {
          input: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
          output: fc.double({ min: 0, max: 100, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      maxLatencyMs: fc.integer({ min: 0, max: 60_000 }),
      minQuality: fc.double({ min: 0, max: 10, noNaN: true }),
      minSafety: fc.double({ min: 0, max: 10, noNaN: true }),
      locality: fc.constantFrom(
        'any' as const,
        'prefer_local' as const,
        'prefer_remote' as const,
        'local_only' as const,
        'remote_only' as const,
      ),
      freeOnly: fc.boolean(),
      expectedInputTokens: fc.integer({ min: 0, max: 100_000 }),
      expectedOutputTokens: fc.integer({ min: 0, max: 10_000 }),
    },
    { requiredKeys: [] },
  )
  .map((input) => modelRequirementsSchema.parse(input));

const gib = 1024 ** 3;

/** Hardware profiles from a 2-core VM without GPU to multi-GPU workstations and Apple silicon. */
export const hardwareProfileArbitrary: fc.Arbitrary<HardwareProfile> = fc
  .record({
    logicalCores: fc.integer({ min: 1, max: 128 }),
    totalGiB: fc.integer({ min: 1, max: 512 }),
    availableFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    speedGHz: fc.option(fc.double({ min: 0.5, max: 6, noNaN: true }), { nil: null }),
    flags: fc.subarray(['avx', 'avx2', 'avx512f', 'fma', 'neon', 'sse4_2']),
    gpus: fc.array(
      fc.record({
        vendor: fc.constantFrom(
          'nvidia' as const,
          'amd' as const,
          'intel' as const,
          'apple' as const,
          'other' as const,
        ),
        model: fc.constantFrom('RTX 4090', 'RX 7900', 'Arc A770', 'M3 Max', 'Unknown'),
        vramGiB: fc.option(fc.integer({ min: 1, max: 96 }), { nil: null }),
        freeFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((fields) => ({
    os: { platform: 'linux', release: null, arch: 'x64' },
    cpu: {
      model: null,
      physicalCores: null,
      logicalCores: fields.logicalCores,
      speedGHz: fields.speedGHz,
      flags: fields.flags,
    },
    memory: {
      totalBytes: fields.totalGiB * gib,
      availableBytes: Math.floor(fields.totalGiB * gib * fields.availableFraction),
    },
    gpus: fields.gpus.map((gpu) => ({
      vendor: gpu.vendor,
      model: gpu.model,
      vramTotalBytes: gpu.vramGiB === null ? null : gpu.vramGiB * gib,
      vramFreeBytes: gpu.vramGiB === null ? null : Math.floor(gpu.vramGiB * gib * gpu.freeFraction),
      hasUnifiedMemory: gpu.vendor === 'apple',
    })),
    detectedAt: 0,
  }));

/** Error kinds. */
export const errorKindArbitrary: fc.Arbitrary<ErrorKind> = fc.constantFrom(...ERROR_KINDS);

/** Call samples (what the fallback runner reports to a metrics sink), over `identities` when given. */
export function callSampleArbitrary(
  options: { identities?: readonly ModelIdentity[]; fromMs?: number; toMs?: number } = {},
): fc.Arbitrary<CallSample> {
  const model =
    options.identities && options.identities.length > 0
      ? fc.constantFrom(...options.identities)
      : modelIdentityArbitrary;
  const duration = fc.double({ min: 0, max: 120_000, noNaN: true });
  return fc.record({
    model,
    outcome: fc.oneof(
      { weight: 4, arbitrary: fc.constant('ok' as const) },
      { weight: 1, arbitrary: errorKindArbitrary },
    ),
    timestamp: fc.integer({ min: options.fromMs ?? 0, max: options.toMs ?? 86_400_000 }),
    latencyMs: duration,
    timeToFirstTokenMs: fc.option(duration, { nil: null }),
    inputTokens: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
    outputTokens: fc.option(fc.nat({ max: 10_000 }), { nil: null }),
    tokensPerSecond: fc.option(fc.double({ min: 0, max: 5_000, noNaN: true }), { nil: null }),
    costUsd: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
    task: fc.option(fc.constantFrom(...BUILT_IN_TASKS), { nil: null }),
    isStreaming: fc.boolean(),
  });
}

/** Faults a fake server can be scripted with (delays kept small so properties stay fast). */
export const faultArbitrary: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    type: fc.constant('status' as const),
    status: fc.constantFrom(401, 404, 429, 500, 502, 503),
    headers: fc.constant({ 'retry-after': '1' }),
  }),
  fc.record({ type: fc.constant('latency' as const), ms: fc.integer({ min: 0, max: 50 }) }),
  fc.constant({ type: 'malformed' as const }),
  fc.record({ type: fc.constant('drop' as const), afterChunks: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ type: fc.constant('truncate' as const), afterChunks: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ type: fc.constant('trickle' as const), chunkDelayMs: fc.integer({ min: 0, max: 20 }) }),
  fc.constant({ type: 'reset' as const }),
);

/** Sequences of faults, one per request (stalls left out: they need an abort to end). */
export const faultScriptArbitrary: fc.Arbitrary<Fault[]> = fc.array(faultArbitrary, { maxLength: 8 });

/** Steps of a mock model's script: answers, failures of every kind (some mid-stream), with latencies. */
export const mockStepArbitrary: fc.Arbitrary<MockStep> = fc.oneof(
  fc.record({
    text: fc.lorem({ maxCount: 8 }).map((text) => text || 'ok'),
    latencyMs: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    error: fc.record({
      kind: errorKindArbitrary.filter((kind) => kind !== 'aborted'),
      retryAfterMs: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
    }),
    latencyMs: fc.integer({ min: 0, max: 500 }),
    afterChunks: fc.integer({ min: 0, max: 3 }),
    text: fc.constant('partial answer text here'),
  }),
);

/** Mock scripts: what successive calls on one model do. */
export const mockScriptArbitrary: fc.Arbitrary<MockStep[]> = fc.array(mockStepArbitrary, {
  minLength: 1,
  maxLength: 6,
});

/** Chat requests with a few messages and any generation options, `0` included. */
export const generateRequestArbitrary: fc.Arbitrary<GenerateRequest> = fc.record(
  {
    messages: fc.array(
      fc.record({
        role: fc.constantFrom('user' as const, 'assistant' as const),
        content: fc.string({ maxLength: 200 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    system: fc.string({ maxLength: 100 }),
    maxOutputTokens: fc.nat({ max: 4_096 }),
    temperature: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    topP: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer(),
    stop: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 2 }),
  },
  { requiredKeys: ['messages'] },
);
