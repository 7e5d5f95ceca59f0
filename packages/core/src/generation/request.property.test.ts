import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRequestArbitrary } from '../test-support/arbitraries';
import { generateRequestSchema } from './request';

describe('generateRequestSchema (properties)', () => {
  it('accepts what it emits: parse(parse(x)) equals parse(x)', () => {
    fc.assert(
      fc.property(generateRequestArbitrary, (request) => {
        const once = generateRequestSchema.parse(request);
        expect(generateRequestSchema.parse(once)).toEqual(once);
      }),
    );
  });

  it('passes every option through unchanged', () => {
    fc.assert(
      fc.property(generateRequestArbitrary, (request) => {
        expect(generateRequestSchema.parse(request)).toEqual(request);
      }),
    );
  });
});
