// @modelyard/selector: which model should serve a request, and why. Filters with reasons, weighted
// and explainable scoring, deterministic ranking, hardware detection and memory-fit estimates.

export { createSelector, type Selector } from './create-selector';
export { filterModels } from './filters/filter-models';
export {
  type FilterResult,
  REJECTION_CODES,
  type RejectedModel,
  type RejectionCode,
  type RejectionReason,
} from './filters/rejection';
export { type DetectHardwareOptions, detectHardware } from './hardware/detect-hardware';
export type { MachineMemory } from './hardware/machine-memory';
export {
  estimateMemoryFit,
  type MemoryFit,
  type MemoryFitEstimate,
  type MemoryFitOptions,
} from './hardware/memory-fit';
export {
  estimateModelMemory,
  KV_CACHE_BYTES_PER_SQRT_PARAMETER,
  type ModelMemory,
  RUNTIME_OVERHEAD_SHARE,
  UNKNOWN_QUANTIZATION_BITS,
} from './hardware/model-memory';
export { bitsPerWeight } from './hardware/quantization';
export type {
  CpuFacts,
  GraphicsControllerFacts,
  MemoryFacts,
  OsFacts,
  SystemInformationProbe,
} from './hardware/system-facts';
export {
  DEFAULT_MEMORY_CONTEXT_LENGTH,
  type ResolvedSelectionOptions,
  resolveSelectionOptions,
  type SelectionOptions,
} from './options/selection-options';
export { DEFAULT_SCORING_TOKENS } from './plan/selection-plan';
export {
  explainRanking,
  type FactorExplanation,
  type ModelExplanation,
  type RankingExplanation,
} from './scoring/explain-ranking';
export { UNKNOWN_QUALITY_FACTOR, UNMEASURED_PERFORMANCE_FACTOR } from './scoring/factor-values';
export { DEFAULT_WEIGHTS, FACTOR_NAMES, type FactorName, type FactorWeights } from './scoring/factors';
export { type RankedModel, type Ranking, rankModels } from './scoring/rank-models';
export { selectModel } from './scoring/select-model';
export {
  BUILT_IN_TASK_PROFILES,
  type TaskProfile,
  type TaskProfileInput,
} from './scoring/task-profiles';
