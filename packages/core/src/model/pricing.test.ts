import { describe, expect, it } from 'vitest';
import {
  estimateCost,
  FREE_PRICING,
  type Pricing,
  pricePerMillionTokens,
  pricingSchema,
  UNKNOWN_PRICING,
} from './pricing';

const llamaPricing: Pricing = { inputPerToken: 0.000001, outputPerToken: 0.000002, perRequest: 0 };

describe('pricingSchema', () => {
  it('defaults every price to null (unknown), and keeps 0', () => {
    expect(pricingSchema.parse({})).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: null });
    expect(pricingSchema.parse({ inputPerToken: 0 })).toEqual({
      inputPerToken: 0,
      outputPerToken: null,
      perRequest: null,
    });
  });

  it.each([[-0.000001], [Number.POSITIVE_INFINITY], [Number.NaN], ['0.1']])('rejects the price %s', (price) => {
    expect(pricingSchema.safeParse({ inputPerToken: price }).success).toBe(false);
  });
});

describe('pricing constants', () => {
  it('UNKNOWN_PRICING is all null and FREE_PRICING all 0, both frozen', () => {
    expect(UNKNOWN_PRICING).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: null });
    expect(FREE_PRICING).toEqual({ inputPerToken: 0, outputPerToken: 0, perRequest: 0 });
    expect(Object.isFrozen(UNKNOWN_PRICING)).toBe(true);
    expect(Object.isFrozen(FREE_PRICING)).toBe(true);
  });
});

describe('pricePerMillionTokens', () => {
  it('multiplies by a million and keeps null', () => {
    expect(pricePerMillionTokens(0.000002)).toBeCloseTo(2, 12);
    expect(pricePerMillionTokens(0)).toBe(0);
    expect(pricePerMillionTokens(null)).toBeNull();
  });
});

describe('estimateCost', () => {
  it('1000 input × 0.000001 + 500 output × 0.000002 + 0 per request = 0.002', () => {
    expect(estimateCost(llamaPricing, { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(0.002, 15);
  });

  it('adds the per-request price', () => {
    expect(estimateCost({ ...llamaPricing, perRequest: 0.01 }, { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(
      0.012,
      15,
    );
  });

  it('costs exactly 0 for a free model, whatever the counts, even unknown ones', () => {
    expect(estimateCost(FREE_PRICING, { inputTokens: 123_456, outputTokens: 789 })).toBe(0);
    expect(estimateCost(FREE_PRICING, { inputTokens: null, outputTokens: null })).toBe(0);
  });

  it('an unknown price does not matter when its token count is 0', () => {
    expect(estimateCost({ ...llamaPricing, outputPerToken: null }, { inputTokens: 1000, outputTokens: 0 })).toBeCloseTo(
      0.001,
      15,
    );
  });

  it('an unknown count does not matter when its price is 0', () => {
    expect(estimateCost({ ...llamaPricing, inputPerToken: 0 }, { inputTokens: null, outputTokens: 500 })).toBeCloseTo(
      0.001,
      15,
    );
  });

  it.each<[string, Pricing, { inputTokens: number | null; outputTokens: number | null }]>([
    ['the input price is unknown', { ...llamaPricing, inputPerToken: null }, { inputTokens: 1, outputTokens: 0 }],
    ['the output price is unknown', { ...llamaPricing, outputPerToken: null }, { inputTokens: 0, outputTokens: 1 }],
    ['the per-request price is unknown', { ...FREE_PRICING, perRequest: null }, { inputTokens: 0, outputTokens: 0 }],
    ['the input count is unknown', llamaPricing, { inputTokens: null, outputTokens: 500 }],
    ['the output count is unknown', llamaPricing, { inputTokens: 1000, outputTokens: null }],
    ['everything is unknown', UNKNOWN_PRICING, { inputTokens: 10, outputTokens: 10 }],
  ])('is null when %s', (_label, pricing, tokens) => {
    expect(estimateCost(pricing, tokens)).toBeNull();
  });
});
