import { ConfigError, type ModelInfo, type ModelPerformanceStats } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { GIB, localModel, machine, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { COLUMN_COUNT } from './columns';
import { explainRanking } from './explain-ranking';
import { rankModels } from './rank-models';
import { selectModel } from './select-model';
import { acquireValueBuffer } from './value-buffer';

const ids = (ranked: { model: ModelInfo }[]) =>
  ranked.map((entry) => `${entry.model.providerId}/${entry.model.modelId}`);

// 1,000 input + 500 output tokens at 1e-6 / 2e-6 USD per token: 2,000 millionths of a USD.
const cheapPricing = { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 };

describe('rankModels with the default weights', () => {
  it('scores quality 0.3, cost 0.3 and task fit 0.2 (general_chat: streaming)', () => {
    const paid = remoteModel('paid', {
      quality: { value: 8, source: 't' },
      pricing: cheapPricing,
      capabilities: ['chat', 'streaming'],
    });
    const free = remoteModel('free', { isFree: true, pricing: {}, capabilities: ['chat'] });
    const { ranked, rejected } = rankModels([paid, free]);
    // paid: (0.3 × 0.8 + 0.3 × 0 + 0.2 × 1) / 0.8 = 0.55; free: (0.3 × 0.5 + 0.3 × 1 + 0) / 0.8 = 0.5625.
    expect(ranked).toEqual([
      { model: free, score: expect.closeTo(0.5625, 12), rank: 1 },
      { model: paid, score: expect.closeTo(0.55, 12), rank: 2 },
    ]);
    expect(rejected).toEqual([]);
  });

  it('counts safety 0.4 when the task asks for it', () => {
    const careful = remoteModel('careful', {
      quality: { value: 6, source: 't' },
      safety: { value: 9, source: 't' },
      pricing: cheapPricing,
      capabilities: ['chat', 'streaming'],
    });
    const clever = remoteModel('clever', {
      quality: { value: 9, source: 't' },
      safety: { value: 3, source: 't' },
      pricing: { inputPerToken: 1e-5, outputPerToken: 2e-5, perRequest: 0 },
      capabilities: ['chat', 'streaming'],
    });
    const unknown = remoteModel('unknown', { isFree: true, pricing: {} });
    const { ranked } = rankModels([unknown, clever, careful], { task: 'therapeutic_response' });
    const carefulCost = (Math.log1p(20_000) - Math.log1p(2000)) / Math.log1p(20_000);
    // Weights 0.4 + 0.3 + 0.3 + 0.2 = 1.2.
    expect(ids(ranked)).toEqual(['cloud/careful', 'cloud/clever', 'cloud/unknown']);
    expect(ranked[0]?.score).toBeCloseTo((0.4 * 0.9 + 0.3 * 0.6 + 0.3 * carefulCost + 0.2) / 1.2, 12);
    expect(ranked[1]?.score).toBeCloseTo((0.4 * 0.3 + 0.3 * 0.9 + 0 + 0.2) / 1.2, 12);
    expect(ranked[2]?.score).toBeCloseTo((0 + 0.3 * 0.5 + 0.3 * 1 + 0) / 1.2, 12);
  });

  it('counts stats, locality, free and hardware when they apply', () => {
    const local = localModel('llama', {
      weights: { sizeBytes: 2e9, parameterCount: 1e10 },
      quality: { value: 7, source: 't' },
      capabilities: ['chat', 'streaming'],
    });
    const fast = remoteModel('fast', {
      quality: { value: 8, source: 't' },
      pricing: cheapPricing,
      capabilities: ['chat', 'streaming'],
    });
    const freeRemote = remoteModel('free-remote', { isFree: true, pricing: {} });
    const source = statsSource({
      'ollama/llama': stats({ successRate: 1, latencyMs: { p50: 1, p95: 2000 }, tokensPerSecond: 20 }),
      'cloud/fast': stats({ successRate: 0.95, latencyMs: { p50: 1, p95: 1000 }, tokensPerSecond: 60 }),
    });
    const { ranked } = rankModels(
      [fast, freeRemote, local],
      { locality: 'prefer_local' },
      { hardware: machine(8, 16), stats: source, preferFree: true },
    );
    // 2e9 × 1.1 + 150,000 × 4096 = 2,814,400,000 bytes of 8 GiB VRAM.
    const hardware = 0.7 + 0.3 * (1 - 2_814_400_000 / (8 * GIB));
    // Request weights: quality, performance, cost 0.3; task fit, locality, free 0.2 = 1.5 (+ 0.1 hardware, local).
    expect(ids(ranked)).toEqual(['ollama/llama', 'cloud/free-remote', 'cloud/fast']);
    expect(ranked[0]?.score).toBeCloseTo((0.3 * 0.7 + 0.3 / 3 + 0.3 + 0.2 + 0.2 + 0.2 + 0.1 * hardware) / 1.6, 12);
    expect(ranked[1]?.score).toBeCloseTo((0.3 * 0.5 + 0.3 * 0.5 + 0.3 + 0 + 0 + 0.2) / 1.5, 12);
    expect(ranked[2]?.score).toBeCloseTo((0.3 * 0.8 + (0.3 * 2.95) / 3 + 0 + 0.2 + 0 + 0) / 1.5, 12);
  });

  it('lets weights of 0 and changed weights decide', () => {
    const good = remoteModel('good', { quality: { value: 9, source: 't' }, pricing: cheapPricing });
    const cheap = remoteModel('cheap', { quality: { value: 2, source: 't' }, isFree: true, pricing: {} });
    expect(ids(rankModels([good, cheap], {}, { weights: { cost: 0 } }).ranked)).toEqual(['cloud/good', 'cloud/cheap']);
    expect(ids(rankModels([good, cheap], {}, { weights: { quality: 0 } }).ranked)).toEqual([
      'cloud/cheap',
      'cloud/good',
    ]);
    const none = rankModels([good, cheap], {}, { weights: { quality: 0, cost: 0, taskFit: 0 } }).ranked;
    expect(none.map((entry) => entry.score)).toEqual([0, 0]);
    expect(ids(none)).toEqual(['cloud/cheap', 'cloud/good']);
  });
});

describe('rankModels order', () => {
  it('breaks ties by provider id, then model id', () => {
    const twins = [
      remoteModel('b', { providerId: 'zeta' }),
      remoteModel('b'),
      remoteModel('a', { providerId: 'zeta' }),
      remoteModel('a'),
    ];
    const { ranked } = rankModels(twins);
    expect(ids(ranked)).toEqual(['cloud/a', 'cloud/b', 'zeta/a', 'zeta/b']);
    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 3, 4]);
    expect(new Set(ranked.map((entry) => entry.score)).size).toBe(1);
  });

  it('gives the same ranking whatever the input order', () => {
    const models = [
      remoteModel('a', { quality: { value: 3, source: 't' }, pricing: cheapPricing }),
      remoteModel('b', { quality: { value: 9, source: 't' } }),
      localModel('c', { quality: { value: 6, source: 't' } }),
      remoteModel('d', { pricing: {} }),
    ];
    const forward = rankModels(models).ranked;
    expect(rankModels([...models].reverse()).ranked).toEqual(forward);
    expect(rankModels([models[2], models[0], models[3], models[1]] as ModelInfo[]).ranked).toEqual(forward);
  });

  it('ranks nothing from nothing', () => {
    expect(rankModels([])).toEqual({ ranked: [], rejected: [] });
  });
});

