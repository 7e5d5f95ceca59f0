import type { ErrorKind, ModelIdentity } from '@modelyard/core';
import type { BreakerState } from './circuit-breaker';

/** One attempt of a run, as hooks, results and {@link FallbackError} report it. Times in ms. */
export interface AttemptRecord {
  /** The model tried. */
  model: ModelIdentity;
  /** 1-based number of the attempt in the run. */
  attempt: number;
  /** 1-based number of the attempt on this model (2 and up are retries). */
  attemptOnModel: number;
  /** `ok`, or the error kind of the failure. */
  outcome: 'ok' | ErrorKind;
  /** The error kind, `null` for a success. */
  errorKind: ErrorKind | null;
  /** HTTP status of the failure, when it came from an HTTP answer. */
  statusCode: number | null;
  /** The error's (redacted) message, `null` for a success. */
  message: string | null;
  /** When the attempt started, on the runner's clock. */
  startedAt: number;
  /** From the start of the attempt (model loading included) to its end. */
  durationMs: number;
  /** From the start of the attempt to the first text; `null` when none came or it is unknown. */
  timeToFirstTokenMs: number | null;
  /**
   * Whether the runner scheduled a retry of the same model after this attempt (a stop or a
   * breaker opened by another run during the wait can still cancel it).
   */
  retried: boolean;
  /** Whether the attempt was a stream. */
  isStreaming: boolean;
}

/** The runner moved from a failed candidate to another one. */
export interface FallbackEvent {
  /** The model whose failure caused the move. */
  from: ModelIdentity;
  /** The model about to be tried. */
  to: ModelIdentity;
  /** The error kind of the last failure of `from`. */
  reason: ErrorKind;
  /** When, on the runner's clock. */
  at: number;
}

/** A breaker changed state. */
export interface BreakerChangeEvent {
  /** Whose breaker: one model's or a whole provider's. */
  scope: 'model' | 'provider';
  /** The model key (`formatModelKey`) or the provider id. */
  key: string;
  /** The state before (as stored: an open breaker past its cooldown turns half-open when a probe goes through). */
  from: BreakerState;
  /** The state after. */
  to: BreakerState;
  /** When, on the runner's clock. */
  at: number;
}

/**
 * Callbacks of a runner. They run synchronously, inside the run: keep them cheap. A hook that
 * throws is reported to the logger and otherwise ignored.
 */
export interface FallbackHooks {
  /** After every attempt, successful or not. */
  onAttempt?: (record: AttemptRecord) => void;
  /** When the runner moves to another candidate after a failure. */
  onFallback?: (event: FallbackEvent) => void;
  /** When a model's or provider's breaker changes state. */
  onBreakerChange?: (event: BreakerChangeEvent) => void;
}
