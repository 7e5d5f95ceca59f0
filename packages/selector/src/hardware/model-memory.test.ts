import { modelWeightsSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  estimateModelMemory,
  formulaTerms,
  KV_CACHE_BYTES_PER_SQRT_PARAMETER,
  RUNTIME_OVERHEAD_SHARE,
  UNKNOWN_QUANTIZATION_BITS,
} from './model-memory';

const weights = (input: Parameters<typeof modelWeightsSchema.parse>[0]) => modelWeightsSchema.parse(input);

describe('constants', () => {
  it('documents the formula', () => {
    expect(UNKNOWN_QUANTIZATION_BITS).toBe(16);
    expect(RUNTIME_OVERHEAD_SHARE).toBe(0.1);
    expect(KV_CACHE_BYTES_PER_SQRT_PARAMETER).toBe(1.5);
  });
});

describe('formulaTerms', () => {
  it('uses the size and the parameter count when both are known', () => {
    // 1e10 parameters: √ = 1e5, × 1.5 = 150,000 bytes per token; 5e9 bytes × 1.1 = 5.5e9.
    expect(formulaTerms(weights({ sizeBytes: 5e9, parameterCount: 1e10, quantization: 'Q4_K_M' }))).toEqual({
      baseBytes: 5.5e9,
      kvCacheBytesPerToken: 150_000,
    });
  });

  it('derives the size from parameters × bits / 8', () => {
    // 4e9 parameters × 8.5 bits / 8 = 4.25e9 bytes, × 1.1 = 4.675e9; √4e9 × 1.5 = 94,868.33.
    const terms = formulaTerms(weights({ parameterCount: 4e9, quantization: 'Q8_0' }));
    expect(terms?.baseBytes).toBeCloseTo(4.675e9, 0);
    expect(terms?.kvCacheBytesPerToken).toBeCloseTo(1.5 * Math.sqrt(4e9), 6);
  });

  it('derives the parameters from size × 8 / bits', () => {
    // 2e9 bytes at 16 bits (unknown quantization) = 1e9 parameters: √ = 31,622.78, × 1.5 = 47,434.16.
    const terms = formulaTerms(weights({ sizeBytes: 2e9 }));
    expect(terms?.baseBytes).toBeCloseTo(2.2e9, 0);
    expect(terms?.kvCacheBytesPerToken).toBeCloseTo(1.5 * Math.sqrt(1e9), 6);
    // 2e9 bytes at 4 bits ("4bit" = 4.5) = 2e9 × 8 / 4.5 parameters.
    expect(formulaTerms(weights({ sizeBytes: 2e9, quantization: '4bit' }))?.kvCacheBytesPerToken).toBeCloseTo(
      1.5 * Math.sqrt((2e9 * 8) / 4.5),
      6,
    );
  });

  it('assumes 16 bits for an unknown quantization name', () => {
    expect(formulaTerms(weights({ parameterCount: 1e9, quantization: 'GPTQ' }))?.baseBytes).toBeCloseTo(2.2e9, 0);
    expect(formulaTerms(weights({ parameterCount: 1e9 }))?.baseBytes).toBeCloseTo(2.2e9, 0);
  });

  it('keeps 0 as a size', () => {
    expect(formulaTerms(weights({ sizeBytes: 0, parameterCount: 0 }))).toEqual({
      baseBytes: 0,
      kvCacheBytesPerToken: 0,
    });
  });

  it('is null when neither size nor parameters are known', () => {
    expect(formulaTerms(weights({ quantization: 'Q4_K_M', family: 'llama' }))).toBeNull();
  });
});

describe('estimateModelMemory', () => {
  const estimates = [
    { contextLength: 8192, ramBytes: 8e9, vramBytes: 7e9 },
    { contextLength: 2048, ramBytes: 6e9, vramBytes: 5e9 },
    { contextLength: 32_768, ramBytes: 12e9, vramBytes: 11e9 },
  ];

  it('is null without weights or without anything to estimate from', () => {
    expect(estimateModelMemory(null, 4096)).toBeNull();
    expect(estimateModelMemory(weights({}), 4096)).toBeNull();
  });

  it('takes the provider estimate with the smallest context that covers the request', () => {
    const known = weights({ memoryEstimates: estimates, sizeBytes: 1 });
    expect(estimateModelMemory(known, 2047)).toEqual({ ramBytes: 6e9, vramBytes: 5e9, source: 'provider_estimate' });
    expect(estimateModelMemory(known, 2048)).toEqual({ ramBytes: 6e9, vramBytes: 5e9, source: 'provider_estimate' });
    expect(estimateModelMemory(known, 2049)).toEqual({ ramBytes: 8e9, vramBytes: 7e9, source: 'provider_estimate' });
    expect(estimateModelMemory(known, 8192)).toEqual({ ramBytes: 8e9, vramBytes: 7e9, source: 'provider_estimate' });
    expect(estimateModelMemory(known, 32_768)).toEqual({
      ramBytes: 12e9,
      vramBytes: 11e9,
      source: 'provider_estimate',
    });
  });

  it('keeps the first of two estimates at the same context', () => {
    const twins = weights({
      memoryEstimates: [
        { contextLength: 4096, ramBytes: 1, vramBytes: 1 },
        { contextLength: 4096, ramBytes: 2, vramBytes: 2 },
      ],
    });
    expect(estimateModelMemory(twins, 4096)?.ramBytes).toBe(1);
    expect(estimateModelMemory(twins, 8192)?.ramBytes).toBe(1);
  });

  it('falls back to the largest estimate wherever it is in the list', () => {
    const largestFirst = weights({
      memoryEstimates: [
        { contextLength: 32_768, ramBytes: 12e9, vramBytes: 11e9 },
        { contextLength: 2048, ramBytes: 6e9, vramBytes: 5e9 },
      ],
    });
    expect(estimateModelMemory(largestFirst, 65_536)?.ramBytes).toBe(12e9);
  });

  it('uses the formula beyond the largest estimate when it can', () => {
    // 1e10 bytes × 1.1 + 150,000 × 40,000 tokens = 1.1e10 + 6e9.
    const known = weights({ memoryEstimates: estimates, sizeBytes: 1e10, parameterCount: 1e10 });
    expect(estimateModelMemory(known, 40_000)).toEqual({ ramBytes: 1.7e10, vramBytes: 1.7e10, source: 'formula' });
  });

  it('falls back to the largest estimate when the formula has nothing to go on', () => {
    expect(estimateModelMemory(weights({ memoryEstimates: estimates }), 40_000)).toEqual({
      ramBytes: 12e9,
      vramBytes: 11e9,
      source: 'provider_estimate',
    });
  });

  it('computes weights × 1.1 + KV cache × context', () => {
    // 5e9 × 1.1 + 150,000 × 4096 = 5.5e9 + 614,400,000.
    expect(estimateModelMemory(weights({ sizeBytes: 5e9, parameterCount: 1e10 }), 4096)).toEqual({
      ramBytes: 6_114_400_000,
      vramBytes: 6_114_400_000,
      source: 'formula',
    });
    expect(estimateModelMemory(weights({ sizeBytes: 5e9, parameterCount: 1e10 }), 0)?.ramBytes).toBe(5.5e9);
  });
});
