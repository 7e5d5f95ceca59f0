import { type ModelInfo, modelInfoSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import type { OpenRouterModel } from './openrouter-api';
import {
  capabilitiesOf,
  effectiveContextLength,
  filterModels,
  isFreeModel,
  openRouterModelToInfo,
  pricingOf,
} from './openrouter-models';

// An entry as OpenRouter lists it (trimmed to the fields read).
const claude: OpenRouterModel = {
  id: 'anthropic/claude-3.5-sonnet',
  name: 'Anthropic: Claude 3.5 Sonnet',
  description: 'A fast, capable model.',
  context_length: 200_000,
  architecture: { input_modalities: ['text', 'image', 'file'], output_modalities: ['text'] },
  pricing: { prompt: '0.000003', completion: '0.000015', request: '0' },
  top_provider: { context_length: 200_000, max_completion_tokens: 8192, is_moderated: true },
  supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'response_format', 'structured_outputs'],
};

const llamaFree: OpenRouterModel = {
  id: 'meta-llama/llama-3.1-8b-instruct:free',
  name: 'Meta: Llama 3.1 8B Instruct (free)',
  description: null,
  context_length: 131_072,
  architecture: { input_modalities: ['text'], output_modalities: ['text'] },
  pricing: { prompt: '0', completion: '0', request: '0' },
  top_provider: { context_length: 8192, max_completion_tokens: 4096, is_moderated: false },
  supported_parameters: ['max_tokens', 'temperature', 'reasoning'],
};

describe('pricingOf', () => {
  it('reads prompt, completion and request prices in USD per token as written', () => {
    expect(pricingOf(claude)).toEqual({ inputPerToken: 0.000003, outputPerToken: 0.000015, perRequest: 0 });
  });

  it('reads an absent request price as 0 and absent token prices as unknown', () => {
    expect(pricingOf({ id: 'a', pricing: { prompt: '0.000001', completion: '0.000002' } })).toEqual({
      inputPerToken: 0.000001,
      outputPerToken: 0.000002,
      perRequest: 0,
    });
    expect(
      pricingOf({ id: 'a', pricing: { prompt: '0.000001', completion: '0.000002', request: null } }).perRequest,
    ).toBe(0);
    expect(pricingOf({ id: 'a' })).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: 0 });
  });

  it("reads a router's '-1' (varies) as unknown, never as free", () => {
    expect(pricingOf({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1', request: '-1' } })).toEqual({
      inputPerToken: null,
      outputPerToken: null,
      perRequest: null,
    });
  });
});

describe('isFreeModel', () => {
  const zero = { inputPerToken: 0, outputPerToken: 0, perRequest: 0 };
  it('is free with every price known and 0', () => {
    expect(isFreeModel('vendor/model', zero)).toBe(true);
  });

  it('is free for a :free variant even when its prices are unknown', () => {
    expect(isFreeModel('vendor/model:free', { inputPerToken: null, outputPerToken: null, perRequest: null })).toBe(
      true,
    );
  });

  it('is not free when any price is above 0, :free or not', () => {
    expect(isFreeModel('vendor/model', { ...zero, inputPerToken: 0.000001 })).toBe(false);
    expect(isFreeModel('vendor/model', { ...zero, outputPerToken: 1e-9 })).toBe(false);
    expect(isFreeModel('vendor/model', { ...zero, perRequest: 0.01 })).toBe(false);
    expect(isFreeModel('vendor/model:free', { ...zero, outputPerToken: 0.000002 })).toBe(false);
  });

  it('is not free when a price is unknown and the id says nothing (unknown is not free)', () => {
    expect(isFreeModel('vendor/model', { ...zero, inputPerToken: null })).toBe(false);
    expect(isFreeModel('vendor/model', { ...zero, perRequest: null })).toBe(false);
  });

  it('reads ":free" only as a suffix', () => {
    expect(isFreeModel('vendor/free-model', { inputPerToken: null, outputPerToken: null, perRequest: null })).toBe(
      false,
    );
    expect(isFreeModel('vendor/model:free:extended', { inputPerToken: null, outputPerToken: 0, perRequest: 0 })).toBe(
      false,
    );
  });
});

