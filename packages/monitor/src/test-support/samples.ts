import { BUILT_IN_TASKS, type CallSample, ERROR_KINDS, type ModelIdentity } from '@modelyard/core';
import fc from 'fast-check';

/** A model whose id has the `/` and `:` that broke TTA's Redis keys. */
export const OPENROUTER_LLAMA: ModelIdentity = {
  providerId: 'openrouter',
  modelId: 'meta-llama/llama-3.1-8b-instruct:free',
};

/** A second model on another provider. */
export const OLLAMA_LLAMA: ModelIdentity = { providerId: 'ollama', modelId: 'llama3.1:8b' };

/** A successful, streamed sample with every figure known; `overrides` replace fields. */
export function sampleOf(overrides: Partial<CallSample> = {}): CallSample {
  return {
    model: OPENROUTER_LLAMA,
    outcome: 'ok',
    timestamp: 1_700_000_000_000,
    latencyMs: 800,
    timeToFirstTokenMs: 200,
    inputTokens: 100,
    outputTokens: 50,
    tokensPerSecond: 62.5,
    costUsd: 0.001,
    task: 'dialogue_generation',
    isStreaming: true,
    ...overrides,
  };
}

/** Measures in the range the sketch answers within its relative accuracy (ms or tokens/s). */
export const measureArbitrary = fc.double({ min: 0.001, max: 1e7, noNaN: true, noDefaultInfinity: true });

/** Valid samples of a few models, at times within `[start, start + spanMs]`. */
export function sampleArbitrary(start: number, spanMs: number): fc.Arbitrary<CallSample> {
  const models: ModelIdentity[] = [
    OPENROUTER_LLAMA,
    OLLAMA_LLAMA,
    { providerId: 'ollama', modelId: 'qwen2.5:7b' },
    { providerId: 'my-vllm', modelId: 'a/b:c' },
  ];
  const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
  return fc.record({
    model: fc.constantFrom(...models),
    outcome: fc.oneof(
      { weight: 3, arbitrary: fc.constant('ok' as const) },
      { weight: 1, arbitrary: fc.constantFrom(...ERROR_KINDS) },
    ),
    timestamp: fc.integer({ min: start, max: start + spanMs }),
    latencyMs: fc.integer({ min: 0, max: 60_000 }),
    timeToFirstTokenMs: nullable(fc.integer({ min: 0, max: 10_000 })),
    inputTokens: nullable(fc.integer({ min: 0, max: 10_000 })),
    outputTokens: nullable(fc.integer({ min: 0, max: 10_000 })),
    tokensPerSecond: nullable(fc.integer({ min: 0, max: 500 })),
    costUsd: nullable(fc.integer({ min: 0, max: 1000 }).map((cents) => cents / 1024)),
    task: nullable(fc.constantFrom(...BUILT_IN_TASKS)),
    isStreaming: fc.boolean(),
  });
}
