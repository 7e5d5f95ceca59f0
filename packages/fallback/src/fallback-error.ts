import {
  type ErrorKind,
  formatModelKey,
  type ModelIdentity,
  ModelyardError,
  type SerializedModelyardError,
} from '@modelyard/core';
import type { AttemptRecord } from './fallback-events';

const FALLBACK_ERROR_MARKER = Symbol.for('@modelyard/fallback.error');

/**
 * Why a run ended without an answer:
 * - `no-candidates`: the list was empty;
 * - `exhausted`: every candidate failed or was skipped;
 * - `aborted`: the caller's signal fired;
 * - `deadline`: the total deadline passed;
 * - `stopped`: an error that ends the run at once (`aborted` from the model, or `content_filter` when
 *   `fallbackOnContentFilter` is off);
 * - `interrupted`: a stream failed after text had reached the caller.
 */
export type FallbackErrorReason = 'no-candidates' | 'exhausted' | 'aborted' | 'deadline' | 'stopped' | 'interrupted';

/** A candidate the run did not call, and why. */
export interface SkippedCandidate {
  /** The model not called. */
  model: ModelIdentity;
  /** `breaker-open`: its model or provider breaker was open; `context-too-small`: its context window is not larger than one that already overflowed; `attempt-limit`: `maxAttempts` was reached. */
  reason: 'breaker-open' | 'context-too-small' | 'attempt-limit';
}

/** What a {@link FallbackError} is built from. */
export interface FallbackErrorOptions {
  /** The error kind (see {@link FallbackError}). */
  kind: ErrorKind;
  /** Why the run ended. */
  reason: FallbackErrorReason;
  /** Every attempt of the run, in order. */
  attempts: readonly AttemptRecord[];
  /** Every candidate the run did not call. */
  skipped: readonly SkippedCandidate[];
  /** Characters of text the caller received before the failure (streams). */
  deliveredCharacters: number;
  /** The last failure's server-requested wait, in ms. */
  retryAfterMs?: number | null;
  /** The last attempt's error. */
  cause?: unknown;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

const HEADLINES: Record<FallbackErrorReason, (options: FallbackErrorOptions) => string> = {
  'no-candidates': () => 'No candidate model to try',
  exhausted: ({ attempts, skipped }) =>
    `Every candidate failed (${count(attempts.length, 'attempt')}, ${count(skipped.length, 'candidate')} skipped)`,
  aborted: ({ attempts }) => `Aborted by the caller after ${count(attempts.length, 'attempt')}`,
  deadline: ({ attempts }) => `The deadline passed after ${count(attempts.length, 'attempt')}`,
  stopped: ({ kind, attempts }) => `Stopped by a ${kind} error after ${count(attempts.length, 'attempt')}`,
  interrupted: ({ deliveredCharacters }) =>
    `The stream failed after ${count(deliveredCharacters, 'character')} had been delivered; the text received is incomplete`,
};

function describeAttempt(record: AttemptRecord): string {
  const status = record.statusCode === null ? '' : ` ${record.statusCode}`;
  const retried = record.retried ? ', retried' : '';
  return `#${record.attempt} ${formatModelKey(record.model)} ${record.outcome}${status} (${record.durationMs} ms${retried})`;
}

function describeSkip(skip: SkippedCandidate): string {
  return `${formatModelKey(skip.model)} skipped (${skip.reason})`;
}

/**
 * The error of a run that produced no (complete) answer. Its `kind` is the last attempt's
 * (`aborted` when the caller aborted, `timeout` at the deadline, `unavailable` when open breakers
 * skipped everything); `attempts` lists every attempt and `skipped` every candidate not called.
 * Recognise it with {@link FallbackError.isInstance}; `toJSON()` carries no secrets (messages
 * are redacted when errors are built).
 */
export class FallbackError extends ModelyardError {
  /** Why the run ended. */
  readonly reason: FallbackErrorReason;
  /** Every attempt, in order. */
  readonly attempts: readonly AttemptRecord[];
  /** Candidates not called, in order. */
  readonly skipped: readonly SkippedCandidate[];
  /** Characters of text delivered to the caller before the failure (streams; 0 otherwise). */
  readonly deliveredCharacters: number;

  constructor(options: FallbackErrorOptions) {
    const last = options.attempts.at(-1);
    const details = [...options.attempts.map(describeAttempt), ...options.skipped.map(describeSkip)];
    const headline = HEADLINES[options.reason](options);
    super({
      kind: options.kind,
      message: details.length === 0 ? headline : `${headline}: ${details.join('; ')}`,
      retryAfterMs: options.retryAfterMs ?? null,
      statusCode: last?.statusCode ?? null,
      providerId: last?.model.providerId ?? null,
      modelId: last?.model.modelId ?? null,
      cause: options.cause,
    });
    this.name = 'FallbackError';
    this.reason = options.reason;
    this.attempts = options.attempts.map((record) => ({ ...record, model: { ...record.model } }));
    this.skipped = options.skipped.map((skip) => ({ ...skip, model: { ...skip.model } }));
    this.deliveredCharacters = options.deliveredCharacters;
    Object.defineProperty(this, FALLBACK_ERROR_MARKER, { value: true, enumerable: false });
  }

  /** Whether `value` is a FallbackError from any install of `@modelyard/fallback`. */
  static override isInstance(value: unknown): value is FallbackError {
    return (value as Record<symbol, unknown> | null | undefined)?.[FALLBACK_ERROR_MARKER] === true;
  }

  override toJSON(): SerializedModelyardError & {
    reason: FallbackErrorReason;
    attempts: AttemptRecord[];
    skipped: SkippedCandidate[];
    deliveredCharacters: number;
  } {
    return {
      ...super.toJSON(),
      reason: this.reason,
      attempts: this.attempts.map((record) => ({ ...record, model: { ...record.model } })),
      skipped: this.skipped.map((skip) => ({ ...skip, model: { ...skip.model } })),
      deliveredCharacters: this.deliveredCharacters,
    };
  }
}
