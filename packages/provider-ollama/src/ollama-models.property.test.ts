import { modelInfoSchema } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf, ollamaModelToInfo, parseParameterSize } from './ollama-models';

const OLLAMA_CAPABILITIES = ['completion', 'tools', 'vision', 'embedding', 'thinking', 'insert', 'unknown-new'];

describe('parseParameterSize (properties)', () => {
  it('reads "<whole>.<tenth><unit>" as (whole + tenth / 10) × unit, in either case', () => {
    const units = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 } as const;
    fc.assert(
      fc.property(
        fc.nat({ max: 999 }),
        fc.nat({ max: 9 }),
        fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])),
        fc.boolean(),
        (whole, tenth, unit, lower) => {
          const text = `${whole}.${tenth}${lower ? unit.toLowerCase() : unit}`;
          expect(parseParameterSize(text)).toBe(Math.round(((whole * 10 + tenth) * units[unit]) / 10));
        },
      ),
    );
  });

  it('never returns a negative or fractional count', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const count = parseParameterSize(text);
        expect(count === null || (Number.isSafeInteger(count) && count >= 0)).toBe(true);
      }),
    );
  });
});

describe('ollamaModelToInfo (properties)', () => {
  it('always builds a valid ModelInfo, whose context length is exactly the reported one', () => {
    fc.assert(
      fc.property(
        fc.subarray(OLLAMA_CAPABILITIES),
        fc.option(fc.integer({ min: -10, max: 2_000_000 }), { nil: undefined }),
        fc.option(fc.nat(), { nil: null }),
        (reported, contextLength, size) => {
          const info = ollamaModelToInfo(
            {
              entry: { name: 'org/model:q4', size },
              show: {
                capabilities: reported,
                model_info: { 'general.architecture': 'llama', 'llama.context_length': contextLength },
              },
              loaded: null,
            },
            'ollama',
          );
          expect(modelInfoSchema.safeParse(info).success).toBe(true);
          expect(info.contextLength).toBe(contextLength !== undefined && contextLength >= 1 ? contextLength : null);
          expect(info.capabilities).toEqual(capabilitiesOf(reported, info.contextLength));
          expect(info.capabilities.includes('chat')).toBe(reported.includes('completion'));
        },
      ),
    );
  });
});
