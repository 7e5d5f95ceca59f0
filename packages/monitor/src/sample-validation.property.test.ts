import { callSampleSchema } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInvalidField, findInvalidIdentityField } from './sample-validation';
import { sampleArbitrary } from './test-support/samples';

const FIELDS = [
  'model',
  'outcome',
  'timestamp',
  'latencyMs',
  'timeToFirstTokenMs',
  'inputTokens',
  'outputTokens',
  'tokensPerSecond',
  'costUsd',
  'task',
  'isStreaming',
] as const;

// Values that trip naive checks: NaN, infinities, negative zero, numeric strings, fractions, huge ints.
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    -1,
    0.5,
    2 ** 53,
    '',
    '5',
    'ok',
    'timeout',
    true,
    [],
    {},
  ),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.record({ providerId: fc.string(), modelId: fc.string() }),
);

function isAccepted(sample: unknown): boolean {
  if (findInvalidField(sample) !== undefined) return false;
  const { providerId, modelId } = (sample as { model: { providerId: string; modelId: string } }).model;
  return findInvalidIdentityField(providerId, modelId) === undefined;
}

describe('sample validation properties', () => {
  it("accepts exactly what core's callSampleSchema accepts", () => {
    fc.assert(
      fc.property(
        sampleArbitrary(0, 1_000_000),
        fc.array(fc.tuple(fc.constantFrom(...FIELDS), oddValue), { maxLength: 2 }),
        (sample, changes) => {
          const changed: Record<string, unknown> = { ...sample };
          for (const [field, value] of changes) changed[field] = value;
          expect(isAccepted(changed)).toBe(callSampleSchema.safeParse(changed).success);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
