import type { ModelInfo } from '@modelyard/core';

/**
 * Why a model was filtered out, one code per broken constraint:
 *
 * | code                                          | constraint                                            |
 * |-----------------------------------------------|-------------------------------------------------------|
 * | `model_denied`                                | `denyModels`                                          |
 * | `provider_denied` / `provider_not_allowed`    | `denyProviders` / `allowProviders`                    |
 * | `locality_mismatch`                           | `locality: local_only / remote_only`                  |
 * | `not_free`                                    | `freeOnly`                                            |
 * | `context_unknown` / `context_too_short`       | `minContextLength`                                    |
 * | `capability_missing`                          | `requiredCapabilities`                                |
 * | `input_price_unknown` / `input_price_above_cap` | `maxPricePerMillionTokens.input`                    |
 * | `output_price_unknown` / `output_price_above_cap` | `maxPricePerMillionTokens.output`                 |
 * | `cost_unknown` / `cost_above_cap`             | `maxCostPerRequest`                                   |
 * | `quality_unknown` / `quality_below_minimum`   | `minQuality`                                          |
 * | `safety_unknown` / `safety_below_minimum`     | `minSafety`                                           |
 * | `latency_above_cap`                           | `maxLatencyMs` (measured p95)                         |
 * | `insufficient_memory`                         | hardware fit of a local model                         |
 */
export const REJECTION_CODES = [
  'model_denied',
  'provider_denied',
  'provider_not_allowed',
  'locality_mismatch',
  'not_free',
  'context_unknown',
  'context_too_short',
  'capability_missing',
  'input_price_unknown',
  'input_price_above_cap',
  'output_price_unknown',
  'output_price_above_cap',
  'cost_unknown',
  'cost_above_cap',
  'quality_unknown',
  'quality_below_minimum',
  'safety_unknown',
  'safety_below_minimum',
  'latency_above_cap',
  'insufficient_memory',
] as const;

/** One of {@link REJECTION_CODES}. */
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** One reason a model was filtered out. */
export interface RejectionReason {
  /** Machine-readable: what to branch on. */
  code: RejectionCode;
  /** A sentence for people: what the model has and what the request needs. */
  message: string;
}

/** A model the filters removed, with every reason (not only the first). */
export interface RejectedModel {
  model: ModelInfo;
  reasons: RejectionReason[];
}

/** What {@link filterModels} returns. Both lists keep the input order. */
export interface FilterResult {
  accepted: ModelInfo[];
  rejected: RejectedModel[];
}
