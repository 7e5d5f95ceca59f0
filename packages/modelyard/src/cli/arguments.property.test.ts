import { modelRequirementsSchema } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCommandArguments, REQUIREMENT_OPTIONS, requirementsFromOptions } from './arguments';

const price = fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true });

describe('requirementsFromOptions properties', () => {
  test('numbers given on the command line come back exactly, and the requirements are valid', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            minContext: fc.nat({ max: 10_000_000 }),
            maxInput: price,
            maxOutput: price,
            maxCost: price,
            maxLatency: price,
            minQuality: fc.double({ min: 0, max: 10, noNaN: true }),
          },
          { requiredKeys: [] },
        ),
        (given) => {
          const args: string[] = [];
          if (given.minContext !== undefined) args.push('--min-context', String(given.minContext));
          if (given.maxInput !== undefined) args.push('--max-input-price', String(given.maxInput));
          if (given.maxOutput !== undefined) args.push('--max-output-price', String(given.maxOutput));
          if (given.maxCost !== undefined) args.push('--max-cost', String(given.maxCost));
          if (given.maxLatency !== undefined) args.push('--max-latency', String(given.maxLatency));
          if (given.minQuality !== undefined) args.push('--min-quality', String(given.minQuality));
          const { values } = parseCommandArguments('select', args, REQUIREMENT_OPTIONS, false);
          const requirements = requirementsFromOptions('select', values);
          expect(requirements.minContextLength).toBe(given.minContext);
          expect(requirements.maxPricePerMillionTokens?.input).toBe(given.maxInput);
          expect(requirements.maxPricePerMillionTokens?.output).toBe(given.maxOutput);
          expect(requirements.maxCostPerRequest).toBe(given.maxCost);
          expect(requirements.maxLatencyMs).toBe(given.maxLatency);
          expect(requirements.minQuality).toBe(given.minQuality);
          expect(modelRequirementsSchema.safeParse(requirements).success).toBe(true);
        },
      ),
    );
  });
});
