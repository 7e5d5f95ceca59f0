import type { ModelInfo } from '@modelyard/core';
import type { Evidence } from '../filters/evidence';
import { formatCount, formatGibibytes, formatUsd } from '../filters/format';
import type { MachineMemory } from '../hardware/machine-memory';
import type { MemoryFit } from '../hardware/memory-fit';
import type { SelectionPlan } from '../plan/selection-plan';
import type { FactorName } from './factors';

/** What explaining a model reads besides the model itself. */
export interface ExplainedFacts {
  plan: SelectionPlan;
  evidence: Evidence;
  /** USD per request for the scoring token counts; `NaN` when unknown. */
  costUsd: number;
  /** Raw task fit (sum of matched affinities). */
  taskFit: number;
}

/** A factor's raw value in its own unit, and a sentence about it. */
export interface FactorFacts {
  raw: number | null;
  detail: string;
}

function score(kind: string, value: { value: number; source: string } | null, unknownAs: string): FactorFacts {
  if (value === null) return { raw: null, detail: `No ${kind} score: counts as ${unknownAs}.` };
  return { raw: value.value, detail: `${kind[0]?.toUpperCase()}${kind.slice(1)} ${value.value}/10 (${value.source}).` };
}

function performance(facts: ExplainedFacts): FactorFacts {
  const { stats } = facts.evidence;
  if (facts.plan.options.stats === null) return { raw: null, detail: 'Not counted: no stats source.' };
  if (stats === undefined) return { raw: null, detail: 'No measurements: counts as 0.5.' };
  const parts = [`${formatCount(stats.successRate * 100)}% success over ${formatCount(stats.sampleCount)} calls`];
  if (stats.latencyMs !== null) parts.push(`p95 latency ${formatCount(stats.latencyMs.p95)} ms`);
  if (stats.timeToFirstTokenMs !== null) {
    parts.push(`p95 time to first token ${formatCount(stats.timeToFirstTokenMs.p95)} ms`);
  }
  if (stats.tokensPerSecond !== null) parts.push(`${formatCount(stats.tokensPerSecond)} tokens/s`);
  return { raw: stats.latencyMs?.p95 ?? null, detail: `${parts.join(', ')}.` };
}

function cost(facts: ExplainedFacts): FactorFacts {
  if (Number.isNaN(facts.costUsd))
    return { raw: null, detail: 'Unknown price (unknown is not free): scored as the dearest.' };
  const { inputTokens, outputTokens } = facts.plan.scoringTokens;
  return {
    raw: facts.costUsd,
    detail: `${formatUsd(facts.costUsd)} per request of ${formatCount(inputTokens ?? 0)} input and ${formatCount(outputTokens ?? 0)} output tokens.`,
  };
}

/** Placements of ranked models (a model that does not fit is filtered out before scoring). */
type RankedFit = Exclude<MemoryFit, 'does_not_fit'>;

const FIT_WORDS: Record<RankedFit, string> = {
  fits_in_vram: 'Fits in GPU memory',
  partially_in_vram: 'Fits partly in GPU memory',
  ram_only: 'Runs from system memory only',
  unknown: 'Size unknown: counts as 0.5',
};

function hardware(model: ModelInfo, facts: ExplainedFacts): FactorFacts {
  const { plan } = facts;
  const { fit, ramBytes, vramBytes } = facts.evidence;
  if (model.locality === 'remote') return { raw: null, detail: 'Not counted: runs remotely.' };
  if (fit === null) return { raw: null, detail: 'Not counted: no hardware profile.' };
  // A local model has a fit only when there is a machine.
  const machine = plan.machine as MachineMemory;
  const words = FIT_WORDS[fit as RankedFit];
  if (fit === 'unknown') return { raw: null, detail: `${words}.` };
  const needed = fit === 'fits_in_vram' ? vramBytes : ramBytes;
  return {
    raw: needed,
    detail: `${words}: needs ${formatGibibytes(needed)}; ${formatGibibytes(machine.gpuBytes)} of GPU memory and ${formatGibibytes(machine.systemBytes)} of system memory available.`,
  };
}

/** The raw value and sentence of one factor of one model. */
export function describeFactor(factor: FactorName, model: ModelInfo, facts: ExplainedFacts): FactorFacts {
  const { plan } = facts;
  switch (factor) {
    case 'safety':
      return plan.asksForSafety
        ? score('safety', model.safety, '0')
        : { raw: model.safety?.value ?? null, detail: 'Not counted: neither minSafety nor the task asks for safety.' };
    case 'quality':
      return score('quality', model.quality, '0.5');
    case 'performance':
      return performance(facts);
    case 'cost':
      return cost(facts);
    case 'taskFit':
      return {
        raw: facts.taskFit,
        detail:
          plan.taskFitMaximum > 0
            ? `Matches ${formatCount(facts.taskFit)} of ${formatCount(plan.taskFitMaximum)} affinity of task "${plan.requirements.task}".`
            : `Not counted: task "${plan.requirements.task}" has no affinities.`,
      };
    case 'locality':
      return {
        raw: plan.preferredLocality === null ? null : model.locality === plan.preferredLocality ? 1 : 0,
        detail:
          plan.preferredLocality === null
            ? 'Not counted: the request has no locality preference.'
            : `Runs ${model.locality === 'local' ? 'locally' : 'remotely'}; the request prefers ${plan.preferredLocality} models.`,
      };
    case 'free':
      return {
        raw: model.isFree ? 1 : 0,
        detail: plan.options.preferFree
          ? `${model.isFree ? 'The provider reports it free' : 'Not reported free'}; free models are preferred.`
          : 'Not counted: preferFree is off.',
      };
    case 'hardware':
      return hardware(model, facts);
  }
}
