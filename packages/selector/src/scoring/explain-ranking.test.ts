import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { localModel, machine, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { explainRanking, type FactorExplanation } from './explain-ranking';
import { rankModels } from './rank-models';

const byFactor = (factors: FactorExplanation[]) => Object.fromEntries(factors.map((factor) => [factor.factor, factor]));
const closeTo = (value: number) => expect.closeTo(value, 12);

describe('explainRanking', () => {
  const paid = remoteModel('paid', {
    quality: { value: 8, source: 'arena' },
    pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 },
    capabilities: ['chat', 'streaming'],
  });
  const free = remoteModel('free', { isFree: true, pricing: {}, capabilities: ['chat'] });

  it('shows every factor of every ranked model, contributions adding up to the score', () => {
    const explanation = explainRanking([paid, free]);
    expect(explanation.requirements.task).toBe('general_chat');
    expect(explanation.weights.cost).toBe(0.3);
    expect(explanation.rejected).toEqual([]);
    expect(explanation.ranked.map((entry) => [entry.model.modelId, entry.rank])).toEqual([
      ['free', 1],
      ['paid', 2],
    ]);
    const second = explanation.ranked[1];
    expect(second?.score).toBeCloseTo(0.55, 12);
    expect(second?.factors).toEqual([
      {
        factor: 'safety',
        applies: false,
        raw: null,
        normalized: null,
        weight: 0.4,
        share: 0,
        contribution: 0,
        detail: 'Not counted: neither minSafety nor the task asks for safety.',
      },
      {
        factor: 'quality',
        applies: true,
        raw: 8,
        normalized: 0.8,
        weight: 0.3,
        share: closeTo(0.375),
        contribution: closeTo(0.3),
        detail: 'Quality 8/10 (arena).',
      },
      {
        factor: 'performance',
        applies: false,
        raw: null,
        normalized: null,
        weight: 0.3,
        share: 0,
        contribution: 0,
        detail: 'Not counted: no stats source.',
      },
      {
        factor: 'cost',
        applies: true,
        raw: closeTo(0.002),
        normalized: 0,
        weight: 0.3,
        share: closeTo(0.375),
        contribution: 0,
        detail: '$0.002 per request of 1,000 input and 500 output tokens.',
      },
      {
        factor: 'taskFit',
        applies: true,
        raw: 1,
        normalized: 1,
        weight: 0.2,
        share: closeTo(0.25),
        contribution: closeTo(0.25),
        detail: 'Matches 1 of 1 affinity of task "general_chat".',
      },
      {
        factor: 'locality',
        applies: false,
        raw: null,
        normalized: null,
        weight: 0.2,
        share: 0,
        contribution: 0,
        detail: 'Not counted: the request has no locality preference.',
      },
      {
        factor: 'free',
        applies: false,
        raw: 0,
        normalized: null,
        weight: 0.2,
        share: 0,
        contribution: 0,
        detail: 'Not counted: preferFree is off.',
      },
      {
        factor: 'hardware',
        applies: false,
        raw: null,
        normalized: null,
        weight: 0.1,
        share: 0,
        contribution: 0,
        detail: 'Not counted: runs remotely.',
      },
    ]);
    const sum = second?.factors.reduce((total, factor) => total + factor.contribution, 0);
    expect(sum).toBeCloseTo(second?.score ?? Number.NaN, 12);
  });

  it('gives the scores and order of rankModels', () => {
    const models = [paid, free, localModel('local')];
    const ranking = rankModels(models, {}, { hardware: machine(8, 16) });
    const explanation = explainRanking(models, {}, { hardware: machine(8, 16) });
    expect(explanation.ranked.map(({ model, score, rank }) => ({ model, score, rank }))).toEqual(ranking.ranked);
  });

  it('describes measurements, preferences, safety and hardware', () => {
    const measured = localModel('measured', {
      weights: { sizeBytes: 2e9, parameterCount: 1e10 },
      safety: { value: 9, source: 'audit' },
    });
    const split = localModel('split', { weights: { sizeBytes: 12e9, parameterCount: 1e10 } });
    const cpu = localModel('cpu', { weights: { sizeBytes: 30e9, parameterCount: 1e10 } });
    const sizeless = localModel('sizeless');
    const remote = remoteModel('remote', { pricing: {} });
    const source = statsSource({
      'ollama/measured': stats({
        sampleCount: 40,
        successRate: 0.975,
        latencyMs: { p50: 500, p95: 1250 },
        timeToFirstTokenMs: { p50: 100, p95: 320 },
        tokensPerSecond: 42.5,
      }),
      'ollama/split': stats({ sampleCount: 2, successRate: 0.5 }),
    });
    const explanation = explainRanking(
      [measured, split, cpu, sizeless, remote],
      { task: 'therapeutic_response', locality: 'prefer_local' },
      { hardware: machine(8, 32), stats: source, preferFree: true },
    );
    const details = Object.fromEntries(
      explanation.ranked.map((entry) => [entry.model.modelId, byFactor(entry.factors)]),
    );
    expect(details.measured?.performance).toMatchObject({
      raw: 1250,
      detail: '97.5% success over 40 calls, p95 latency 1,250 ms, p95 time to first token 320 ms, 42.5 tokens/s.',
    });
    expect(details.split?.performance?.detail).toBe('50% success over 2 calls.');
    expect(details.remote?.performance).toMatchObject({ raw: null, detail: 'No measurements: counts as 0.5.' });
    expect(details.measured?.safety).toMatchObject({ applies: true, raw: 9, detail: 'Safety 9/10 (audit).' });
    expect(details.remote?.safety).toMatchObject({ applies: true, raw: null, detail: 'No safety score: counts as 0.' });
    expect(details.remote?.quality?.detail).toBe('No quality score: counts as 0.5.');
    expect(details.remote?.cost).toMatchObject({
      raw: null,
      normalized: 0,
      detail: 'Unknown price (unknown is not free): scored as the dearest.',
    });
    expect(details.measured?.locality).toMatchObject({
      raw: 1,
      normalized: 1,
      detail: 'Runs locally; the request prefers local models.',
    });
    expect(details.remote?.locality).toMatchObject({
      raw: 0,
      normalized: 0,
      detail: 'Runs remotely; the request prefers local models.',
    });
    expect(details.measured?.free?.detail).toBe('The provider reports it free; free models are preferred.');
    expect(details.remote?.free).toMatchObject({
      raw: 0,
      normalized: 0,
      detail: 'Not reported free; free models are preferred.',
    });
    // 2e9 × 1.1 + 150,000 × 4096 = 2,814,400,000 bytes = 2.6 GiB.
    expect(details.measured?.hardware).toMatchObject({
      applies: true,
      raw: 2_814_400_000,
      detail: 'Fits in GPU memory: needs 2.6 GiB; 8.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    });
    // 12e9 × 1.1 + 614,400,000 = 13,814,400,000 bytes = 12.9 GiB.
    expect(details.split?.hardware).toMatchObject({
      raw: expect.closeTo(13_814_400_000, 0),
      detail:
        'Fits partly in GPU memory: needs 12.9 GiB; 8.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    });
    // 30e9 × 1.1 + 614,400,000 = 33,614,400,000 bytes = 31.3 GiB: above 8 GiB of VRAM, within 8 + 32 GiB.
    expect(details.cpu?.hardware?.detail).toBe(
      'Fits partly in GPU memory: needs 31.3 GiB; 8.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    );
    expect(details.sizeless?.hardware).toMatchObject({
      raw: null,
      normalized: 0.5,
      detail: 'Size unknown: counts as 0.5.',
    });
    expect(details.remote?.hardware).toMatchObject({ applies: false, detail: 'Not counted: runs remotely.' });
  });

  it('quotes the VRAM need when the model fits there, the RAM need otherwise', () => {
    const estimated = localModel('estimated', {
      weights: { memoryEstimates: [{ contextLength: 8192, ramBytes: 9 * 2 ** 30, vramBytes: 7 * 2 ** 30 }] },
    });
    const inVram = byFactor(explainRanking([estimated], {}, { hardware: machine(8, 32) }).ranked[0]?.factors ?? []);
    expect(inVram.hardware).toMatchObject({
      raw: 7 * 2 ** 30,
      detail: 'Fits in GPU memory: needs 7.0 GiB; 8.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    });
    const split = byFactor(explainRanking([estimated], {}, { hardware: machine(6, 32) }).ranked[0]?.factors ?? []);
    expect(split.hardware).toMatchObject({
      raw: 9 * 2 ** 30,
      detail:
        'Fits partly in GPU memory: needs 9.0 GiB; 6.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    });
  });

  it('describes RAM-only placement, missing hardware, and tasks without affinities', () => {
    const cpu = localModel('cpu', { weights: { sizeBytes: 10e9, parameterCount: 1e10 } });
    const onCpu = explainRanking([cpu], {}, { hardware: machine(0, 32) }).ranked[0];
    expect(byFactor(onCpu?.factors ?? []).hardware?.detail).toBe(
      'Runs from system memory only: needs 10.8 GiB; 0.0 GiB of GPU memory and 32.0 GiB of system memory available.',
    );
    const noHardware = explainRanking(
      [cpu],
      { task: 'summarize' },
      { taskProfiles: { summarize: { capabilities: {} } } },
    ).ranked[0];
    const factors = byFactor(noHardware?.factors ?? []);
    expect(factors.hardware).toMatchObject({ applies: false, raw: null, detail: 'Not counted: no hardware profile.' });
    expect(factors.taskFit).toMatchObject({
      applies: false,
      raw: 0,
      detail: 'Not counted: task "summarize" has no affinities.',
    });
  });

  it('lists rejected models with their reasons', () => {
    const explanation = explainRanking([remoteModel('x', { pricing: {} })], { maxCostPerRequest: 0 });
    expect(explanation.ranked).toEqual([]);
    expect(explanation.rejected[0]?.reasons.map((reason) => reason.code)).toEqual(['cost_unknown']);
  });

  it('shows share 0 for every factor when no factor that applies has weight', () => {
    const [entry] = explainRanking([paid], {}, { weights: { quality: 0, cost: 0, taskFit: 0 } }).ranked;
    expect(entry?.score).toBe(0);
    expect(entry?.factors.every((factor) => factor.share === 0 && factor.contribution === 0)).toBe(true);
    expect(byFactor(entry?.factors ?? []).quality).toMatchObject({ applies: true, normalized: 0.8 });
  });

  it('checks requirements and options', () => {
    expect(() => explainRanking([], { minSafety: -1 })).toThrow(ConfigError);
    expect(() => explainRanking([], {}, { memoryContextLength: 0 })).toThrow(ConfigError);
  });
});
