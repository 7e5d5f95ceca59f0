import { modelInfoSchema, parseWithSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  type DeclaredModel,
  declaredModelSchema,
  declaredModelToInfo,
  discoveredModelToInfo,
  mergeModels,
} from './custom-models';

const defaults = { providerId: 'my-vllm', locality: 'local' as const };
const declare = (model: DeclaredModel) =>
  declaredModelToInfo(parseWithSchema(declaredModelSchema, model, 'model'), defaults);

describe('declaredModelToInfo', () => {
  it('keeps every declared fact', () => {
    const info = declare({
      id: 'Qwen/Qwen2.5-7B-Instruct',
      displayName: 'Qwen 2.5 7B',
      description: 'On the lab GPU box',
      contextLength: 32_768,
      maxOutputTokens: 4096,
      pricing: { inputPerToken: 0.0000001, outputPerToken: 0.0000002, perRequest: 0 },
      capabilities: ['chat', 'streaming', 'tools', 'json'],
      modalities: { input: ['text', 'image'], output: ['text'] },
      locality: 'remote',
    });
    expect(info).toEqual({
      providerId: 'my-vllm',
      modelId: 'Qwen/Qwen2.5-7B-Instruct',
      providerKind: 'custom',
      displayName: 'Qwen 2.5 7B',
      description: 'On the lab GPU box',
      locality: 'remote',
      contextLength: 32_768,
      maxOutputTokens: 4096,
      pricing: { inputPerToken: 0.0000001, outputPerToken: 0.0000002, perRequest: 0 },
      isFree: false,
      capabilities: ['chat', 'streaming', 'tools', 'json'],
      modalities: { input: ['text', 'image'], output: ['text'] },
      weights: null,
      isLoaded: null,
      quality: null,
      safety: null,
      providerMetadata: { source: 'config' },
    });
  });

  it('leaves what was not declared unknown: prices null (never 0), no window, the provider locality', () => {
    const info = declare({ id: 'bare' });
    expect(info.pricing).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: null });
    expect(info.isFree).toBe(false);
    expect(info.contextLength).toBeNull();
    expect(info.maxOutputTokens).toBeNull();
    expect(info.locality).toBe('local');
    expect(info.description).toBeNull();
    expect(info.displayName).toBeUndefined();
    expect(info.capabilities).toEqual(['chat', 'streaming']);
    expect(info.modalities).toEqual({ input: ['text'], output: ['text'] });
  });

  it('keeps a declared price of 0 as 0', () => {
    expect(declare({ id: 'a', pricing: { inputPerToken: 0 } }).pricing).toEqual({
      inputPerToken: 0,
      outputPerToken: null,
      perRequest: null,
    });
  });

  it('adds long_context from exactly 100,000 tokens when capabilities are not declared', () => {
    expect(declare({ id: 'a', contextLength: 99_999 }).capabilities).toEqual(['chat', 'streaming']);
    expect(declare({ id: 'a', contextLength: 100_000 }).capabilities).toEqual(['chat', 'streaming', 'long_context']);
    expect(declare({ id: 'a', contextLength: 131_072, capabilities: ['chat'] }).capabilities).toEqual(['chat']);
  });

  it('declares a free model', () => {
    const info = declare({ id: 'a', isFree: true, pricing: { inputPerToken: 0, outputPerToken: 0 } });
    expect(info.isFree).toBe(true);
    expect(modelInfoSchema.safeParse(info).success).toBe(true);
  });
});

describe('declaredModelSchema', () => {
  const issues = (model: unknown) => {
    const result = declaredModelSchema.safeParse(model);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('rejects a price above 0 on a free model, naming the price', () => {
    expect(issues({ id: 'a', isFree: true, pricing: { inputPerToken: 0, outputPerToken: 0.000001 } })).toEqual([
      'pricing.outputPerToken: a price of 0, because isFree is true',
    ]);
    expect(issues({ id: 'a', isFree: false, pricing: { outputPerToken: 0.000001 } })).toEqual([]);
  });

  it('rejects more output tokens than the window, and accepts exactly the window', () => {
    expect(issues({ id: 'a', contextLength: 4096, maxOutputTokens: 4097 })).toEqual([
      'maxOutputTokens: at most contextLength (4096)',
    ]);
    expect(issues({ id: 'a', contextLength: 4096, maxOutputTokens: 4096 })).toEqual([]);
    expect(issues({ id: 'a', maxOutputTokens: 4097 })).toEqual([]);
  });

  it('takes several modalities each way, but never none', () => {
    expect(issues({ id: 'a', modalities: { input: ['text', 'image'], output: ['text', 'audio'] } })).toEqual([]);
    expect(issues({ id: 'a', modalities: { input: [], output: ['text'] } })).toHaveLength(1);
    expect(issues({ id: 'a', modalities: { input: ['text'], output: [] } })).toHaveLength(1);
  });

  it('rejects repeated capabilities, unknown fields and impossible values', () => {
    expect(issues({ id: 'a', capabilities: ['chat', 'chat'] })).toEqual([
      'capabilities: capabilities without duplicates',
    ]);
    expect(issues({ id: 'a', context: 4096 })).toHaveLength(1);
    expect(issues({ id: '' })).toHaveLength(1);
    expect(issues({ id: 'a', contextLength: 0 })).toHaveLength(1);
    expect(issues({ id: 'a', pricing: { inputPerToken: -1 } })).toHaveLength(1);
    expect(issues({ id: 'a', capabilities: ['telepathy'] })).toHaveLength(1);
  });
});

describe('discoveredModelToInfo', () => {
  it('knows only the id, the owner and the provider locality', () => {
    const info = discoveredModelToInfo({ id: 'llama3.1:8b', owned_by: 'vllm' }, defaults);
    expect(info).toMatchObject({
      providerId: 'my-vllm',
      modelId: 'llama3.1:8b',
      providerKind: 'custom',
      locality: 'local',
      contextLength: null,
      pricing: { inputPerToken: null, outputPerToken: null, perRequest: null },
      isFree: false,
      capabilities: ['chat', 'streaming'],
      providerMetadata: { source: 'server', ownedBy: 'vllm' },
    });
    expect(discoveredModelToInfo({ id: 'x', owned_by: null }, defaults).providerMetadata).toEqual({ source: 'server' });
  });
});

describe('mergeModels', () => {
  const declared = [declare({ id: 'b', contextLength: 8192 }), declare({ id: 'only-config' })];
  const discovered = [
    discoveredModelToInfo({ id: 'a' }, defaults),
    discoveredModelToInfo({ id: 'b' }, defaults),
    discoveredModelToInfo({ id: 'a' }, defaults),
  ];

  it("keeps the server's order, lets the config win, then adds declared models the server did not list", () => {
    const merged = mergeModels(declared, discovered);
    expect(merged.map((model) => model.modelId)).toEqual(['a', 'b', 'only-config']);
    expect(merged[1]).toMatchObject({
      contextLength: 8192,
      providerMetadata: { source: 'config', listedByServer: true },
    });
    expect(merged[2]?.providerMetadata).toEqual({ source: 'config' });
  });

  it('is the declared list without discovery, and the discovered one without declarations', () => {
    expect(mergeModels(declared, []).map((model) => model.modelId)).toEqual(['b', 'only-config']);
    expect(mergeModels([], discovered).map((model) => model.modelId)).toEqual(['a', 'b']);
  });

  it('does not change the declared models it merges', () => {
    mergeModels(declared, discovered);
    expect(declared[0]?.providerMetadata).toEqual({ source: 'config' });
  });
});
