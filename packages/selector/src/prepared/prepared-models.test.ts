import { describe, expect, it } from 'vitest';
import { localModel, remoteModel } from '../test-support/fixtures';
import { capabilitiesMask } from './capability-mask';
import { familyNameAt, modelKeyAt, preparedModelsFor, prepareModels, scaledCostsFor } from './prepared-models';

const paid = remoteModel('meta/Llama-3:paid', {
  providerId: 'openrouter',
  contextLength: 8192,
  pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0.01 },
  capabilities: ['chat', 'tools'],
  quality: { value: 7.5, source: 'test' },
  safety: { value: 0, source: 'test' },
});
const unknown = remoteModel('mystery', { pricing: {} });
const free = remoteModel('free:free', { isFree: true, pricing: { inputPerToken: null, outputPerToken: 0 } });
const local = localModel('qwen2.5:7b', {
  weights: { sizeBytes: 5e9, parameterCount: 1e10, family: 'Qwen2' },
});
const estimated = localModel('estimated', {
  weights: { memoryEstimates: [{ contextLength: 4096, ramBytes: 1, vramBytes: 1 }] },
});

describe('prepareModels', () => {
  it('puts each fact in its column, unknown as NaN', () => {
    const prepared = prepareModels([paid, unknown, free, local, estimated]);
    expect(prepared.models).toEqual([paid, unknown, free, local, estimated]);
    expect(prepared.providers).toEqual(['openrouter', 'cloud', 'ollama']);
    expect([...prepared.providerIndex]).toEqual([0, 1, 1, 2, 2]);
    expect([...prepared.capabilities]).toEqual([capabilitiesMask(['chat', 'tools']), 1, 1, 1, 1]);
    expect([...prepared.contextLength]).toEqual([8192, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect([...prepared.inputPrice]).toEqual([1e-6, Number.NaN, 0, 0, 0]);
    expect([...prepared.outputPrice]).toEqual([2e-6, Number.NaN, 0, 0, 0]);
    expect([...prepared.requestPrice]).toEqual([0.01, Number.NaN, 0, 0, 0]);
    expect([...prepared.quality]).toEqual([7.5, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect([...prepared.safety]).toEqual([0, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect([...prepared.isLocal]).toEqual([0, 0, 0, 1, 1]);
    expect([...prepared.isFree]).toEqual([0, 0, 1, 1, 1]);
    expect([...prepared.memoryBaseBytes]).toEqual([Number.NaN, Number.NaN, Number.NaN, 5.5e9, Number.NaN]);
    expect([...prepared.kvCacheBytesPerToken]).toEqual([Number.NaN, Number.NaN, Number.NaN, 150_000, Number.NaN]);
    expect([...prepared.hasMemoryEstimates]).toEqual([0, 0, 0, 0, 1]);
  });

  it('builds keys and family names on first need', () => {
    const prepared = prepareModels([paid, local]);
    expect(prepared.modelKeys).toBeNull();
    expect(prepared.familyNames).toBeNull();
    expect(modelKeyAt(prepared, 0)).toBe('openrouter/meta/Llama-3:paid');
    expect(modelKeyAt(prepared, 1)).toBe('ollama/qwen2.5:7b');
    expect(familyNameAt(prepared, 0)).toBe(' meta/llama-3:paid');
    expect(familyNameAt(prepared, 1)).toBe('qwen2 qwen2.5:7b');
    expect(prepared.modelKeys).toHaveLength(2);
  });
});

describe('scaledCostsFor', () => {
  it('scales every cost for the token counts asked, and keeps the column for the same counts', () => {
    const prepared = prepareModels([paid, unknown, free]);
    const costs = scaledCostsFor(prepared, { inputTokens: 1000, outputTokens: 500 });
    // 1,000 × 1e-6 + 500 × 2e-6 + 0.01 = 0.012 USD = 12,000 millionths.
    expect([...costs]).toEqual([Math.log1p(12_000), Number.NaN, 0]);
    expect(scaledCostsFor(prepared, { inputTokens: 1000, outputTokens: 500 })).toBe(costs);
    const inputOnly = scaledCostsFor(prepared, { inputTokens: 1000, outputTokens: 0 });
    expect(inputOnly).not.toBe(costs);
    expect(inputOnly[0]).toBeCloseTo(Math.log1p(11_000), 12);
    expect(scaledCostsFor(prepared, { inputTokens: 0, outputTokens: 0 })[0]).toBeCloseTo(Math.log1p(10_000), 12);
  });
});

describe('preparedModelsFor', () => {
  it('reuses the columns while the same array holds the same models', () => {
    const models = [paid, local];
    const first = preparedModelsFor(models);
    expect(preparedModelsFor(models)).toBe(first);
    expect(preparedModelsFor([paid, local])).not.toBe(first);
  });

  it('rebuilds them when the array changed', () => {
    const models = [paid, local];
    const first = preparedModelsFor(models);
    models[1] = free;
    const replaced = preparedModelsFor(models);
    expect(replaced).not.toBe(first);
    expect(replaced.models).toEqual([paid, free]);
    models.push(local);
    const grown = preparedModelsFor(models);
    expect(grown).not.toBe(replaced);
    expect(grown.models).toHaveLength(3);
    models.pop();
    models.pop();
    expect(preparedModelsFor(models).models).toEqual([paid]);
  });
});
