import { z } from 'zod';
import { capabilitySchema } from '../model/capabilities';
import { modelIdentitySchema, providerIdSchema } from '../model/identity';

/**
 * The tasks TTA knew, each with its own weighting and affinities in the selector. Any other
 * non-empty name is a custom task; the selector treats it like `general_chat` unless configured.
 */
export const BUILT_IN_TASKS = [
  'narrative_generation',
  'dialogue_generation',
  'character_development',
  'therapeutic_response',
  'world_building',
  'choice_generation',
  'consequence_analysis',
  'general_chat',
] as const;

/** One of {@link BUILT_IN_TASKS}. */
export type BuiltInTask = (typeof BUILT_IN_TASKS)[number];

/** A built-in task or a custom task name (`summarize_ticket`). */
export type TaskType = BuiltInTask | (string & {});

/** Whether a task name is one of the built-in tasks. */
export function isBuiltInTask(task: string): task is BuiltInTask {
  return (BUILT_IN_TASKS as readonly string[]).includes(task);
}

/**
 * Where the model should run.
 * - `any`: no preference (default).
 * - `prefer_local` / `prefer_remote`: a scoring preference; the other kind still qualifies.
 * - `local_only` / `remote_only`: a hard filter.
 */
export const localitySchema = z.enum(['any', 'prefer_local', 'prefer_remote', 'local_only', 'remote_only']);

/** See {@link localitySchema}. */
export type LocalityRequirement = z.output<typeof localitySchema>;

const nonNegative = z.number().finite().min(0);
const tokenCount = z.int().min(0);

/**
 * What a request needs from a model. Every constraint is optional; an absent one does not filter.
 * `0` is a value, never "unset": `maxPricePerMillionTokens: { input: 0, output: 0 }` means
 * "free models only", `maxLatencyMs: 0` rejects every model with a measured latency.
 *
 * Unknown fields are rejected (a typo such as `maxLatency` is an error, not a silent no-op).
 */
export const modelRequirementsSchema = z
  .strictObject({
    /** The task; built-in or custom. Default `general_chat`. */
    task: z.string().min(1).default('general_chat'),
    /** Minimum context window in tokens. A model with unknown context passes only when this is unset. */
    minContextLength: tokenCount.optional(),
    /** Capabilities the model must have, all of them. */
    requiredCapabilities: z.array(capabilitySchema).default([]),
    /**
     * Maximum price in USD per million tokens (the unit providers' price pages use), per direction.
     * A model whose price is unknown fails a price cap.
     */
    maxPricePerMillionTokens: z
      .strictObject({ input: nonNegative.optional(), output: nonNegative.optional() })
      .optional(),
    /**
     * Maximum estimated cost of one request in USD, from the expected token counts and the
     * model's prices (input, output and per-request). Unknown cost fails the cap.
     */
    maxCostPerRequest: nonNegative.optional(),
    /** Maximum p95 latency in milliseconds, checked against measured stats when there are any. */
    maxLatencyMs: nonNegative.optional(),
    /** Minimum quality score (0–10). A model without a quality score fails it. */
    minQuality: z.number().min(0).max(10).optional(),
    /** Minimum safety score (0–10). Off unless given; a model without a safety score then fails it. */
    minSafety: z.number().min(0).max(10).optional(),
    /** Where the model should run. Default `any`. */
    locality: localitySchema.default('any'),
    /** Only models the provider reports as free. Default false. */
    freeOnly: z.boolean().default(false),
    /** Provider instance ids to choose from (all when absent). */
    allowProviders: z.array(providerIdSchema).min(1).optional(),
    /** Provider instance ids never to use. */
    denyProviders: z.array(providerIdSchema).default([]),
    /** Models never to use (e.g. ones that just failed). */
    denyModels: z.array(modelIdentitySchema).default([]),
    /** Expected prompt size in tokens, for cost estimates. */
    expectedInputTokens: tokenCount.optional(),
    /** Expected answer size in tokens, for cost estimates. */
    expectedOutputTokens: tokenCount.optional(),
  })
  .superRefine((requirements, context) => {
    const denied = new Set(requirements.denyProviders);
    for (const [index, providerId] of (requirements.allowProviders ?? []).entries()) {
      if (denied.has(providerId)) {
        context.addIssue({
          code: 'custom',
          path: ['allowProviders', index],
          message: `a provider not also in denyProviders ("${providerId}" is in both)`,
          input: providerId,
        });
      }
    }
  });

/** What a request needs from a model, defaults applied; see {@link modelRequirementsSchema}. */
export type ModelRequirements = z.output<typeof modelRequirementsSchema>;

/** What a caller writes: {@link ModelRequirements} with every defaulted field optional. */
export type ModelRequirementsInput = z.input<typeof modelRequirementsSchema>;
