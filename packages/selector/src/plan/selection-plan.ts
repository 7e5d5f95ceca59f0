import {
  type Capability,
  formatModelKey,
  type ModelRequirements,
  type ModelRequirementsInput,
  modelRequirementsSchema,
  parseWithSchema,
  type TokenCounts,
} from '@modelyard/core';
import type { ListingVerdicts } from '../filters/listing-verdicts';
import { capLimit } from '../filters/price-tolerance';
import { type MachineMemory, machineMemory } from '../hardware/machine-memory';
import { type ResolvedSelectionOptions, taskProfileFor } from '../options/selection-options';
import { capabilitiesMask, capabilityBit } from '../prepared/capability-mask';
import type { PreparedModels } from '../prepared/prepared-models';
import { FACTOR_NAMES, type FactorWeights } from '../scoring/factors';
import type { TaskProfile } from '../scoring/task-profiles';

/** Tokens of a request assumed by the cost factor when the requirements give no expected counts. */
export const DEFAULT_SCORING_TOKENS: Readonly<{ inputTokens: number; outputTokens: number }> = Object.freeze({
  inputTokens: 1000,
  outputTokens: 500,
});

/** Requirements and options compiled once per call, so that the per-model work is lookups and comparisons. */
export interface SelectionPlan {
  requirements: ModelRequirements;
  options: ResolvedSelectionOptions;
  profile: TaskProfile;
  /** The options' weights with the task profile's on top. */
  weights: FactorWeights;
  /** {@link weights} in {@link FACTOR_NAMES} order. */
  weightVector: Float64Array;
  asksForSafety: boolean;
  /** A stats source is given: the performance factor applies. */
  usesStats: boolean;
  /** `local` / `remote` when the requirements prefer one, else `null`. */
  preferredLocality: 'local' | 'remote' | null;
  /** Bits of the required capabilities. */
  requiredCapabilityMask: number;
  /** The profile's capability affinities as `[capability bit, affinity]`. */
  capabilityAffinities: readonly (readonly [number, number])[];
  familyAffinities: readonly (readonly [string, number])[];
  /** The most task fit a model can reach; 0 when the profile has no affinities. */
  taskFitMaximum: number;
  allowedProviders: ReadonlySet<string> | null;
  deniedProviders: ReadonlySet<string>;
  deniedModelKeys: ReadonlySet<string>;
  /** Memory the machine offers; `null` without a hardware profile. */
  machine: MachineMemory | null;
  /** Context the memory estimate of local models assumes, in tokens. */
  memoryContextLength: number;
  /** Largest input / output price per token that passes the caps (tolerance included; ∞ without a cap). */
  inputPriceLimit: number;
  outputPriceLimit: number;
  /** Largest cost per request that passes `maxCostPerRequest` (∞ without a cap). */
  costLimit: number;
  /** Token counts for the `maxCostPerRequest` filter: as given, `null` when absent. */
  filterTokens: TokenCounts;
  /** Token counts for the cost factor: as given, else {@link DEFAULT_SCORING_TOKENS}. */
  scoringTokens: TokenCounts;
  /**
   * The provider verdict for each distinct provider of the last model list checked, so that the
   * allow/deny lists cost one lookup per provider, not per model.
   */
  providerVerdicts: {
    prepared: PreparedModels;
    verdicts: ('provider_denied' | 'provider_not_allowed' | null)[];
  } | null;
  /** The listing verdicts on the last model list checked (see `listingVerdictsFor`). */
  listingVerdicts: ListingVerdicts | null;
}

function taskFitMaximum(
  capabilities: readonly (readonly [number, number])[],
  families: readonly (readonly [string, number])[],
) {
  let total = 0;
  for (const [, affinity] of capabilities) total += affinity;
  let largestFamily = 0;
  for (const [, affinity] of families) largestFamily = Math.max(largestFamily, affinity);
  return total + largestFamily;
}

/**
 * Parses the requirements and compiles them with the options into a {@link SelectionPlan}.
 * @throws ConfigError naming the field when the requirements are malformed.
 */
export function compilePlan(input: ModelRequirementsInput, options: ResolvedSelectionOptions): SelectionPlan {
  const requirements = parseWithSchema(modelRequirementsSchema, input, 'ModelRequirements');
  const profile = taskProfileFor(options, requirements.task);
  const capabilityAffinities = (Object.entries(profile.capabilities) as [Capability, number][]).map(
    ([capability, affinity]) => [capabilityBit(capability), affinity] as const,
  );
  const familyAffinities = Object.entries(profile.families);
  const { locality, expectedInputTokens, expectedOutputTokens, maxPricePerMillionTokens } = requirements;
  const weights = { ...options.weights, ...profile.weights };
  const asksForSafety = requirements.minSafety !== undefined || profile.asksForSafety;
  const preferredLocality = locality === 'prefer_local' ? 'local' : locality === 'prefer_remote' ? 'remote' : null;
  const maximum = taskFitMaximum(capabilityAffinities, familyAffinities);
  return {
    requirements,
    options,
    profile,
    weights,
    weightVector: Float64Array.from(FACTOR_NAMES, (name) => weights[name]),
    asksForSafety,
    usesStats: options.stats !== null,
    preferredLocality,
    requiredCapabilityMask: capabilitiesMask(requirements.requiredCapabilities),
    capabilityAffinities,
    familyAffinities,
    taskFitMaximum: maximum,
    allowedProviders: requirements.allowProviders === undefined ? null : new Set(requirements.allowProviders),
    deniedProviders: new Set(requirements.denyProviders),
    deniedModelKeys: new Set(requirements.denyModels.map(formatModelKey)),
    machine: options.hardware === null ? null : machineMemory(options.hardware),
    memoryContextLength: requirements.minContextLength ?? options.memoryContextLength,
    inputPriceLimit: capLimit(maxPricePerMillionTokens?.input, 1_000_000),
    outputPriceLimit: capLimit(maxPricePerMillionTokens?.output, 1_000_000),
    costLimit: capLimit(requirements.maxCostPerRequest),
    filterTokens: { inputTokens: expectedInputTokens ?? null, outputTokens: expectedOutputTokens ?? null },
    scoringTokens: {
      inputTokens: expectedInputTokens ?? DEFAULT_SCORING_TOKENS.inputTokens,
      outputTokens: expectedOutputTokens ?? DEFAULT_SCORING_TOKENS.outputTokens,
    },
    providerVerdicts: null,
    listingVerdicts: null,
  };
}
