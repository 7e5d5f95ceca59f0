import type { ModelInfo, ModelRequirementsInput } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan } from '../plan/selection-plan';
import { localModel, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { gatherCandidates } from './candidates';
import {
  costFactor,
  fillFactors,
  freeFactor,
  higherIsBetter,
  localityFactor,
  lowerIsBetter,
  qualityFactor,
  safetyFactor,
  taskFitFactor,
  UNKNOWN_QUALITY_FACTOR,
  UNMEASURED_PERFORMANCE_FACTOR,
  writePerformanceFactor,
} from './factor-values';

function candidatesOf(models: ModelInfo[], requirements: ModelRequirementsInput = {}, options: SelectionOptions = {}) {
  return gatherCandidates(models, compilePlan(requirements, resolveSelectionOptions(options)), true);
}

// Costs of 1,000 input + 500 output tokens (the default scoring counts), in millionths of a USD:
// 1e-6 and 2e-6 per token → 2,000; 1e-5 and 2e-5 → 20,000.
const cheap = remoteModel('cheap', { pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 } });
const dear = remoteModel('dear', { pricing: { inputPerToken: 1e-5, outputPerToken: 2e-5, perRequest: 0 } });
const free = remoteModel('free', { isFree: true, pricing: {} });
const unpriced = remoteModel('unpriced', { pricing: {} });

describe('min–max positions', () => {
  it('maps a range onto 0–1, and a range of one value onto 1', () => {
    expect(lowerIsBetter(2, { min: 2, max: 10 })).toBe(1);
    expect(lowerIsBetter(4, { min: 2, max: 10 })).toBe(0.75);
    expect(lowerIsBetter(10, { min: 2, max: 10 })).toBe(0);
    expect(higherIsBetter(4, { min: 2, max: 10 })).toBe(0.25);
    expect(higherIsBetter(10, { min: 2, max: 10 })).toBe(1);
    expect(lowerIsBetter(5, { min: 5, max: 5 })).toBe(1);
    expect(higherIsBetter(5, { min: 5, max: 5 })).toBe(1);
  });
});

describe('score factors', () => {
  it('divides quality and safety by 10; unknown quality is 0.5, unknown safety 0', () => {
    const candidates = candidatesOf([
      remoteModel('a', { quality: { value: 8, source: 't' }, safety: { value: 7, source: 't' } }),
      remoteModel('b'),
      remoteModel('c', { quality: { value: 0, source: 't' }, safety: { value: 10, source: 't' } }),
    ]);
    expect([0, 1, 2].map((index) => qualityFactor(candidates, index))).toEqual([0.8, UNKNOWN_QUALITY_FACTOR, 0]);
    expect([0, 1, 2].map((index) => safetyFactor(candidates, index))).toEqual([0.7, 0, 1]);
    expect(UNKNOWN_QUALITY_FACTOR).toBe(0.5);
  });
});

describe('costFactor', () => {
  it('puts the cheapest at 1 and the dearest at 0 on a log scale; unknown counts as dearest', () => {
    const candidates = candidatesOf([cheap, dear, free, unpriced]);
    expect(costFactor(candidates, 0)).toBeCloseTo((Math.log1p(20_000) - Math.log1p(2000)) / Math.log1p(20_000), 12);
    expect(costFactor(candidates, 0)).toBeCloseTo(0.232_456, 6);
    expect(costFactor(candidates, 1)).toBe(0);
    expect(costFactor(candidates, 2)).toBe(1);
    expect(costFactor(candidates, 3)).toBe(0);
  });

  it('is relative to the candidates: the same model scores by its company', () => {
    expect(costFactor(candidatesOf([cheap, dear]), 0)).toBe(1);
    expect(costFactor(candidatesOf([free, cheap]), 1)).toBe(0);
    expect(costFactor(candidatesOf([cheap]), 0)).toBe(1);
    expect(costFactor(candidatesOf([cheap, unpriced]), 0)).toBe(1);
  });

  it('uses the expected token counts when given', () => {
    // Only output tokens: 1e-6 × 0 + 2e-6 × 1,000 = 2,000 µUSD vs 2e-5 × 1,000 = 20,000 µUSD.
    const inputOnly = remoteModel('input-only', { pricing: { inputPerToken: 1e-3, outputPerToken: 0, perRequest: 0 } });
    const candidates = candidatesOf([cheap, dear, inputOnly], { expectedInputTokens: 0, expectedOutputTokens: 1000 });
    expect(costFactor(candidates, 2)).toBe(1);
    expect(costFactor(candidates, 0)).toBeCloseTo(1 - Math.log1p(2000) / Math.log1p(20_000), 12);
  });
});

