import { z } from 'zod';
import { modelIdentitySchema } from '../model/identity';

/**
 * Why generation ended.
 * - `stop`: the model finished or hit a stop sequence.
 * - `length`: `maxOutputTokens` or the context window was reached.
 * - `content_filter`: the provider cut the answer for its content.
 * - `tool_calls`: the model wants a tool called.
 * - `other`: the server said something else; `unknown`: it said nothing.
 */
export const finishReasonSchema = z.enum(['stop', 'length', 'content_filter', 'tool_calls', 'other', 'unknown']);

/** See {@link finishReasonSchema}. */
export type FinishReason = z.output<typeof finishReasonSchema>;

const countSchema = z.int().min(0).nullable();

/** Token counts reported by the server; `null` when it did not report them (never guessed). */
export const usageSchema = z.object({
  inputTokens: countSchema,
  outputTokens: countSchema,
  /** Usually input + output; some servers count more (reasoning tokens). */
  totalTokens: countSchema,
});

/** See {@link usageSchema}. */
export type Usage = z.output<typeof usageSchema>;

/** Usage with every count unknown. */
export const UNKNOWN_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: null,
  outputTokens: null,
  totalTokens: null,
});

const durationSchema = z.number().finite().min(0);

/** How long the call took. All durations in milliseconds. */
export const timingsSchema = z.object({
  /** From the call to the last byte. */
  totalMs: durationSchema,
  /** From the call to the first text token; `null` when no token came or it is unmeasurable. */
  timeToFirstTokenMs: durationSchema.nullable(),
  /** Output tokens per second of generation, from server counters when it has them; `null` when unknown. */
  tokensPerSecond: z.number().finite().min(0).nullable(),
  /** Time the server spent loading the model for this call; `null` when not reported. */
  loadMs: durationSchema.nullable().default(null),
});

/** See {@link timingsSchema}. */
export type Timings = z.output<typeof timingsSchema>;

/** What a non-streamed call returns. */
export const generateResultSchema = z.object({
  /** The generated text. */
  text: z.string(),
  finishReason: finishReasonSchema,
  usage: usageSchema,
  timings: timingsSchema,
  /** The model that answered (a router such as OpenRouter may answer with another than asked). */
  model: modelIdentitySchema,
  /** Cost of this call in USD from the model's prices and the usage; `null` when unknown. */
  costUsd: z.number().finite().min(0).nullable(),
  /**
   * Things the caller should know: options this provider does not support and did not send,
   * a model substitution. Nothing is dropped silently.
   */
  warnings: z.array(z.string()).default([]),
  /** Provider-specific facts (the server's request id, the routed upstream provider). */
  providerMetadata: z.record(z.string(), z.unknown()).default({}),
});

/** What a non-streamed call returns; see {@link generateResultSchema}. */
export type GenerateResult = z.output<typeof generateResultSchema>;
