import { modelInfoSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  architectureNumberOf,
  capabilitiesOf,
  loadedFactsOf,
  modalitiesOf,
  ollamaModelToInfo,
  parameterCountOf,
  parseParameterSize,
} from './ollama-models';

// /api/tags and /api/show of llama3.2 in Ollama's API documentation, with a newer server's
// capabilities list.
const TAGS_ENTRY = {
  name: 'llama3.2:latest',
  size: 2_019_393_189,
  digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
  modified_at: '2024-09-25T08:37:20.153405133-07:00',
  details: {
    format: 'gguf',
    family: 'llama',
    families: ['llama'],
    parameter_size: '3.2B',
    quantization_level: 'Q4_K_M',
  },
};
const SHOW = {
  details: TAGS_ENTRY.details,
  model_info: {
    'general.architecture': 'llama',
    'general.parameter_count': 3_212_749_888,
    'llama.block_count': 28,
    'llama.context_length': 131_072,
    'llama.embedding_length': 3072,
  },
  capabilities: ['completion', 'tools'],
};

describe('ollamaModelToInfo', () => {
  it('builds a model from /api/tags + /api/show, not loaded', () => {
    const info = ollamaModelToInfo({ entry: TAGS_ENTRY, show: SHOW, loaded: null }, 'ollama');
    expect(info).toEqual({
      providerId: 'ollama',
      modelId: 'llama3.2:latest',
      providerKind: 'ollama',
      description: null,
      locality: 'local',
      contextLength: 131_072,
      maxOutputTokens: null,
      pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      isFree: true,
      capabilities: ['chat', 'streaming', 'json', 'structured_output', 'tools', 'long_context'],
      modalities: { input: ['text'], output: ['text'] },
      weights: {
        sizeBytes: 2_019_393_189,
        parameterCount: 3_212_749_888,
        quantization: 'Q4_K_M',
        family: 'llama',
        format: 'gguf',
        memoryEstimates: [],
      },
      isLoaded: false,
      quality: null,
      safety: null,
      providerMetadata: {
        digest: TAGS_ENTRY.digest,
        modifiedAt: TAGS_ENTRY.modified_at,
        parameterSize: '3.2B',
        ollamaCapabilities: ['completion', 'tools'],
      },
    });
  });

  it('adds what /api/ps says of a loaded model: memory at its context window, and the expiry', () => {
    const loaded = loadedFactsOf({
      name: 'llama3.2:latest',
      size: 3_500_000_000,
      size_vram: 2_000_000_000,
      expires_at: '2026-01-01T00:05:00Z',
      context_length: 8192,
    });
    const info = ollamaModelToInfo({ entry: TAGS_ENTRY, show: SHOW, loaded }, 'ollama');
    expect(info.isLoaded).toBe(true);
    expect(info.weights?.memoryEstimates).toEqual([
      { contextLength: 8192, ramBytes: 3_500_000_000, vramBytes: 3_500_000_000 },
    ]);
    expect(info.providerMetadata.loaded).toEqual({
      sizeBytes: 3_500_000_000,
      vramBytes: 2_000_000_000,
      expiresAt: '2026-01-01T00:05:00Z',
      contextLength: 8192,
    });
  });

  it('leaves unknown what the server does not say: context length, loaded-ness, parameters', () => {
    const info = ollamaModelToInfo(
      {
        entry: { name: 'mystery', size: null, digest: null, modified_at: null, details: null },
        show: undefined,
        showError: 'ollama answered HTTP 500',
        loaded: undefined,
      },
      'ollama.box',
    );
    expect(info).toMatchObject({
      providerId: 'ollama.box',
      contextLength: null,
      isLoaded: null,
      capabilities: ['chat', 'streaming', 'json', 'structured_output'],
      weights: { sizeBytes: null, parameterCount: null, quantization: null, family: null, format: null },
      providerMetadata: { ollamaCapabilities: null, showError: 'ollama answered HTTP 500' },
    });
    expect(modelInfoSchema.safeParse(info).success).toBe(true);
  });

  it('describes an embedding model and a vision model by their capabilities', () => {
    const embedding = ollamaModelToInfo(
      {
        entry: { name: 'nomic-embed-text:latest', size: 274_302_450, details: { family: 'nomic-bert' } },
        show: {
          model_info: { 'general.architecture': 'nomic-bert', 'nomic-bert.context_length': 2048 },
          capabilities: ['embedding'],
        },
        loaded: null,
      },
      'ollama',
    );
    expect(embedding.capabilities).toEqual(['embeddings']);
    expect(embedding.modalities).toEqual({ input: ['text'], output: ['embedding'] });
    expect(embedding.contextLength).toBe(2048);
    const vision = ollamaModelToInfo(
      { entry: { name: 'gemma3:4b' }, show: { capabilities: ['completion', 'vision', 'thinking'] }, loaded: null },
      'ollama',
    );
    expect(vision.capabilities).toEqual(['chat', 'streaming', 'json', 'structured_output', 'vision', 'reasoning']);
    expect(vision.modalities).toEqual({ input: ['text', 'image'], output: ['text'] });
  });
});

