import type { LLMInfo, LLMInstanceInfo } from '@lmstudio/sdk';
import { modelInfoSchema } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { capabilitiesOf, parseParameterCount, toModelInfo, toModelInfos } from './lmstudio-models';

const QWEN: LLMInfo = {
  type: 'llm',
  modelKey: 'qwen2.5-7b-instruct',
  format: 'gguf',
  displayName: 'Qwen2.5 7B Instruct',
  path: 'lmstudio-community/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
  sizeBytes: 4_683_073_952,
  paramsString: '7B',
  architecture: 'qwen2',
  quantization: { name: 'Q4_K_M', bits: 4 },
  vision: false,
  trainedForToolUse: true,
  maxContextLength: 32_768,
};

function instance(model: LLMInfo, identifier: string, contextLength: number): LLMInstanceInfo {
  return { ...model, identifier, instanceReference: `ref-${identifier}`, contextLength };
}

describe('parseParameterCount', () => {
  test.each([
    ['7B', 7_000_000_000],
    ['1.5B', 1_500_000_000],
    ['33M', 33_000_000],
    ['0.5b', 500_000_000],
    ['1.1B', 1_100_000_000],
    ['30B-A3B', 30_000_000_000],
    ['2T', 2_000_000_000_000],
    ['137K', 137_000],
  ])('%s is %d parameters', (text, expected) => {
    expect(parseParameterCount(text)).toBe(expected);
  });

  test.each([['8x7B'], [''], ['B'], ['7'], ['about 7B'], [undefined]])('%s is unknown (null)', (text) => {
    expect(parseParameterCount(text)).toBeNull();
  });
});

describe('capabilitiesOf', () => {
  test('a GGUF model trained for tools with 32k context: chat, streaming, json, structured output, tools', () => {
    expect(capabilitiesOf(QWEN)).toEqual(['chat', 'streaming', 'json', 'structured_output', 'tools']);
  });

  test('an MLX vision model with exactly 100,000 tokens: no grammar-constrained JSON, vision and long context', () => {
    expect(
      capabilitiesOf({ format: 'safetensors', vision: true, trainedForToolUse: false, maxContextLength: 100_000 }),
    ).toEqual(['chat', 'streaming', 'vision', 'long_context']);
  });

  test('99,999 tokens is not long context', () => {
    expect(
      capabilitiesOf({ format: 'safetensors', vision: false, trainedForToolUse: false, maxContextLength: 99_999 }),
    ).toEqual(['chat', 'streaming']);
  });
});

describe('toModelInfo', () => {
  test('a downloaded model with one loaded instance, field by field', () => {
    const loaded = [
      instance(QWEN, 'qwen2.5-7b-instruct', 8192),
      instance({ ...QWEN, modelKey: 'other' }, 'other', 4096),
    ];
    expect(toModelInfo('lmstudio', QWEN, loaded)).toEqual({
      providerId: 'lmstudio',
      modelId: 'qwen2.5-7b-instruct',
      providerKind: 'lmstudio',
      displayName: 'Qwen2.5 7B Instruct',
      description: null,
      locality: 'local',
      contextLength: 32_768,
      maxOutputTokens: null,
      pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      isFree: true,
      capabilities: ['chat', 'streaming', 'json', 'structured_output', 'tools'],
      modalities: { input: ['text'], output: ['text'] },
      weights: {
        sizeBytes: 4_683_073_952,
        parameterCount: 7_000_000_000,
        quantization: 'Q4_K_M',
        family: 'qwen2',
        format: 'gguf',
        memoryEstimates: [],
      },
      isLoaded: true,
      quality: null,
      safety: null,
      providerMetadata: {
        path: 'lmstudio-community/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
        paramsString: '7B',
        quantizationBits: 4,
        trainedForToolUse: true,
        vision: false,
        loadedInstances: [{ identifier: 'qwen2.5-7b-instruct', contextLength: 8192 }],
      },
    });
  });

  test('what LM Studio leaves out is null, not guessed; a vision model reads images', () => {
    const bare: LLMInfo = {
      type: 'llm',
      modelKey: 'org/bare:v1',
      format: 'safetensors',
      displayName: '',
      path: 'org/bare',
      sizeBytes: 10,
      vision: true,
      trainedForToolUse: false,
      maxContextLength: 0,
    };
    const info = toModelInfo('lmstudio.gpu-box', bare, []);
    expect(info.displayName).toBeUndefined();
    expect(info.contextLength).toBeNull();
    expect(info.weights).toEqual({
      sizeBytes: 10,
      parameterCount: null,
      quantization: null,
      family: null,
      format: 'safetensors',
      memoryEstimates: [],
    });
    expect(info.modalities).toEqual({ input: ['text', 'image'], output: ['text'] });
    expect(info.isLoaded).toBe(false);
    expect(info.providerMetadata).toEqual({
      path: 'org/bare',
      trainedForToolUse: false,
      vision: true,
      loadedInstances: [],
    });
    expect(modelInfoSchema.safeParse(info).success).toBe(true);
  });
});

describe('toModelInfos', () => {
  test('keeps LLMs only, in order, each key once', () => {
    const embedding = { type: 'embedding', modelKey: 'nomic-embed' };
    const second = { ...QWEN, modelKey: 'llama-3.2-1b' };
    const models = toModelInfos('lmstudio', [QWEN, embedding, second, QWEN], []);
    expect(models.map((model) => model.modelId)).toEqual(['qwen2.5-7b-instruct', 'llama-3.2-1b']);
  });
});
