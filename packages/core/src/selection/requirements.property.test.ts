import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelRequirementsInputArbitrary } from '../test-support/arbitraries';
import { modelRequirementsSchema } from './requirements';

describe('modelRequirementsSchema (properties)', () => {
  it('accepts what it emits: parse(parse(x)) equals parse(x)', () => {
    fc.assert(
      fc.property(modelRequirementsInputArbitrary, (input) => {
        const once = modelRequirementsSchema.parse(input);
        expect(modelRequirementsSchema.parse(once)).toEqual(once);
      }),
    );
  });

  it('keeps every field it was given, 0 included', () => {
    fc.assert(
      fc.property(modelRequirementsInputArbitrary, (input) => {
        expect(modelRequirementsSchema.parse(input)).toMatchObject(input);
      }),
    );
  });
});
