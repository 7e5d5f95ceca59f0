import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelsArbitrary, requirementsArbitrary } from '../test-support/arbitraries';
import { machine } from '../test-support/fixtures';
import { filterModels } from './filter-models';

const hardwareArbitrary = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 128 }))
    .map(([gpu, system]) => machine(gpu, system)),
  { nil: undefined },
);

describe('filterModels (properties)', () => {
  it('splits the input into accepted and rejected, each in input order', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, hardwareArbitrary, (models, requirements, hardware) => {
        const { accepted, rejected } = filterModels(models, requirements, { hardware });
        const rejectedModels = rejected.map((entry) => entry.model);
        expect(accepted.length + rejected.length).toBe(models.length);
        expect(models.filter((model) => accepted.includes(model))).toEqual(accepted);
        expect(models.filter((model) => rejectedModels.includes(model))).toEqual(rejectedModels);
        for (const entry of rejected) expect(entry.reasons.length).toBeGreaterThan(0);
      }),
    );
  });

  it('is idempotent: filtering the accepted models again accepts them all', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, hardwareArbitrary, (models, requirements, hardware) => {
        const once = filterModels(models, requirements, { hardware });
        expect(filterModels(once.accepted, requirements, { hardware })).toEqual({
          accepted: once.accepted,
          rejected: [],
        });
      }),
    );
  });

  it('judges each model on its own: order and company do not matter', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, (models, requirements) => {
        const together = filterModels(models, requirements).accepted;
        const alone = models.filter((model) => filterModels([model], requirements).accepted.length === 1);
        expect(together).toEqual(alone);
        expect(filterModels([...models].reverse(), requirements).accepted).toEqual([...together].reverse());
      }),
    );
  });
});
