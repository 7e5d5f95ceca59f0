import { z } from 'zod';
import { errorKindSchema } from '../errors/error-kind';
import { type ModelIdentity, modelIdentitySchema } from '../model/identity';

/**
 * One attempt at one call, as the fallback runner (or any caller) reports it to a
 * {@link MetricsSink}. Durations in milliseconds, cost in USD; `null` when unknown.
 */
export const callSampleSchema = z.object({
  model: modelIdentitySchema,
  /** `ok`, or the error kind of the failure. */
  outcome: z.union([z.literal('ok'), errorKindSchema]),
  /** When the attempt ended, in ms since the epoch. */
  timestamp: z.number().finite(),
  /** From the start of the attempt to its end. */
  latencyMs: z.number().finite().min(0),
  /** From the start to the first text token; `null` when none came. */
  timeToFirstTokenMs: z.number().finite().min(0).nullable(),
  inputTokens: z.int().min(0).nullable(),
  outputTokens: z.int().min(0).nullable(),
  tokensPerSecond: z.number().finite().min(0).nullable(),
  costUsd: z.number().finite().min(0).nullable(),
  /** The task of the request (built-in or custom), when known. */
  task: z.string().min(1).nullable(),
  /** Whether the call was streamed. */
  isStreaming: z.boolean(),
});

/** One attempt at one call; see {@link callSampleSchema}. */
export type CallSample = z.output<typeof callSampleSchema>;

/** Where call samples go (the monitor implements it). `record` must be cheap and must not throw. */
export interface MetricsSink {
  record(sample: CallSample): void;
}

/** Measured performance of one model over a recent window, as the selector reads it. */
export interface ModelPerformanceStats {
  /** Attempts counted. */
  sampleCount: number;
  /** Successful attempts / attempts, 0–1. */
  successRate: number;
  /** Latency quantiles in milliseconds; `null` when no successful attempt was measured. */
  latencyMs: { p50: number; p95: number } | null;
  /** Time-to-first-token quantiles in milliseconds; `null` when unmeasured. */
  timeToFirstTokenMs: { p50: number; p95: number } | null;
  /** Median output tokens per second; `null` when unmeasured. */
  tokensPerSecond: number | null;
  /** The window these figures cover, in milliseconds. */
  windowMs: number;
}

/**
 * Live performance figures for the selector (the monitor implements it). Synchronous: ranking
 * reads it for every candidate and must not wait. `undefined` means "no data for this model".
 */
export interface PerformanceStatsSource {
  getModelStats(model: ModelIdentity): ModelPerformanceStats | undefined;
}
