import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions, type SelectionOptions } from '../options/selection-options';
import { compilePlan } from '../plan/selection-plan';
import { prepareModels } from '../prepared/prepared-models';
import { GIB, localModel, machine, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { checkLatency, checkMemory, createEvidence, readMemoryFit, statsOf } from './evidence';

const planWith = (options: SelectionOptions, requirements = {}) =>
  compilePlan(requirements, resolveSelectionOptions(options));

describe('statsOf', () => {
  const model = remoteModel('x');

  it('reads the source by identity', () => {
    const measured = stats({ sampleCount: 3 });
    const source = statsSource({ 'cloud/x': measured });
    expect(statsOf(model, planWith({ stats: source }))).toBe(measured);
    expect(source.calls).toBe(1);
    expect(statsOf(remoteModel('y'), planWith({ stats: source }))).toBeUndefined();
  });

  it('counts stats without samples as none, and no source as none', () => {
    expect(statsOf(model, planWith({ stats: statsSource({ 'cloud/x': stats({ sampleCount: 0 }) }) }))).toBeUndefined();
    expect(statsOf(model, planWith({ stats: statsSource({ 'cloud/x': stats({ sampleCount: 1 }) }) }))).toBeDefined();
    expect(statsOf(model, planWith({}))).toBeUndefined();
  });
});

describe('checkLatency', () => {
  const plan = (maxLatencyMs?: number) => planWith({}, maxLatencyMs === undefined ? {} : { maxLatencyMs });
  const measured = stats({ latencyMs: { p50: 400, p95: 900 } });

  it('caps the measured p95: at passes, just above fails', () => {
    expect(checkLatency(measured, plan(901))).toBeNull();
    expect(checkLatency(measured, plan(900))).toBeNull();
    expect(checkLatency(measured, plan(899))).toBe('latency_above_cap');
    expect(checkLatency(measured, plan())).toBeNull();
  });

  it('lets an unmeasured model pass, even a cap of 0', () => {
    expect(checkLatency(undefined, plan(0))).toBeNull();
    expect(checkLatency(stats({ latencyMs: null, successRate: 0 }), plan(0))).toBeNull();
    expect(checkLatency(measured, plan(0))).toBe('latency_above_cap');
    expect(checkLatency(stats({ latencyMs: { p50: 0, p95: 0 } }), plan(0))).toBeNull();
  });
});

describe('readMemoryFit and checkMemory', () => {
  const models = [
    localModel('sized', { weights: { sizeBytes: 5e9, parameterCount: 1e10 } }),
    localModel('unknown'),
    localModel('estimated', { weights: { memoryEstimates: [{ contextLength: 8192, ramBytes: 9e9, vramBytes: 7e9 }] } }),
    remoteModel('remote'),
    localModel('huge', { weights: { parameterCount: 4e11 } }),
  ];
  const prepared = prepareModels(models);

  it('estimates local models with the formula at the plan context', () => {
    const evidence = createEvidence();
    readMemoryFit(prepared, 0, planWith({ hardware: machine(8, 16) }), evidence);
    // 5.5e9 + 150,000 × 4096.
    expect(evidence).toMatchObject({ fit: 'fits_in_vram', ramBytes: 6_114_400_000, vramBytes: 6_114_400_000 });
    readMemoryFit(prepared, 0, planWith({ hardware: machine(4, 16) }), evidence);
    expect(evidence.fit).toBe('partially_in_vram');
    readMemoryFit(prepared, 0, planWith({ hardware: machine(8, 16) }, { minContextLength: 32_768 }), evidence);
    expect(evidence.ramBytes).toBe(5.5e9 + 150_000 * 32_768);
  });

  it('reads provider estimates, and says unknown without a size', () => {
    const evidence = createEvidence();
    readMemoryFit(prepared, 2, planWith({ hardware: machine(8, 16) }), evidence);
    expect(evidence).toMatchObject({ fit: 'fits_in_vram', ramBytes: 9e9, vramBytes: 7e9 });
    readMemoryFit(prepared, 2, planWith({ hardware: machine(0, 8) }), evidence);
    expect(evidence).toMatchObject({ fit: 'does_not_fit', ramBytes: 9e9 });
    // Beyond the largest estimate, with no size to use the formula on: the largest estimate.
    readMemoryFit(prepared, 2, planWith({ hardware: machine(0, 10) }, { minContextLength: 10_000 }), evidence);
    expect(evidence).toMatchObject({ fit: 'ram_only', ramBytes: 9e9, vramBytes: 7e9 });
    readMemoryFit(prepared, 1, planWith({ hardware: machine(8, 16) }), evidence);
    expect(evidence).toMatchObject({ fit: 'unknown', ramBytes: Number.NaN, vramBytes: Number.NaN });
  });

  it('does not apply to remote models or without hardware, and resets what a previous model left', () => {
    const evidence = createEvidence();
    readMemoryFit(prepared, 0, planWith({ hardware: machine(8, 16) }), evidence);
    readMemoryFit(prepared, 3, planWith({ hardware: machine(8, 16) }), evidence);
    expect(evidence).toMatchObject({ fit: null, ramBytes: Number.NaN, vramBytes: Number.NaN });
    readMemoryFit(prepared, 0, planWith({ hardware: machine(8, 16) }), evidence);
    readMemoryFit(prepared, 0, planWith({}), evidence);
    expect(evidence).toMatchObject({ fit: null, ramBytes: Number.NaN, vramBytes: Number.NaN });
  });

  it('rejects only a model that fits nowhere', () => {
    const evidence = createEvidence();
    readMemoryFit(prepared, 4, planWith({ hardware: machine(24, 64) }), evidence);
    expect(evidence.fit).toBe('does_not_fit');
    expect(checkMemory('does_not_fit')).toBe('insufficient_memory');
    for (const fit of ['fits_in_vram', 'partially_in_vram', 'ram_only', 'unknown', null] as const) {
      expect(checkMemory(fit)).toBeNull();
    }
  });

  it('starts empty', () => {
    expect(createEvidence()).toEqual({
      stats: undefined,
      hasReadStats: false,
      fit: null,
      ramBytes: Number.NaN,
      vramBytes: Number.NaN,
    });
    expect(8 * GIB).toBe(8_589_934_592);
  });
});
