/**
 * Relative slack when comparing prices and costs with a cap: `5.7e-7 × 1e6` is
 * `0.5700000000000001`, and a price at exactly the cap must pass.
 */
export const PRICE_TOLERANCE = 1e-9;

/**
 * The largest value that passes a cap, tolerance included: compiled once per request, so that
 * checking a model is one comparison. A cap of 0 allows only 0; no cap allows anything.
 *
 * @param cap the cap as the request states it.
 * @param unit how many of the compared unit make one of the cap's (1e6 tokens per million).
 */
export function capLimit(cap: number | undefined, unit = 1): number {
  return cap === undefined ? Number.POSITIVE_INFINITY : (cap * (1 + PRICE_TOLERANCE)) / unit;
}
