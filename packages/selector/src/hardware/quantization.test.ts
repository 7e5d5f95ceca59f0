import { describe, expect, it } from 'vitest';
import { bitsPerWeight } from './quantization';

describe('bitsPerWeight', () => {
  it.each([
    ['F32', 32],
    ['FP32', 32],
    ['F16', 16],
    ['FP16', 16],
    ['BF16', 16],
    ['Q8_0', 8.5],
    ['Q6_K', 6.5625],
    ['Q5_K_M', 5.69],
    ['Q5_K_S', 5.54],
    ['Q4_K_M', 4.89],
    ['Q4_K_S', 4.58],
    ['Q3_K_L', 4.27],
    ['Q3_K_M', 3.91],
    ['Q3_K_S', 3.5],
    ['Q2_K', 3.35],
  ])('knows %s: %d bits', (name, bits) => {
    expect(bitsPerWeight(name)).toBe(bits);
  });

  it('reads names in any case and with spaces around', () => {
    expect(bitsPerWeight('q4_k_m')).toBe(4.89);
    expect(bitsPerWeight('  Q8_0 ')).toBe(8.5);
    expect(bitsPerWeight('bf16')).toBe(16);
  });

  it.each([
    ['Q5_0', 5.5],
    ['Q4_1', 4.5],
    ['IQ4_XS', 4.5],
    ['IQ2_XXS', 2.5],
    ['Q6', 6.5],
    ['4bit', 4.5],
    ['8-bit', 8.5],
    ['3 bits', 3.5],
    ['6_BIT', 6.5],
    ['16bit', 16.5],
  ])('counts the other llama.cpp and <n>bit names as n + 0.5: %s → %d', (name, bits) => {
    expect(bitsPerWeight(name)).toBe(bits);
  });

  it.each(['GPTQ', 'AWQ', 'Q', 'Q4X', 'XQ4_0', '4bitx', 'awq4bit', 'bit', ''])('does not know %j', (name) => {
    expect(bitsPerWeight(name)).toBeNull();
  });
});
