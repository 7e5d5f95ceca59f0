import type { Clock, Logger, MetricsSink, PerformanceStatsSource, RandomSource, StateStore } from '@modelyard/core';
import { z } from 'zod';
import type { FallbackHooks } from './fallback-events';

const durationMs = z.number().finite().min(0);

/** Deadlines of one run, in milliseconds; `null` means "no limit". */
export const timeoutsSchema = z.strictObject({
  /** Whole run, every attempt and wait included. `0` times out at once. */
  totalMs: durationMs.nullable().default(null),
  /** One attempt (loading the model included; for a stream, until its last part). */
  attemptMs: durationMs.nullable().default(null),
  /** Streams: from the start of an attempt to its first text (or its end). */
  firstTokenMs: durationMs.nullable().default(null),
  /** Streams: longest wait for the model's next part once text has started. */
  idleMs: durationMs.nullable().default(null),
});

/** Deadlines of one run; see {@link timeoutsSchema}. */
export type Timeouts = z.output<typeof timeoutsSchema>;

/** Circuit-breaker settings, shared by the per-model and the per-provider breakers. */
export const breakerSettingsSchema = z.strictObject({
  /** `false` turns every breaker off (no state is read or written). */
  enabled: z.boolean().default(true),
  /** Consecutive health failures that open a closed breaker. */
  failureThreshold: z.int().min(1).default(5),
  /** How far back the failure rate looks, in ms (kept in 10 buckets: an outcome counts for 0.9–1 × this). */
  windowMs: z.number().finite().positive().default(60_000),
  /** Outcomes needed in the window before the failure rate may open the breaker. */
  minimumSamples: z.int().min(1).default(10),
  /** How long an open breaker rejects calls before it lets probes through, in ms. */
  cooldownMs: durationMs.default(30_000),
  /** Probe calls a half-open breaker lets through at the same time. */
  halfOpenProbes: z.int().min(1).default(1),
});

/** Circuit-breaker settings; see {@link breakerSettingsSchema}. */
export type BreakerSettings = z.output<typeof breakerSettingsSchema>;

/** The order candidates are tried in; see the README's strategy table. */
export const STRATEGIES = ['ranked', 'performance', 'cost', 'availability'] as const;

/** One of {@link STRATEGIES}. */
export type Strategy = (typeof STRATEGIES)[number];

function hasMethods(...names: string[]) {
  return (value: unknown) =>
    names.every((name) => typeof (value as Record<string, unknown> | null | undefined)?.[name] === 'function');
}

const isFunction = (value: unknown) => typeof value === 'function';
const hook = z.custom<(event: never) => void>(isFunction, 'a function').optional();

/** Every option of {@link createFallbackRunner}; each number in the unit its name says. */
export const fallbackOptionsSchema = z.strictObject({
  /** How the candidates are ordered before the first attempt. */
  strategy: z.enum(STRATEGIES).default('ranked'),
  /** Retries of one candidate after a retryable failure (so at most `maxRetries + 1` attempts each). */
  maxRetries: z.int().min(0).max(100).default(3),
  /** Attempts of one run over all candidates; `null` for no cap beyond `maxRetries`. */
  maxAttempts: z.int().min(1).nullable().default(null),
  /** Base of the exponential backoff, in ms (the n-th retry waits random × min(max, base × 2ⁿ⁻¹)). */
  retryDelayMs: durationMs.default(500),
  /** Cap of the exponential backoff, in ms. */
  maxRetryDelayMs: durationMs.default(10_000),
  /** Longest server-requested wait (Retry-After) honoured, in ms; asked for longer, the runner moves on. */
  maxRetryAfterMs: durationMs.default(30_000),
  /** How long a failed model is ordered last, in ms (longer when its Retry-After says so). `0` turns it off. */
  exclusionWindowMs: durationMs.default(60_000),
  /** Failure rate (0–1) in the breaker window above which a breaker opens. */
  maxErrorRate: z.number().min(0).max(1).default(0.5),
  /** After a provider-level failure, try candidates of other providers before the same provider's. */
  preferDifferentProvider: z.boolean().default(true),
  /** `content_filter` moves on to the next candidate (`true`) or ends the run (`false`). */
  fallbackOnContentFilter: z.boolean().default(true),
  /** Streams: after text was delivered, go on with the next model behind a `restart` part (opt-in). */
  restartStreamOnFailure: z.boolean().default(false),
  /** Output tokens assumed by the cost strategy when the request sets no `maxOutputTokens`. */
  expectedOutputTokens: z.int().min(0).default(500),
  /** Circuit-breaker settings. */
  breaker: breakerSettingsSchema.prefault({}),
  /** Default deadlines of every run; a call may override them. */
  timeouts: timeoutsSchema.prefault({}),
  /** Prefix of every state-store key the runner writes. */
  keyPrefix: z.string().default('fallback/'),
  /** Time source of every wait, timeout and window; default the system clock. */
  clock: z.custom<Clock>(hasMethods('now', 'sleep'), 'a Clock: { now(), sleep(ms, signal) }').optional(),
  /** Random source of the backoff jitter, [0, 1); default `Math.random`. */
  random: z.custom<RandomSource>(isFunction, 'a function returning a number in [0, 1)').optional(),
  /** Where breaker and exclusion state lives; default a new `MemoryStateStore`. */
  stateStore: z
    .custom<StateStore>(hasMethods('get', 'set', 'delete', 'keys'), 'a StateStore: { get, set, delete, keys }')
    .optional(),
  /** Receives one `CallSample` per attempt. */
  metricsSink: z.custom<MetricsSink>(hasMethods('record'), 'a MetricsSink: { record(sample) }').optional(),
  /** Live statistics for the `performance` strategy (required by it). */
  statsSource: z
    .custom<PerformanceStatsSource>(hasMethods('getModelStats'), 'a PerformanceStatsSource: { getModelStats(model) }')
    .optional(),
  /** Where hook and sink failures are reported; default silent. */
  logger: z
    .custom<Logger>(hasMethods('debug', 'info', 'warn', 'error'), 'a Logger: { debug, info, warn, error }')
    .optional(),
  /** Callbacks on every attempt, fallback and breaker change. */
  hooks: z
    .strictObject({ onAttempt: hook, onFallback: hook, onBreakerChange: hook })
    .optional()
    .transform((value) => value as FallbackHooks | undefined),
});

/** What {@link createFallbackRunner} accepts; every field optional. */
export type FallbackOptions = z.input<typeof fallbackOptionsSchema>;

/** Options after parsing, defaults applied. */
export type FallbackSettings = z.output<typeof fallbackOptionsSchema>;
