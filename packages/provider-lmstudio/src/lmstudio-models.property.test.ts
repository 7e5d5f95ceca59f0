import type { LLMInfo, LLMInstanceInfo } from '@lmstudio/sdk';
import { LONG_CONTEXT_TOKENS, modelInfoSchema } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseParameterCount, toModelInfo } from './lmstudio-models';

const MULTIPLIERS = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 } as const;

const llmInfoArbitrary: fc.Arbitrary<LLMInfo> = fc.record({
  type: fc.constant('llm' as const),
  modelKey: fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key.isWellFormed()),
  format: fc.constantFrom('gguf' as const, 'safetensors' as const),
  displayName: fc.string({ maxLength: 20 }),
  path: fc.string({ maxLength: 40 }),
  sizeBytes: fc.nat(),
  paramsString: fc.option(fc.constantFrom('1B', '7B', '0.5B', '33M', '8x7B', '30B-A3B', ''), { nil: undefined }),
  architecture: fc.option(fc.constantFrom('llama', 'qwen2', ''), { nil: undefined }),
  quantization: fc.option(fc.record({ name: fc.constantFrom('Q4_K_M', '4bit', ''), bits: fc.nat(16) }), {
    nil: undefined,
  }),
  vision: fc.boolean(),
  trainedForToolUse: fc.boolean(),
  maxContextLength: fc.nat(1_000_000),
});

describe('parseParameterCount (property)', () => {
  test('<number><unit> is the number times the unit, rounded to a whole count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom(...(Object.keys(MULTIPLIERS) as (keyof typeof MULTIPLIERS)[])),
        (tenths, unit) => {
          const text = `${tenths / 10}${unit}`;
          expect(parseParameterCount(text)).toBe(Math.round((tenths / 10) * MULTIPLIERS[unit]));
        },
      ),
    );
  });
});

describe('toModelInfo (property)', () => {
  test('always a valid ModelInfo: loaded exactly when an instance has its key, long context from 100,000 tokens', () => {
    fc.assert(
      fc.property(llmInfoArbitrary, fc.array(fc.nat(3), { maxLength: 4 }), (model, instanceKinds) => {
        const loaded: LLMInstanceInfo[] = instanceKinds.map((kind, index) => ({
          ...model,
          modelKey: kind === 0 ? `${model.modelKey}-other` : model.modelKey,
          identifier: `instance-${index}`,
          instanceReference: `ref-${index}`,
          contextLength: 1024,
        }));
        const info = toModelInfo('lmstudio', model, loaded);
        expect(modelInfoSchema.safeParse(info).success).toBe(true);
        expect(info.isLoaded).toBe(loaded.some((instance) => instance.modelKey === model.modelKey));
        expect(info.capabilities.includes('long_context')).toBe(model.maxContextLength >= LONG_CONTEXT_TOKENS);
        expect(info.capabilities.includes('vision')).toBe(model.vision);
        expect(info.isFree).toBe(true);
      }),
    );
  });
});
