import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan } from '../plan/selection-plan';
import { localModel, machine, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { candidateModel, columnValue, gatherCandidates, releaseCandidates } from './candidates';
import { COLUMN } from './columns';
import { acquireValueBuffer, releaseValueBuffer } from './value-buffer';

const plan = (requirements = {}, options: SelectionOptions = {}) =>
  compilePlan(requirements, resolveSelectionOptions(options));

describe('gatherCandidates', () => {
  const slow = remoteModel('slow', {
    quality: { value: 4, source: 't' },
    pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 },
  });
  const fast = localModel('fast', {
    safety: { value: 8, source: 't' },
    weights: { sizeBytes: 1e9, parameterCount: 1e8 },
  });
  const dropped = remoteModel('dropped', { pricing: {} });
  const source = statsSource({
    'cloud/slow': stats({
      successRate: 0.5,
      latencyMs: { p50: 1, p95: 4000 },
      timeToFirstTokenMs: { p50: 1, p95: 900 },
      tokensPerSecond: 12,
    }),
    'ollama/fast': stats({
      successRate: 1,
      latencyMs: { p50: 1, p95: 500 },
      timeToFirstTokenMs: { p50: 1, p95: 100 },
      tokensPerSecond: 80,
    }),
    'cloud/dropped': stats({ latencyMs: { p50: 1, p95: 1 } }),
  });

  it('records the values of accepted models and the ranges over them', () => {
    const candidates = gatherCandidates(
      [slow, dropped, fast],
      plan({ maxPricePerMillionTokens: { input: 5 } }, { stats: source, hardware: machine(8, 16) }),
      true,
    );
    expect(candidates.count).toBe(2);
    expect([0, 1].map((index) => candidateModel(candidates, index))).toEqual([slow, fast]);
    expect(columnValue(candidates, 0, COLUMN.listIndex)).toBe(0);
    expect(columnValue(candidates, 1, COLUMN.listIndex)).toBe(2);
    // 1,000 × 1e-6 + 500 × 2e-6 = 0.002 USD = 2,000 millionths.
    expect(columnValue(candidates, 0, COLUMN.cost)).toBeCloseTo(Math.log1p(2000), 12);
    expect(columnValue(candidates, 1, COLUMN.cost)).toBe(0);
    expect(candidates.costRange).toEqual({ min: 0, max: expect.closeTo(Math.log1p(2000), 12) });
    expect(candidates.latencyRange).toEqual({ min: 500, max: 4000 });
    expect(candidates.timeToFirstTokenRange).toEqual({ min: 100, max: 900 });
    expect(candidates.tokensPerSecondRange).toEqual({ min: 12, max: 80 });
    expect(columnValue(candidates, 0, COLUMN.successRate)).toBe(0.5);
    expect(columnValue(candidates, 0, COLUMN.quality)).toBe(4);
    expect(columnValue(candidates, 1, COLUMN.quality)).toBeNaN();
    expect(columnValue(candidates, 1, COLUMN.safety)).toBe(8);
    expect(columnValue(candidates, 0, COLUMN.isLocal)).toBe(0);
    expect(columnValue(candidates, 1, COLUMN.isLocal)).toBe(1);
    expect(columnValue(candidates, 0, COLUMN.isFree)).toBe(0);
    expect(columnValue(candidates, 1, COLUMN.isFree)).toBe(1);
    expect(columnValue(candidates, 0, COLUMN.taskFit)).toBe(0);
    expect(columnValue(candidates, 0, COLUMN.hardware)).toBeNaN();
    // 1e9 × 1.1 + 1.5 × 1e4 × 4096 = 1,161,440,000 bytes of 8 GiB.
    expect(columnValue(candidates, 1, COLUMN.hardware)).toBeCloseTo(0.7 + 0.3 * (1 - 1_161_440_000 / 8 / 2 ** 30), 12);
    expect(candidates.rejected).toEqual([1]);
    expect(candidates.decidedStats.size).toBe(0);
    releaseCandidates(candidates);
  });

  it('takes ranges over the accepted candidates only, whatever the buffer held before', () => {
    const poisoned = acquireValueBuffer(1000);
    poisoned.fill(-1);
    releaseValueBuffer(poisoned);
    const candidates = gatherCandidates(
      [slow, dropped, fast],
      plan({ maxPricePerMillionTokens: { input: 5 } }, { stats: source }),
      true,
    );
    expect(candidates.values).toBe(poisoned);
    expect(candidates.costRange).toEqual({ min: 0, max: expect.closeTo(Math.log1p(2000), 12) });
    expect(candidates.latencyRange).toEqual({ min: 500, max: 4000 });
    expect(candidates.tokensPerSecondRange).toEqual({ min: 12, max: 80 });
    releaseCandidates(candidates);
  });

  it('keeps unknown values out of the ranges', () => {
    const candidates = gatherCandidates([remoteModel('a', { pricing: {} }), remoteModel('b')], plan(), false);
    expect(candidates.rejected).toBeNull();
    expect(columnValue(candidates, 0, COLUMN.cost)).toBeNaN();
    expect(candidates.costRange).toEqual({ min: 0, max: 0 });
    expect(candidates.latencyRange).toEqual({ min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY });
    expect(columnValue(candidates, 0, COLUMN.latencyMs)).toBeNaN();
    expect(columnValue(candidates, 0, COLUMN.successRate)).toBeNaN();
    releaseCandidates(candidates);
  });

  it('keeps the stats a latency decision read', () => {
    const tooSlow = stats({ latencyMs: { p50: 1, p95: 4000 } });
    const candidates = gatherCandidates(
      [remoteModel('slow')],
      plan({ maxLatencyMs: 1000 }, { stats: statsSource({ 'cloud/slow': tooSlow }) }),
      true,
    );
    expect(candidates.rejected).toEqual([0]);
    expect([...candidates.decidedStats]).toEqual([[0, tooSlow]]);
    releaseCandidates(candidates);
  });
});
