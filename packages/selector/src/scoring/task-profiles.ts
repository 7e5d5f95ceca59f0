import type { BuiltInTask, Capability } from '@modelyard/core';
import type { FactorWeights } from './factors';

/**
 * What a task looks for in a model. The task-fit factor sums the affinities a model matches and
 * divides by the most any model could match (every capability affinity plus the largest family
 * affinity).
 */
export interface TaskProfile {
  /** Affinity (≥ 0) per capability a model may have. */
  capabilities: Partial<Record<Capability, number>>;
  /**
   * Affinity (≥ 0) per model family, matched case-insensitively as a substring of the model's
   * `weights.family` or id (`llama` matches `meta-llama/llama-3.1-8b-instruct`). The largest match counts.
   */
  families: Record<string, number>;
  /** The task asks for the safety factor even when the request sets no `minSafety`. */
  asksForSafety: boolean;
  /** Weights for this task, over the selector's weights. */
  weights: Partial<FactorWeights>;
}

/** A task profile as a user writes it: every field optional. */
export type TaskProfileInput = Partial<TaskProfile>;

const profile = (capabilities: TaskProfile['capabilities'], asksForSafety = false): TaskProfile => ({
  capabilities,
  families: {},
  asksForSafety,
  weights: {},
});

/**
 * Profiles of TTA's eight tasks. They name capabilities only: which model families do a task well
 * changes every few months, so family affinities are left to the user's configuration. A custom
 * task without a profile is scored like `general_chat`.
 */
export const BUILT_IN_TASK_PROFILES: Readonly<Record<BuiltInTask, Readonly<TaskProfile>>> = Object.freeze({
  narrative_generation: profile({ long_context: 1, streaming: 0.5 }),
  dialogue_generation: profile({ streaming: 1 }),
  character_development: profile({ long_context: 1, structured_output: 0.5 }),
  therapeutic_response: profile({ streaming: 1 }, true),
  world_building: profile({ long_context: 1, structured_output: 0.5, json: 0.5 }),
  choice_generation: profile({ structured_output: 1, json: 1 }),
  consequence_analysis: profile({ reasoning: 1, structured_output: 0.5 }),
  general_chat: profile({ streaming: 1 }),
});
