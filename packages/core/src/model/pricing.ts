import { z } from 'zod';

/** A price in USD: finite and ≥ 0, or `null` when the provider did not say. Unknown is not free. */
const priceSchema = z.number().finite().min(0).nullable();

/**
 * What a model costs, in USD. `null` means unknown, which is never treated as free.
 * Prices are per single token (OpenRouter's unit), not per million; see
 * {@link pricePerMillionTokens} for the friendlier unit.
 */
export const pricingSchema = z.object({
  /** USD per input (prompt) token. */
  inputPerToken: priceSchema.default(null),
  /** USD per output (completion) token. */
  outputPerToken: priceSchema.default(null),
  /** USD per request, on top of token prices (some providers charge it). */
  perRequest: priceSchema.default(null),
});

/** What a model costs, in USD; see {@link pricingSchema}. */
export type Pricing = z.output<typeof pricingSchema>;

/** A pricing with every price unknown. */
export const UNKNOWN_PRICING: Readonly<Pricing> = Object.freeze({
  inputPerToken: null,
  outputPerToken: null,
  perRequest: null,
});

/** A pricing of a model that costs nothing. */
export const FREE_PRICING: Readonly<Pricing> = Object.freeze({ inputPerToken: 0, outputPerToken: 0, perRequest: 0 });

/** USD per token → USD per million tokens (`null` stays `null`). */
export function pricePerMillionTokens(pricePerToken: number | null): number | null {
  return pricePerToken === null ? null : pricePerToken * 1_000_000;
}

/** Token counts of one call; `null` when the server did not report them. */
export interface TokenCounts {
  inputTokens: number | null;
  outputTokens: number | null;
}

/**
 * The cost of one call in USD from its token counts: input × input price + output × output price
 * + the per-request price. Returns `null` when any part that matters is unknown (a price is
 * `null` while its token count is non-zero, or a token count is unknown while its price is
 * non-zero). A known zero never makes the cost unknown.
 */
export function estimateCost(pricing: Pricing, tokens: TokenCounts): number | null {
  const part = (count: number | null, price: number | null): number | null => {
    if (price === 0 || count === 0) return 0;
    if (price === null || count === null) return null;
    return count * price;
  };
  const input = part(tokens.inputTokens, pricing.inputPerToken);
  const output = part(tokens.outputTokens, pricing.outputPerToken);
  if (input === null || output === null || pricing.perRequest === null) return null;
  return input + output + pricing.perRequest;
}
