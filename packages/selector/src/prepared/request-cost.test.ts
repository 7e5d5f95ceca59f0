import { estimateCost, FREE_PRICING } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArbitrary } from '../test-support/arbitraries';
import { remoteModel } from '../test-support/fixtures';
import { prepareModels } from './prepared-models';
import { requestCostAt } from './request-cost';

const tokens = (inputTokens: number | null, outputTokens: number | null) => ({ inputTokens, outputTokens });

describe('requestCostAt', () => {
  const prepared = prepareModels([
    remoteModel('paid', { pricing: { inputPerToken: 1e-6, outputPerToken: 3e-6, perRequest: 0.002 } }),
    remoteModel('input-unknown', { pricing: { inputPerToken: null, outputPerToken: 3e-6, perRequest: 0 } }),
    remoteModel('no-request-price', { pricing: { inputPerToken: 1e-6, outputPerToken: 3e-6 } }),
    remoteModel('free', { isFree: true, pricing: {} }),
  ]);

  it('adds input × price, output × price and the request price', () => {
    // 1,000 × 1e-6 + 500 × 3e-6 + 0.002 = 0.001 + 0.0015 + 0.002.
    expect(requestCostAt(prepared, 0, tokens(1000, 500))).toBeCloseTo(0.0045, 15);
    expect(requestCostAt(prepared, 0, tokens(0, 0))).toBe(0.002);
  });

  it('is unknown when a price or a token count that matters is unknown', () => {
    expect(requestCostAt(prepared, 1, tokens(1000, 500))).toBeNaN();
    expect(requestCostAt(prepared, 1, tokens(0, 500))).toBeCloseTo(0.0015, 15);
    expect(requestCostAt(prepared, 0, tokens(null, 500))).toBeNaN();
    expect(requestCostAt(prepared, 0, tokens(1000, null))).toBeNaN();
    expect(requestCostAt(prepared, 2, tokens(1000, 500))).toBeNaN();
  });

  it('is 0 for a free model, whatever the counts', () => {
    expect(requestCostAt(prepared, 3, tokens(1000, 500))).toBe(0);
    expect(requestCostAt(prepared, 3, tokens(null, null))).toBe(0);
  });

  it("agrees with core's estimateCost on the effective prices", () => {
    const count = fc.option(fc.nat({ max: 100_000 }), { nil: null });
    fc.assert(
      fc.property(modelArbitrary, count, count, (model, inputTokens, outputTokens) => {
        const expected = estimateCost(model.isFree ? FREE_PRICING : model.pricing, { inputTokens, outputTokens });
        const actual = requestCostAt(prepareModels([model]), 0, { inputTokens, outputTokens });
        if (expected === null) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 15);
      }),
    );
  });
});