describe('effectiveContextLength', () => {
  it("is the smaller of the model's and its top provider's windows", () => {
    expect(effectiveContextLength(llamaFree)).toBe(8192);
    expect(effectiveContextLength({ id: 'a', context_length: 4096, top_provider: { context_length: 32_768 } })).toBe(
      4096,
    );
  });

  it('uses whichever is known, and null when neither is', () => {
    expect(effectiveContextLength({ id: 'a', context_length: 4096 })).toBe(4096);
    expect(effectiveContextLength({ id: 'a', context_length: null, top_provider: { context_length: 2048 } })).toBe(
      2048,
    );
    expect(effectiveContextLength({ id: 'a' })).toBeNull();
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('ignores an impossible window (%s)', (value) => {
    expect(effectiveContextLength({ id: 'a', context_length: value, top_provider: { context_length: 1024 } })).toBe(
      1024,
    );
  });

  it('accepts a window of exactly 1 token', () => {
    expect(effectiveContextLength({ id: 'a', context_length: 1 })).toBe(1);
  });
});

describe('capabilitiesOf', () => {
  const text = { input: ['text' as const], output: ['text' as const] };
  it('derives tools, JSON mode, structured output and reasoning from supported_parameters', () => {
    expect(capabilitiesOf(['tools'], text, null)).toEqual(['chat', 'streaming', 'tools']);
    expect(capabilitiesOf(['response_format'], text, null)).toEqual(['chat', 'streaming', 'json']);
    expect(capabilitiesOf(['structured_outputs'], text, null)).toEqual([
      'chat',
      'streaming',
      'json',
      'structured_output',
    ]);
    expect(capabilitiesOf(['reasoning'], text, null)).toEqual(['chat', 'streaming', 'reasoning']);
    expect(capabilitiesOf(['include_reasoning'], text, null)).toEqual(['chat', 'streaming', 'reasoning']);
    expect(capabilitiesOf(['temperature', 'top_p'], text, null)).toEqual(['chat', 'streaming']);
  });

  it('derives vision, audio and embeddings from modalities; no chat without text output', () => {
    expect(capabilitiesOf([], { input: ['text', 'image', 'audio'], output: ['text'] }, null)).toEqual([
      'chat',
      'streaming',
      'vision',
      'audio',
    ]);
    expect(capabilitiesOf([], { input: ['text'], output: ['image'] }, null)).toEqual([]);
    expect(capabilitiesOf([], { input: ['text'], output: ['embedding'] }, null)).toEqual(['embeddings']);
  });

  it('counts long_context from exactly 100,000 tokens', () => {
    expect(capabilitiesOf([], text, 99_999)).not.toContain('long_context');
    expect(capabilitiesOf([], text, 100_000)).toContain('long_context');
    expect(capabilitiesOf([], text, 100_001)).toContain('long_context');
  });
});

describe('openRouterModelToInfo', () => {
  it('turns a paid listing entry into a valid ModelInfo', () => {
    const info = openRouterModelToInfo(claude, 'openrouter');
    expect(info).toEqual({
      providerId: 'openrouter',
      modelId: 'anthropic/claude-3.5-sonnet',
      providerKind: 'openrouter',
      displayName: 'Anthropic: Claude 3.5 Sonnet',
      description: 'A fast, capable model.',
      locality: 'remote',
      contextLength: 200_000,
      maxOutputTokens: 8192,
      pricing: { inputPerToken: 0.000003, outputPerToken: 0.000015, perRequest: 0 },
      isFree: false,
      capabilities: ['chat', 'streaming', 'tools', 'json', 'structured_output', 'vision', 'long_context'],
      modalities: { input: ['text', 'image', 'file'], output: ['text'] },
      weights: null,
      isLoaded: null,
      quality: null,
      safety: null,
      providerMetadata: {
        modelContextLength: 200_000,
        topProviderContextLength: 200_000,
        isModerated: true,
        supportedParameters: claude.supported_parameters,
      },
    });
    expect(modelInfoSchema.safeParse(info).success).toBe(true);
  });

  it('marks a :free variant free with its prices at 0, and uses the top provider window', () => {
    const info = openRouterModelToInfo(llamaFree, 'or-free');
    expect(info.providerId).toBe('or-free');
    expect(info.isFree).toBe(true);
    expect(info.pricing).toEqual({ inputPerToken: 0, outputPerToken: 0, perRequest: 0 });
    expect(info.contextLength).toBe(8192);
    expect(info.maxOutputTokens).toBe(4096);
    expect(info.description).toBeNull();
    expect(info.capabilities).toEqual(['chat', 'streaming', 'reasoning']);
  });

  it('caps max output tokens at the context window, and keeps it when the window is unknown', () => {
    const capped = openRouterModelToInfo(
      { id: 'a', context_length: 4096, top_provider: { max_completion_tokens: 8192 } },
      'p',
    );
    expect(capped.maxOutputTokens).toBe(4096);
    const equal = openRouterModelToInfo(
      { id: 'a', context_length: 4096, top_provider: { max_completion_tokens: 4096 } },
      'p',
    );
    expect(equal.maxOutputTokens).toBe(4096);
    const unknownWindow = openRouterModelToInfo({ id: 'a', top_provider: { max_completion_tokens: 8192 } }, 'p');
    expect(unknownWindow.contextLength).toBeNull();
    expect(unknownWindow.maxOutputTokens).toBe(8192);
  });

  it('fills what a sparse entry leaves out with unknowns and text modalities', () => {
    const info = openRouterModelToInfo({ id: 'vendor/sparse', name: '', description: '' }, 'p');
    expect(info.displayName).toBeUndefined();
    expect(info.description).toBeNull();
    expect(info.contextLength).toBeNull();
    expect(info.maxOutputTokens).toBeNull();
    expect(info.pricing).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: 0 });
    expect(info.isFree).toBe(false);
    expect(info.modalities).toEqual({ input: ['text'], output: ['text'] });
    expect(info.capabilities).toEqual(['chat', 'streaming']);
    expect(info.providerMetadata).toEqual({
      modelContextLength: null,
      topProviderContextLength: null,
      isModerated: null,
      supportedParameters: [],
    });
  });

  it('reads absent or null modality lists as text', () => {
    const info = openRouterModelToInfo({ id: 'a', architecture: { input_modalities: null } }, 'p');
    expect(info.modalities).toEqual({ input: ['text'], output: ['text'] });
  });

  it('drops modalities outside the core vocabulary and repeats', () => {
    const info = openRouterModelToInfo(
      { id: 'a', architecture: { input_modalities: ['text', 'text', 'hologram'], output_modalities: ['smell'] } },
      'p',
    );
    expect(info.modalities).toEqual({ input: ['text'], output: ['text'] });
  });
});

