import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelInfoInputArbitrary } from '../test-support/arbitraries';
import { modelInfoSchema } from './model-info';

describe('modelInfoSchema (properties)', () => {
  it('accepts what it emits: parse(parse(x)) equals parse(x)', () => {
    fc.assert(
      fc.property(modelInfoInputArbitrary, (input) => {
        const once = modelInfoSchema.parse(input);
        expect(modelInfoSchema.parse(once)).toEqual(once);
      }),
    );
  });

  it('keeps every field it was given', () => {
    fc.assert(
      fc.property(modelInfoInputArbitrary, (input) => {
        expect(modelInfoSchema.parse(input)).toMatchObject(input);
      }),
    );
  });
});
