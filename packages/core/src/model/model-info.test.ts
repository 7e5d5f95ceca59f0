import { describe, expect, it } from 'vitest';
import { ConfigError, parseWithSchema } from '../errors/config-error';
import { CAPABILITIES, capabilitySchema, LONG_CONTEXT_TOKENS, MODALITIES, modalitySchema } from './capabilities';
import { memoryEstimateSchema, modelDisplayName, modelInfoSchema, modelWeightsSchema, scoreSchema } from './model-info';

const minimal = { providerId: 'ollama', modelId: 'llama3.1:8b', providerKind: 'ollama', locality: 'local' } as const;

function messageOf(input: unknown): string {
  try {
    parseWithSchema(modelInfoSchema, input, 'ModelInfo');
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('capabilities and modalities', () => {
  it('have the documented vocabularies', () => {
    expect(CAPABILITIES).toEqual([
      'chat',
      'streaming',
      'tools',
      'json',
      'structured_output',
      'vision',
      'audio',
      'embeddings',
      'reasoning',
      'code',
      'long_context',
    ]);
    expect(MODALITIES).toEqual(['text', 'image', 'audio', 'video', 'file', 'embedding']);
    expect(LONG_CONTEXT_TOKENS).toBe(100_000);
    expect(capabilitySchema.safeParse('function_calling').success).toBe(false);
    expect(modalitySchema.safeParse('text').success).toBe(true);
  });
});

describe('modelInfoSchema', () => {
  it('fills every default from the four required fields', () => {
    expect(modelInfoSchema.parse(minimal)).toEqual({
      providerId: 'ollama',
      modelId: 'llama3.1:8b',
      providerKind: 'ollama',
      description: null,
      locality: 'local',
      contextLength: null,
      maxOutputTokens: null,
      pricing: { inputPerToken: null, outputPerToken: null, perRequest: null },
      isFree: false,
      capabilities: ['chat'],
      modalities: { input: ['text'], output: ['text'] },
      weights: null,
      isLoaded: null,
      quality: null,
      safety: null,
      providerMetadata: {},
    });
    expect(modelInfoSchema.parse(minimal)).not.toHaveProperty('displayName');
  });

  it('fills the defaults of a partial pricing and of weights', () => {
    const model = modelInfoSchema.parse({ ...minimal, pricing: { inputPerToken: 0.000001 }, weights: {} });
    expect(model.pricing).toEqual({ inputPerToken: 0.000001, outputPerToken: null, perRequest: null });
    expect(model.weights).toEqual({
      sizeBytes: null,
      parameterCount: null,
      quantization: null,
      family: null,
      format: null,
      memoryEstimates: [],
    });
  });

  it('does not share default arrays between parsed models', () => {
    const first = modelInfoSchema.parse(minimal);
    first.modalities.input.push('image');
    first.capabilities.push('tools');
    first.providerMetadata.touched = true;
    const second = modelInfoSchema.parse(minimal);
    expect(second.modalities).toEqual({ input: ['text'], output: ['text'] });
    expect(second.capabilities).toEqual(['chat']);
    expect(second.providerMetadata).toEqual({});
  });

  it('keeps 0 prices, a free model, and every given fact', () => {
    const input = {
      ...minimal,
      displayName: 'Llama 3.1 8B',
      description: 'A small model.',
      contextLength: 131_072,
      maxOutputTokens: 131_072,
      pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      isFree: true,
      capabilities: ['chat', 'streaming', 'tools'],
      modalities: { input: ['text', 'image'], output: ['text'] },
      weights: {
        sizeBytes: 4_920_000_000,
        parameterCount: 8e9,
        quantization: 'Q4_K_M',
        family: 'llama',
        format: 'gguf',
        memoryEstimates: [{ contextLength: 8192, ramBytes: 6e9, vramBytes: 5.5e9 }],
      },
      isLoaded: false,
      quality: { value: 0, source: 'user' },
      safety: { value: 10, source: 'modelyard-defaults' },
      providerMetadata: { digest: 'sha256:abc' },
    };
    expect(modelInfoSchema.parse(input)).toEqual(input);
  });

  it('strips unknown fields instead of rejecting them', () => {
    expect(modelInfoSchema.parse({ ...minimal, fromANewerSpec: 1 })).not.toHaveProperty('fromANewerSpec');
  });

  it('rejects a free model with a positive price, naming the price', () => {
    expect(messageOf({ ...minimal, isFree: true, pricing: { inputPerToken: 0.000001, perRequest: 0.01 } })).toBe(
      [
        'Invalid ModelInfo:',
        '  - pricing.inputPerToken: expected a price of 0 or null, because isFree is true, received 0.000001',
        '  - pricing.perRequest: expected a price of 0 or null, because isFree is true, received 0.01',
      ].join('\n'),
    );
    expect(modelInfoSchema.safeParse({ ...minimal, isFree: true, pricing: { outputPerToken: 0 } }).success).toBe(true);
    expect(modelInfoSchema.safeParse({ ...minimal, isFree: false, pricing: { outputPerToken: 1 } }).success).toBe(true);
  });

  it('rejects maxOutputTokens above contextLength', () => {
    expect(messageOf({ ...minimal, contextLength: 4096, maxOutputTokens: 4097 })).toBe(
      'Invalid ModelInfo:\n  - maxOutputTokens: expected at most contextLength (4096), received 4097',
    );
    expect(modelInfoSchema.safeParse({ ...minimal, contextLength: null, maxOutputTokens: 4097 }).success).toBe(true);
  });

  it('rejects duplicate capabilities', () => {
    expect(messageOf({ ...minimal, capabilities: ['chat', 'tools', 'chat'] })).toBe(
      'Invalid ModelInfo:\n  - capabilities: expected capabilities without duplicates, received an array of 3',
    );
  });

  it('rejects facts out of range', () => {
    expect(
      messageOf({
        ...minimal,
        contextLength: 0,
        maxOutputTokens: 1.5,
        capabilities: ['chat', 'telepathy'],
        modalities: { input: [], output: ['text'] },
        quality: { value: 11, source: '' },
      }),
    ).toBe(
      [
        'Invalid ModelInfo:',
        '  - contextLength: expected a number ≥ 1, received 0',
        '  - maxOutputTokens: expected an integer, received 1.5',
        '  - capabilities[1]: expected one of "chat", "streaming", "tools", "json", "structured_output", "vision", "audio", "embeddings", "reasoning", "code", "long_context", received "telepathy"',
        '  - modalities.input: expected ≥ 1 items, received an array of 0',
        '  - quality.value: expected a number ≤ 10, received 11',
        '  - quality.source: expected a string of ≥ 1 characters, received ""',
      ].join('\n'),
    );
  });

  it('requires the identity, kind and locality', () => {
    expect(messageOf({})).toBe(
      [
        'Invalid ModelInfo:',
        '  - providerId: expected a string, received nothing (undefined)',
        '  - modelId: expected a string, received nothing (undefined)',
        '  - providerKind: expected a string, received nothing (undefined)',
        '  - locality: expected one of "local", "remote", received nothing (undefined)',
      ].join('\n'),
    );
  });
});

describe('parts of a model', () => {
  it('scoreSchema, memoryEstimateSchema, modelWeightsSchema bounds', () => {
    expect(scoreSchema.safeParse({ value: 0, source: 'x' }).success).toBe(true);
    expect(scoreSchema.safeParse({ value: -0.1, source: 'x' }).success).toBe(false);
    expect(memoryEstimateSchema.safeParse({ contextLength: 1, ramBytes: 0, vramBytes: 0 }).success).toBe(true);
    expect(memoryEstimateSchema.safeParse({ contextLength: 0, ramBytes: 0, vramBytes: 0 }).success).toBe(false);
    expect(modelWeightsSchema.safeParse({ sizeBytes: -1 }).success).toBe(false);
    expect(modelWeightsSchema.safeParse({ quantization: '' }).success).toBe(false);
  });

  it('modelDisplayName: the display name, else the id', () => {
    expect(modelDisplayName({ displayName: 'Llama 3.1 8B', modelId: 'llama3.1:8b' })).toBe('Llama 3.1 8B');
    expect(modelDisplayName({ displayName: undefined, modelId: 'llama3.1:8b' })).toBe('llama3.1:8b');
  });
});