describe('rankModels buffers', () => {
  it('gives its value buffer back for the next call', () => {
    acquireValueBuffer(0);
    const models = [remoteModel('a'), remoteModel('b')];
    rankModels(models);
    expect(acquireValueBuffer(0).length).toBe(2 * COLUMN_COUNT);
    selectModel(models);
    expect(acquireValueBuffer(0).length).toBe(2 * COLUMN_COUNT);
    explainRanking(models);
    expect(acquireValueBuffer(0).length).toBe(2 * COLUMN_COUNT);
  });
});

describe('rankModels rejections', () => {
  it('lists rejected models with their reasons, built once when first read', () => {
    const kept = remoteModel('kept');
    const dropped = remoteModel('dropped', { pricing: {} });
    const ranking = rankModels([dropped, kept], { maxPricePerMillionTokens: { input: 1 } });
    expect(ids(ranking.ranked)).toEqual(['cloud/kept']);
    const first = ranking.rejected;
    expect(first).toEqual([
      {
        model: dropped,
        reasons: [
          {
            code: 'input_price_unknown',
            message: 'The input price is unknown (unknown is not free); the request caps it at $1 per million tokens.',
          },
        ],
      },
    ]);
    expect(ranking.rejected).toBe(first);
    expect(JSON.parse(JSON.stringify(ranking)).rejected[0].reasons[0].code).toBe('input_price_unknown');
    expect({ ...ranking }.rejected).toBe(first);
  });

  it('quotes the stats the decision read, even when the source has moved on', () => {
    const table: Record<string, ModelPerformanceStats> = {
      'cloud/slow': stats({ latencyMs: { p50: 100, p95: 3000 } }),
    };
    const ranking = rankModels([remoteModel('slow')], { maxLatencyMs: 1000 }, { stats: statsSource(table) });
    table['cloud/slow'] = stats({ latencyMs: { p50: 100, p95: 200 } });
    expect(ranking.rejected[0]?.reasons).toEqual([
      { code: 'latency_above_cap', message: 'The measured p95 latency of 3,000 ms is above the cap of 1,000 ms.' },
    ]);
  });

  it('reads stats for reasons of models the listing rejected', () => {
    const source = statsSource({ 'cloud/slow': stats({ latencyMs: { p50: 100, p95: 3000 } }) });
    const ranking = rankModels(
      [remoteModel('slow', { pricing: {} })],
      { maxLatencyMs: 1000, maxCostPerRequest: 1 },
      { stats: source },
    );
    expect(source.calls).toBe(0);
    expect(ranking.rejected[0]?.reasons.map((reason) => reason.code)).toEqual(['cost_unknown', 'latency_above_cap']);
    expect(source.calls).toBe(1);
  });

  it('checks requirements and options', () => {
    expect(() => rankModels([], { task: '' })).toThrow(ConfigError);
    expect(() => rankModels([], {}, { weights: { cost: -1 } })).toThrow(ConfigError);
  });
});
