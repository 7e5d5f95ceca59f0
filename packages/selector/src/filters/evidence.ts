import type { ModelInfo, ModelPerformanceStats } from '@modelyard/core';
import { type MemoryFit, placeModel } from '../hardware/memory-fit';
import { estimateModelMemory, type ModelMemory } from '../hardware/model-memory';
import type { SelectionPlan } from '../plan/selection-plan';
import type { PreparedModels } from '../prepared/prepared-models';
import type { RejectionCode } from './rejection';

/**
 * What the checks read beyond the listing: measured performance and the memory fit of a local
 * model. One holder is reused for every model of a call, so the hot path allocates nothing.
 */
export interface Evidence {
  /** Measured stats; `undefined` without a source, without data, or without samples. */
  stats: ModelPerformanceStats | undefined;
  /** Whether the checks got as far as reading stats. */
  hasReadStats: boolean;
  /** Where the model runs here; `null` when that does not apply (remote model, or no hardware). */
  fit: MemoryFit | null;
  /** Memory needed on the CPU / GPU, in bytes; `NaN` when unknown or not applicable. */
  ramBytes: number;
  vramBytes: number;
}

/** A fresh {@link Evidence} holder. */
export function createEvidence(): Evidence {
  return { stats: undefined, hasReadStats: false, fit: null, ramBytes: Number.NaN, vramBytes: Number.NaN };
}

/** The model's measured performance, or `undefined` when there is no source or no sample. */
export function statsOf(model: ModelInfo, plan: SelectionPlan): ModelPerformanceStats | undefined {
  const stats = plan.options.stats?.getModelStats(model);
  return stats !== undefined && stats.sampleCount > 0 ? stats : undefined;
}

/** Fills in where local model `index` runs on this machine (see {@link Evidence}). */
export function readMemoryFit(prepared: PreparedModels, index: number, plan: SelectionPlan, evidence: Evidence): void {
  evidence.fit = null;
  evidence.ramBytes = Number.NaN;
  evidence.vramBytes = Number.NaN;
  const { machine } = plan;
  if (prepared.isLocal[index] === 0 || machine === null) return;
  if (prepared.hasMemoryEstimates[index] === 1) {
    // Never null here: with estimates listed there is always one to fall back on.
    const memory = estimateModelMemory((prepared.models[index] as ModelInfo).weights, plan.memoryContextLength);
    evidence.ramBytes = (memory as ModelMemory).ramBytes;
    evidence.vramBytes = (memory as ModelMemory).vramBytes;
  } else {
    const needed =
      (prepared.memoryBaseBytes[index] as number) +
      (prepared.kvCacheBytesPerToken[index] as number) * plan.memoryContextLength;
    evidence.ramBytes = needed;
    evidence.vramBytes = needed;
  }
  evidence.fit = Number.isNaN(evidence.ramBytes) ? 'unknown' : placeModel(evidence, machine);
}

/** `maxLatencyMs` against the measured p95; an unmeasured model passes. */
export function checkLatency(stats: ModelPerformanceStats | undefined, plan: SelectionPlan): RejectionCode | null {
  const cap = plan.requirements.maxLatencyMs;
  if (cap === undefined || stats === undefined || stats.latencyMs === null) return null;
  return stats.latencyMs.p95 > cap ? 'latency_above_cap' : null;
}

/** A local model that fits nowhere; an unknown fit passes. */
export function checkMemory(fit: MemoryFit | null): RejectionCode | null {
  return fit === 'does_not_fit' ? 'insufficient_memory' : null;
}
