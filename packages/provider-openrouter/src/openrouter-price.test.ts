import { describe, expect, it } from 'vitest';
import { parsePriceString } from './openrouter-price';

describe('parsePriceString', () => {
  it('reads a decimal string in USD per token as it is written, without scaling', () => {
    // $3 per million input tokens: TTA divided this by 2,000,000 and listed the model as free.
    expect(parsePriceString('0.000003')).toBe(3e-6);
    expect(parsePriceString('0.000015')).toBe(0.000015);
    expect(parsePriceString('0.0000001')).toBe(1e-7);
    expect(parsePriceString('1')).toBe(1);
    expect(parsePriceString('12.5')).toBe(12.5);
  });

  it('keeps 0 as a known price of nothing', () => {
    expect(parsePriceString('0')).toBe(0);
    expect(parsePriceString('0.0')).toBe(0);
    expect(parsePriceString('0.000000')).toBe(0);
  });

  it('reads exponent notation and surrounding spaces', () => {
    expect(parsePriceString('3e-6')).toBe(3e-6);
    expect(parsePriceString('3E-6')).toBe(3e-6);
    expect(parsePriceString('1.5e+1')).toBe(15);
    expect(parsePriceString('1e2')).toBe(100);
    expect(parsePriceString('3e-10')).toBe(3e-10);
    expect(parsePriceString(' 0.000003 ')).toBe(3e-6);
  });

  it('accepts a finite number ≥ 0 as it is', () => {
    expect(parsePriceString(0.000002)).toBe(0.000002);
    expect(parsePriceString(0)).toBe(0);
  });

  it.each([
    ['-1', "OpenRouter's 'varies by route'"],
    ['-0.000003', 'a negative price'],
    ['', 'an empty string'],
    ['   ', 'blanks'],
    ['free', 'a word'],
    ['$0.01', 'a currency sign'],
    ['0,000003', 'a decimal comma'],
    ['.5', 'no leading digit'],
    ['5.', 'no digit after the point'],
    ['1e', 'an unfinished exponent'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['0x10', 'hexadecimal'],
    ['1e400', 'a value beyond a double'],
  ])('reads %j (%s) as unknown (null)', (text) => {
    expect(parsePriceString(text)).toBeNull();
  });

  it.each([[null], [undefined], [-0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'reads %s as unknown (null)',
    (value) => {
      expect(parsePriceString(value)).toBeNull();
    },
  );
});
