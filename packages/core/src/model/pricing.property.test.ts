import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCost, type Pricing, type TokenCounts } from './pricing';

const price = fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.01, noNaN: true })), { nil: null });
const pricingArbitrary: fc.Arbitrary<Pricing> = fc.record({
  inputPerToken: price,
  outputPerToken: price,
  perRequest: price,
});
const count = fc.option(fc.oneof(fc.constant(0), fc.nat({ max: 2_000_000 })), { nil: null });
const tokensArbitrary: fc.Arbitrary<TokenCounts> = fc.record({ inputTokens: count, outputTokens: count });

function isPartUnknown(tokens: number | null, pricePerToken: number | null): boolean {
  return (pricePerToken === null && tokens !== 0) || (tokens === null && pricePerToken !== 0);
}

describe('estimateCost (properties)', () => {
  it('is never negative', () => {
    fc.assert(
      fc.property(pricingArbitrary, tokensArbitrary, (pricing, tokens) => {
        const cost = estimateCost(pricing, tokens);
        if (cost !== null) expect(cost).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('is null exactly when a part that is not zero is unknown', () => {
    fc.assert(
      fc.property(pricingArbitrary, tokensArbitrary, (pricing, tokens) => {
        const isUnknown =
          isPartUnknown(tokens.inputTokens, pricing.inputPerToken) ||
          isPartUnknown(tokens.outputTokens, pricing.outputPerToken) ||
          pricing.perRequest === null;
        expect(estimateCost(pricing, tokens) === null).toBe(isUnknown);
      }),
    );
  });

  it('is the sum of its parts when known', () => {
    fc.assert(
      fc.property(pricingArbitrary, tokensArbitrary, (pricing, tokens) => {
        const cost = estimateCost(pricing, tokens);
        fc.pre(cost !== null);
        const part = (n: number | null, p: number | null) => (n === 0 || p === 0 ? 0 : (n ?? 0) * (p ?? 0));
        const expected =
          part(tokens.inputTokens, pricing.inputPerToken) +
          part(tokens.outputTokens, pricing.outputPerToken) +
          (pricing.perRequest ?? 0);
        expect(cost).toBe(expected);
      }),
    );
  });

  it('never decreases when a token count grows', () => {
    const known = fc.double({ min: 0, max: 0.01, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({ inputPerToken: known, outputPerToken: known, perRequest: known }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        (pricing, input, output, moreInput, moreOutput) => {
          const base = estimateCost(pricing, { inputTokens: input, outputTokens: output });
          const grown = estimateCost(pricing, { inputTokens: input + moreInput, outputTokens: output + moreOutput });
          expect(base).not.toBeNull();
          expect(grown).toBeGreaterThanOrEqual(base ?? Number.POSITIVE_INFINITY);
        },
      ),
    );
  });
});