function listed(modelId: string, input: number | null, output: number | null, isFree = false): ModelInfo {
  return modelInfoSchema.parse({
    providerId: 'openrouter',
    modelId,
    providerKind: 'openrouter',
    locality: 'remote',
    pricing: { inputPerToken: input, outputPerToken: output, perRequest: 0 },
    isFree,
  });
}

describe('filterModels', () => {
  const models = [
    listed('free', 0, 0, true),
    listed('cheap', 0.000001, 0.000002),
    listed('dear', 0.00001, 0.00003),
    listed('unknown', null, null),
  ];
  const ids = (kept: ModelInfo[]) => kept.map((model) => model.modelId);

  it('keeps everything without a filter', () => {
    expect(ids(filterModels(models, {}))).toEqual(['free', 'cheap', 'dear', 'unknown']);
    expect(ids(filterModels(models, { freeOnly: false }))).toEqual(['free', 'cheap', 'dear', 'unknown']);
  });

  it('keeps only free models with freeOnly', () => {
    expect(ids(filterModels(models, { freeOnly: true }))).toEqual(['free']);
  });

  it('caps input and output prices inclusively, and drops unknown prices under a cap', () => {
    expect(ids(filterModels(models, { maxInputPricePerToken: 0.000001 }))).toEqual(['free', 'cheap']);
    expect(ids(filterModels(models, { maxInputPricePerToken: 0.00000099 }))).toEqual(['free']);
    expect(ids(filterModels(models, { maxOutputPricePerToken: 0.00003 }))).toEqual(['free', 'cheap', 'dear']);
    expect(ids(filterModels(models, { maxOutputPricePerToken: 0 }))).toEqual(['free']);
    expect(ids(filterModels(models, { maxInputPricePerToken: 1, maxOutputPricePerToken: 0.000002 }))).toEqual([
      'free',
      'cheap',
    ]);
  });
});
