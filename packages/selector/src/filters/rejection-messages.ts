import type { ModelInfo } from '@modelyard/core';
import type { MachineMemory } from '../hardware/machine-memory';
import type { SelectionPlan } from '../plan/selection-plan';
import { capabilityBit } from '../prepared/capability-mask';
import type { PreparedModels } from '../prepared/prepared-models';
import { requestCostAt } from '../prepared/request-cost';
import type { Evidence } from './evidence';
import { formatCount, formatGibibytes, formatUsd } from './format';
import type { RejectionCode } from './rejection';

function missingCapabilities(prepared: PreparedModels, index: number, plan: SelectionPlan): string {
  const mask = prepared.capabilities[index] as number;
  return plan.requirements.requiredCapabilities
    .filter((capability) => (mask & capabilityBit(capability)) === 0)
    .join(', ');
}

function memoryMessage(plan: SelectionPlan, evidence: Evidence): string {
  // Only a model of known size on a known machine can fail to fit.
  const machine = plan.machine as MachineMemory;
  return `The model needs about ${formatGibibytes(evidence.ramBytes)} of memory at ${formatCount(plan.memoryContextLength)} tokens of context; this machine offers ${formatGibibytes(machine.gpuBytes)} of GPU memory and ${formatGibibytes(machine.systemBytes)} of system memory.`;
}

/** The sentence for one rejection: what the model has against what the request needs. */
export function describeRejection(
  code: RejectionCode,
  prepared: PreparedModels,
  index: number,
  plan: SelectionPlan,
  evidence: Evidence,
): string {
  const requirements = plan.requirements;
  const model = prepared.models[index] as ModelInfo;
  const caps = requirements.maxPricePerMillionTokens;
  switch (code) {
    case 'model_denied':
      return 'The model is in denyModels.';
    case 'provider_denied':
      return `Provider "${model.providerId}" is in denyProviders.`;
    case 'provider_not_allowed':
      return `Provider "${model.providerId}" is not in allowProviders (${requirements.allowProviders?.join(', ')}).`;
    case 'locality_mismatch':
      return `The model runs ${model.locality === 'local' ? 'locally' : 'remotely'}; the request wants ${requirements.locality === 'local_only' ? 'local' : 'remote'} models only.`;
    case 'not_free':
      return 'The provider does not report the model free; the request wants free models only.';
    case 'context_unknown':
      return `The context length is unknown; the request needs at least ${formatCount(requirements.minContextLength ?? 0)} tokens.`;
    case 'context_too_short':
      return `The context length of ${formatCount(model.contextLength ?? 0)} tokens is below the required ${formatCount(requirements.minContextLength ?? 0)}.`;
    case 'capability_missing':
      return `The model lacks required capabilities: ${missingCapabilities(prepared, index, plan)}.`;
    case 'input_price_unknown':
      return `The input price is unknown (unknown is not free); the request caps it at ${formatUsd(caps?.input ?? 0)} per million tokens.`;
    case 'input_price_above_cap':
      return `The input price of ${formatUsd((prepared.inputPrice[index] as number) * 1_000_000)} per million tokens is above the cap of ${formatUsd(caps?.input ?? 0)}.`;
    case 'output_price_unknown':
      return `The output price is unknown (unknown is not free); the request caps it at ${formatUsd(caps?.output ?? 0)} per million tokens.`;
    case 'output_price_above_cap':
      return `The output price of ${formatUsd((prepared.outputPrice[index] as number) * 1_000_000)} per million tokens is above the cap of ${formatUsd(caps?.output ?? 0)}.`;
    case 'cost_unknown':
      return `The cost per request is unknown (a price, or the expected token count it applies to, is missing); the request caps it at ${formatUsd(requirements.maxCostPerRequest ?? 0)}.`;
    case 'cost_above_cap':
      return `The estimated cost of ${formatUsd(requestCostAt(prepared, index, plan.filterTokens))} per request is above the cap of ${formatUsd(requirements.maxCostPerRequest ?? 0)}.`;
    case 'quality_unknown':
      return `The model has no quality score; the request needs at least ${requirements.minQuality}.`;
    case 'quality_below_minimum':
      return `The quality score of ${model.quality?.value} is below the required ${requirements.minQuality}.`;
    case 'safety_unknown':
      return `The model has no safety score; the request needs at least ${requirements.minSafety}.`;
    case 'safety_below_minimum':
      return `The safety score of ${model.safety?.value} is below the required ${requirements.minSafety}.`;
    case 'latency_above_cap':
      return `The measured p95 latency of ${formatCount(evidence.stats?.latencyMs?.p95 ?? 0)} ms is above the cap of ${formatCount(requirements.maxLatencyMs ?? 0)} ms.`;
    case 'insufficient_memory':
      return memoryMessage(plan, evidence);
  }
}