describe('writePerformanceFactor', () => {
  const performanceFactor = (candidates: ReturnType<typeof candidatesOf>, index: number) => {
    const out = new Float64Array(8);
    writePerformanceFactor(candidates, index, out);
    return out[2];
  };
  const models = ['a', 'b', 'c', 'd', 'e'].map((id) => remoteModel(id));
  const source = statsSource({
    'cloud/a': stats({
      successRate: 1,
      latencyMs: { p50: 1, p95: 1000 },
      timeToFirstTokenMs: { p50: 1, p95: 200 },
      tokensPerSecond: 50,
    }),
    'cloud/b': stats({
      successRate: 0.9,
      latencyMs: { p50: 1, p95: 3000 },
      timeToFirstTokenMs: { p50: 1, p95: 600 },
      tokensPerSecond: 10,
    }),
    'cloud/c': stats({ successRate: 0.5 }),
    'cloud/e': stats({ successRate: 0.8, latencyMs: { p50: 1, p95: 2000 }, tokensPerSecond: 30 }),
  });
  const candidates = candidatesOf(models, {}, { stats: source });

  it('averages the success rate with whatever was measured, min–max over the candidates', () => {
    // a: best everywhere; b: worst everywhere; c: success only; e: (0.8 + 0.5 + 0.5) / 3.
    expect(performanceFactor(candidates, 0)).toBe(1);
    expect(performanceFactor(candidates, 1)).toBeCloseTo(0.9 / 4, 12);
    expect(performanceFactor(candidates, 2)).toBe(0.5);
    expect(performanceFactor(candidates, 4)).toBeCloseTo(1.8 / 3, 12);
  });

  it('gives an unmeasured model the middle of the scale', () => {
    expect(performanceFactor(candidates, 3)).toBe(UNMEASURED_PERFORMANCE_FACTOR);
    expect(UNMEASURED_PERFORMANCE_FACTOR).toBe(0.5);
  });
});

describe('task fit, locality and free', () => {
  it('divides the matched affinity by the most a model can match', () => {
    const options = {
      taskProfiles: { code: { capabilities: { tools: 1, code: 0.5 }, families: { qwen: 0.5, coder: 1 } } },
    };
    const candidates = candidatesOf(
      [
        remoteModel('qwen2.5-coder', { capabilities: ['chat', 'tools'] }),
        remoteModel('qwen2.5', { capabilities: ['code'] }),
        localModel('other', { capabilities: ['tools', 'code'], weights: { family: 'QWEN2' } }),
        remoteModel('nothing', { capabilities: ['chat'] }),
      ],
      { task: 'code' },
      options,
    );
    // max = 1 + 0.5 + 1; (1 + 1), (0.5 + 0.5), (1.5 + 0.5), 0.
    expect([0, 1, 2, 3].map((index) => taskFitFactor(candidates, index))).toEqual([0.8, 0.4, 0.8, 0]);
  });

  it('reads family names only when the profile has family affinities', () => {
    const candidates = candidatesOf([remoteModel('qwen2.5', { capabilities: ['streaming'] })]);
    expect(taskFitFactor(candidates, 0)).toBe(1);
    expect(candidates.prepared.familyNames).toBeNull();
  });

  it('rewards the preferred locality and free models with 1, others with 0', () => {
    const models = [localModel('local'), remoteModel('remote'), remoteModel('free', { isFree: true })];
    const local = candidatesOf(models, { locality: 'prefer_local' });
    expect([0, 1, 2].map((index) => localityFactor(local, index))).toEqual([1, 0, 0]);
    const remote = candidatesOf(models, { locality: 'prefer_remote' });
    expect([0, 1, 2].map((index) => localityFactor(remote, index))).toEqual([0, 1, 1]);
    expect([0, 1, 2].map((index) => freeFactor(local, index))).toEqual([1, 0, 1]);
  });
});

describe('fillFactors', () => {
  it('writes NaN for every factor that does not apply', () => {
    const candidates = candidatesOf([remoteModel('a', { quality: { value: 6, source: 't' } })], {}, {});
    const out = new Float64Array(8);
    fillFactors(candidates, 0, out);
    // safety, quality, performance, cost, taskFit, locality, free, hardware
    expect([...out]).toEqual([Number.NaN, 0.6, Number.NaN, 1, 0, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('writes every factor that applies', () => {
    const candidates = candidatesOf(
      [localModel('a', { safety: { value: 9, source: 't' }, capabilities: ['chat', 'streaming'] })],
      { task: 'therapeutic_response', locality: 'prefer_remote' },
      { stats: statsSource({}), preferFree: true, hardware: undefined },
    );
    const out = new Float64Array(8);
    fillFactors(candidates, 0, out);
    expect([...out]).toEqual([0.9, 0.5, 0.5, 1, 1, 0, 1, Number.NaN]);
  });
});
