import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { createSelector } from './create-selector';
import { filterModels } from './filters/filter-models';
import { explainRanking } from './scoring/explain-ranking';
import { rankModels } from './scoring/rank-models';
import { selectModel } from './scoring/select-model';
import { localModel, machine, remoteModel, stats, statsSource } from './test-support/fixtures';

describe('createSelector', () => {
  const models = [
    remoteModel('paid', {
      quality: { value: 8, source: 't' },
      pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 },
    }),
    remoteModel('free', { isFree: true, pricing: {} }),
    localModel('local', { weights: { sizeBytes: 4e9, parameterCount: 8e9 } }),
    localModel('huge', { weights: { parameterCount: 4e11 } }),
  ];
  const options = {
    hardware: machine(8, 16),
    stats: statsSource({ 'cloud/paid': stats({ latencyMs: { p50: 1, p95: 900 } }) }),
    weights: { quality: 1 },
    preferFree: true,
  };

  it('binds the options once and answers like the functions', () => {
    const selector = createSelector(options);
    const requirements = { locality: 'prefer_local' as const, maxLatencyMs: 1000 };
    expect(selector.rank(models, requirements)).toEqual(rankModels(models, requirements, options));
    expect(selector.select(models, requirements)).toEqual(selectModel(models, requirements, options));
    expect(selector.filter(models, requirements)).toEqual(filterModels(models, requirements, options));
    expect(selector.explain(models, requirements)).toEqual(explainRanking(models, requirements, options));
    expect(selector.options.weights.quality).toBe(1);
    expect(selector.options.preferFree).toBe(true);
  });

  it('defaults the requirements to none and the options to the defaults', () => {
    const selector = createSelector();
    expect(selector.rank(models)).toEqual(rankModels(models));
    expect(selector.select(models)).toEqual(selectModel(models));
    expect(selector.filter(models)).toEqual(filterModels(models));
    expect(selector.explain(models)).toEqual(explainRanking(models));
    expect(
      createSelector(options)
        .filter(models)
        .rejected.map((entry) => entry.model.modelId),
    ).toEqual(['huge']);
  });

  it('checks the options when created, and the requirements on each call', () => {
    expect(() => createSelector({ weights: { speed: 1 } } as never)).toThrow(ConfigError);
    expect(() => createSelector().rank(models, { minQuality: -1 })).toThrow(ConfigError);
  });
});
