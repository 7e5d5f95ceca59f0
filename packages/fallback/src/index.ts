// @modelyard/fallback: runs one request over ranked candidate models with retries, circuit
// breakers, deadlines and honest streaming fallback.

export { backoffDelayMs, retryWaitMs } from './backoff';
export { type FallbackCallOptions, fallbackCallOptionsSchema } from './call-options';
export type { Candidate, ModelCandidate, ProviderCandidate } from './candidate';
export type { BreakerState } from './circuit-breaker';
export { ERROR_POLICY, type FailureAction, type KindPolicy } from './error-policy';
export {
  FallbackError,
  type FallbackErrorOptions,
  type FallbackErrorReason,
  type SkippedCandidate,
} from './fallback-error';
export type { AttemptRecord, BreakerChangeEvent, FallbackEvent, FallbackHooks } from './fallback-events';
export {
  type BreakerSettings,
  breakerSettingsSchema,
  type FallbackOptions,
  type FallbackSettings,
  fallbackOptionsSchema,
  STRATEGIES,
  type Strategy,
  type Timeouts,
  timeoutsSchema,
} from './fallback-options';
export { createFallbackRunner, type FallbackRunner } from './fallback-runner';
export type { FallbackGenerateResult } from './run-generate';
export type { FallbackStream, FallbackStreamPart, StreamRestartPart } from './run-stream';