describe('parseParameterSize', () => {
  it.each([
    ['8.0B', 8_000_000_000],
    ['1.2B', 1_200_000_000],
    ['3.2B', 3_200_000_000],
    ['270M', 270_000_000],
    ['7b', 7_000_000_000],
    [' 22M ', 22_000_000],
    ['1.5T', 1_500_000_000_000],
    ['110K', 110_000],
  ])('reads %s as %i parameters', (text, count) => {
    expect(parseParameterSize(text)).toBe(count);
  });

  it.each([['8B params'], ['B'], [''], ['-1B'], ['1.2.3B'], ['12']])('does not read %j', (text) => {
    expect(parseParameterSize(text)).toBeNull();
  });

  it('reads nothing from nothing', () => {
    expect(parseParameterSize(null)).toBeNull();
    expect(parseParameterSize(undefined)).toBeNull();
  });
});

describe('architectureNumberOf and parameterCountOf', () => {
  it('reads the key of the named architecture, and only that one', () => {
    const info = { 'general.architecture': 'qwen2', 'qwen2.context_length': 32_768, 'llama.context_length': 4096 };
    expect(architectureNumberOf(info, 'context_length')).toBe(32_768);
    expect(architectureNumberOf({ 'general.architecture': 'qwen2' }, 'context_length')).toBeNull();
  });

  it('without a named architecture, reads the only key with the suffix, else nothing', () => {
    expect(architectureNumberOf({ 'phi3.block_count': 32 }, 'block_count')).toBe(32);
    expect(architectureNumberOf({ 'a.block_count': 32, 'b.block_count': 40 }, 'block_count')).toBeNull();
    expect(architectureNumberOf(null, 'block_count')).toBeNull();
    expect(architectureNumberOf(undefined, 'block_count')).toBeNull();
  });

  it('accepts only positive integers', () => {
    for (const value of [0, -5, 1.5, '4096', Number.NaN]) {
      expect(
        architectureNumberOf({ 'general.architecture': 'x', 'x.context_length': value }, 'context_length'),
      ).toBeNull();
    }
  });

  it('prefers general.parameter_count, and falls back to parameter_size', () => {
    expect(parameterCountOf({ model_info: { 'general.parameter_count': 123 } }, '8B')).toBe(123);
    expect(parameterCountOf({ model_info: { 'general.parameter_count': 'many' } }, '8B')).toBe(8_000_000_000);
    expect(parameterCountOf(undefined, undefined)).toBeNull();
  });
});

describe('capabilitiesOf and modalitiesOf', () => {
  it('counts long_context from 100,000 tokens', () => {
    expect(capabilitiesOf(['completion'], 99_999)).not.toContain('long_context');
    expect(capabilitiesOf(['completion'], 100_000)).toContain('long_context');
    expect(capabilitiesOf([], null)).toEqual([]);
    expect(capabilitiesOf(['insert', 'completion'], null)).toEqual(['chat', 'streaming', 'json', 'structured_output']);
  });

  it('outputs text when nothing else is known', () => {
    expect(modalitiesOf([])).toEqual({ input: ['text'], output: ['text'] });
    expect(modalitiesOf(['chat', 'embeddings'])).toEqual({ input: ['text'], output: ['text', 'embedding'] });
  });
});

describe('loadedFactsOf', () => {
  it('keeps what is well-formed and drops the rest', () => {
    expect(
      loadedFactsOf({
        name: 'm',
        size: -1,
        size_vram: Number.POSITIVE_INFINITY,
        expires_at: 'soon',
        context_length: 0,
      }),
    ).toEqual({ sizeBytes: null, vramBytes: null, expiresAt: null, contextLength: null });
    const zero = loadedFactsOf({ name: 'm', size: 0, size_vram: 0, context_length: 2048 });
    expect(zero).toEqual({ sizeBytes: 0, vramBytes: 0, expiresAt: null, contextLength: 2048 });
    const info = ollamaModelToInfo({ entry: { name: 'm' }, show: undefined, loaded: zero }, 'ollama');
    // A size of 0 bytes is no measurement of memory.
    expect(info.weights?.memoryEstimates).toEqual([]);
  });
});
