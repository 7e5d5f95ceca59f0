import type { ModelInfo, ModelPerformanceStats } from '@modelyard/core';
import type { SelectionPlan } from '../plan/selection-plan';
import type { PreparedModels } from '../prepared/prepared-models';
import { checkLatency, checkMemory, createEvidence, type Evidence, readMemoryFit, statsOf } from './evidence';
import { listingVerdictsFor } from './listing-verdicts';
import { listingRejections } from './model-checks';
import type { RejectionCode, RejectionReason } from './rejection';
import { describeRejection } from './rejection-messages';

/**
 * The first constraint model `index` breaks, or `null` when it passes every one. Listing checks
 * come first (their verdicts are computed once per model list and constraints); stats and the memory fit are read only for models that pass them, and are left in
 * `evidence` for scoring.
 */
export function firstRejection(
  prepared: PreparedModels,
  index: number,
  plan: SelectionPlan,
  evidence: Evidence,
): RejectionCode | null {
  evidence.stats = undefined;
  evidence.hasReadStats = false;
  const code = listingVerdictsFor(prepared, plan).codes[index] as RejectionCode | null;
  if (code !== null) return code;
  evidence.stats = statsOf(prepared.models[index] as ModelInfo, plan);
  evidence.hasReadStats = true;
  const latency = checkLatency(evidence.stats, plan);
  if (latency !== null) return latency;
  readMemoryFit(prepared, index, plan, evidence);
  return checkMemory(evidence.fit);
}

/**
 * Every constraint model `index` breaks, each with its sentence (empty when it passes).
 * @param decided what the decision read, when it got as far as stats: a latency reason then
 *   quotes the same figures. Without it, stats are read from the source.
 */
export function rejectionReasons(
  prepared: PreparedModels,
  index: number,
  plan: SelectionPlan,
  decided?: { stats: ModelPerformanceStats | undefined },
): RejectionReason[] {
  const model = prepared.models[index] as ModelInfo;
  const evidence = createEvidence();
  // Stats only matter to reasons through the latency cap.
  const needsStats = decided === undefined && plan.requirements.maxLatencyMs !== undefined;
  evidence.stats = needsStats ? statsOf(model, plan) : decided?.stats;
  readMemoryFit(prepared, index, plan, evidence);
  const codes = listingRejections(prepared, index, plan);
  const latency = checkLatency(evidence.stats, plan);
  if (latency !== null) codes.push(latency);
  const memory = checkMemory(evidence.fit);
  if (memory !== null) codes.push(memory);
  return codes.map((code) => ({ code, message: describeRejection(code, prepared, index, plan, evidence) }));
}
