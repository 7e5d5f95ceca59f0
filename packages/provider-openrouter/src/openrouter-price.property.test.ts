import { formatPriceString } from '@modelyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePriceString } from './openrouter-price';

// Prices between $0 and $1,000 per token, in the decimal form OpenRouter writes.
const priceArbitrary = fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true });

describe('parsePriceString (properties)', () => {
  it('reads back what OpenRouter writes, to the 12 decimals it writes', () => {
    fc.assert(
      fc.property(priceArbitrary, (usd) => {
        const parsed = parsePriceString(formatPriceString(usd));
        expect(parsed).not.toBeNull();
        expect(Math.abs((parsed as number) - usd)).toBeLessThanOrEqual(5e-13 + usd * Number.EPSILON * 4);
      }),
    );
  });

  it('reads a decimal string exactly as Number does: no scaling, ever', () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999_999 }), fc.integer({ min: 0, max: 12 }), (digits, scale) => {
        const text = scale === 0 ? String(digits) : `0.${String(digits).padStart(scale, '0').slice(-scale)}`;
        expect(parsePriceString(text)).toBe(Number(text));
      }),
    );
  });

  it('is monotonic: a higher written price never reads lower', () => {
    fc.assert(
      fc.property(priceArbitrary, priceArbitrary, (first, second) => {
        const [low, high] = first <= second ? [first, second] : [second, first];
        const lowRead = parsePriceString(formatPriceString(low)) as number;
        const highRead = parsePriceString(formatPriceString(high)) as number;
        expect(lowRead).toBeLessThanOrEqual(highRead);
      }),
    );
  });

  it('never yields a negative, NaN or infinite price, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parsePriceString(text);
        if (parsed !== null) {
          expect(Number.isFinite(parsed)).toBe(true);
          expect(parsed).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
