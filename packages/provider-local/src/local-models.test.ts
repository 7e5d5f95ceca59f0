import { modelInfoSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { effectiveContextSize, estimateContextLengths, LOCAL_PROVIDER_KIND, toModelInfo } from './local-models';
import type { ModelFacts } from './model-facts';

describe('effectiveContextSize', () => {
  it('caps the configured size at the trained length', () => {
    expect(effectiveContextSize(4096, 512)).toBe(512);
    expect(effectiveContextSize(4096, 4096)).toBe(4096);
    expect(effectiveContextSize(4096, 4097)).toBe(4096);
    expect(effectiveContextSize(4096, null)).toBe(4096);
  });
});

describe('estimateContextLengths', () => {
  it('defaults to the loading size and the trained length', () => {
    expect(estimateContextLengths(undefined, 4096, 131_072)).toEqual([4096, 131_072]);
    expect(estimateContextLengths(undefined, 512, 512)).toEqual([512]);
    expect(estimateContextLengths(undefined, 2048, null)).toEqual([2048]);
  });

  it('caps configured sizes at the trained length, sorted, without duplicates', () => {
    expect(estimateContextLengths([8192, 256, 512, 1024], 512, 512)).toEqual([256, 512]);
    expect(estimateContextLengths([8192, 256], 512, null)).toEqual([256, 8192]);
  });
});

const facts: ModelFacts = {
  architecture: 'llama',
  name: 'Tiny',
  description: 'A test model',
  parameterCount: 127_808,
  quantization: 'F32',
  trainContextLength: 512,
  chatTemplate: '{{ x }}',
  layerCount: 3,
  isSupported: true,
  estimateMemory: async (contextLength) => ({ contextLength, ramBytes: 1, vramBytes: 2 }),
};
const file = { modelId: 'family/tiny', path: '/m/family/tiny.gguf', sizeBytes: 521_056, modifiedAtMs: 1 };

describe('toModelInfo', () => {
  it('describes a local, free, streaming chat model with its weights and estimates', () => {
    const info = toModelInfo({
      providerId: 'local',
      file,
      facts,
      contextSize: 512,
      memoryEstimates: [{ contextLength: 512, ramBytes: 10, vramBytes: 20 }],
      isLoaded: true,
    });
    expect(modelInfoSchema.parse(info)).toEqual(info);
    expect(LOCAL_PROVIDER_KIND).toBe('local');
    expect(info).toMatchObject({
      providerId: 'local',
      modelId: 'family/tiny',
      providerKind: 'local',
      displayName: 'Tiny',
      description: 'A test model',
      locality: 'local',
      contextLength: 512,
      maxOutputTokens: null,
      pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      isFree: true,
      capabilities: ['chat', 'streaming', 'json', 'structured_output'],
      weights: {
        sizeBytes: 521_056,
        parameterCount: 127_808,
        quantization: 'F32',
        family: 'llama',
        format: 'gguf',
        memoryEstimates: [{ contextLength: 512, ramBytes: 10, vramBytes: 20 }],
      },
      isLoaded: true,
      providerMetadata: { path: '/m/family/tiny.gguf', trainContextLength: 512, chatTemplate: '{{ x }}' },
    });
  });

  it('names the model after its file when the metadata has no name, and marks long contexts', () => {
    const info = toModelInfo({
      providerId: 'box',
      file,
      facts: { ...facts, name: null, description: null },
      contextSize: 100_000,
      memoryEstimates: [],
      isLoaded: false,
    });
    expect(info.displayName).toBe('family/tiny');
    expect(info.description).toBeNull();
    expect(info.capabilities).toContain('long_context');
    expect(
      toModelInfo({ providerId: 'box', file, facts, contextSize: 99_999, memoryEstimates: [], isLoaded: false })
        .capabilities,
    ).not.toContain('long_context');
  });
});
