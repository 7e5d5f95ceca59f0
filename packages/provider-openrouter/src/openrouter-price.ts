// OpenRouter lists prices as decimal strings in USD per token ("0.000003" is $3 per million
// tokens). They are read as they are written: no scaling, so a paid model never looks free.

// A plain decimal, optionally in exponent form; no sign (negative prices are OpenRouter's "-1",
// which means "varies by route", i.e. unknown).
const DECIMAL_PRICE = /^\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Reads one OpenRouter price (USD per token, or per request) into a number.
 *
 * `"0.000003"` → `0.000003` exactly (the nearest double to the decimal, as `Number` reads it).
 * `null` when the price is absent, unreadable or negative (OpenRouter writes `"-1"` for routers
 * whose price depends on the model chosen): an unknown price, which is never treated as free.
 * A finite number ≥ 0 is accepted as it is, for servers that send numbers.
 */
export function parsePriceString(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!DECIMAL_PRICE.test(trimmed)) return null;
  const price = Number(trimmed);
  return Number.isFinite(price) ? price : null;
}
