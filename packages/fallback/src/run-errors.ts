import { type ModelIdentity, ModelyardError } from '@modelyard/core';
import type { CutCause, StopCause } from './attempt-scope';
import { FallbackError, type FallbackErrorReason } from './fallback-error';
import type { Timeouts } from './fallback-options';
import type { Run } from './fallback-run';

const CUT_MESSAGES: Record<CutCause, (timeouts: Timeouts) => string> = {
  caller: () => 'The caller aborted the run',
  deadline: (timeouts) => `The run's deadline of ${timeouts.totalMs} ms passed`,
  attempt: (timeouts) => `No answer within the attempt timeout of ${timeouts.attemptMs} ms`,
  'first-token': (timeouts) => `No text within the first-token timeout of ${timeouts.firstTokenMs} ms`,
  idle: (timeouts) => `No stream part for ${timeouts.idleMs} ms (idle timeout)`,
};

/** The error of an attempt the runner cut: `aborted` for the caller, `timeout` for every deadline. */
export function cutError(cause: CutCause, model: ModelIdentity, timeouts: Timeouts): ModelyardError {
  return new ModelyardError({
    kind: cause === 'caller' ? 'aborted' : 'timeout',
    message: CUT_MESSAGES[cause](timeouts),
    providerId: model.providerId,
    modelId: model.modelId,
  });
}

function runError(run: Run, kind: ModelyardError['kind'], reason: FallbackErrorReason): FallbackError {
  const cause = run.lastFailure?.error;
  return new FallbackError({
    kind,
    reason,
    attempts: run.attempts,
    skipped: run.skipped,
    deliveredCharacters: run.deliveredCharacters,
    retryAfterMs: cause?.retryAfterMs ?? null,
    cause,
  });
}

/** The error of a run stopped by the caller (`aborted`) or the total deadline (`timeout`). */
export function stopError(run: Run, cause: StopCause): FallbackError {
  return cause === 'caller' ? runError(run, 'aborted', 'aborted') : runError(run, 'timeout', 'deadline');
}

/** The error of a run ended by the last failure itself (`stopped`), or of a stream cut after delivery (`interrupted`). */
export function failureError(run: Run, error: ModelyardError, reason: 'stopped' | 'interrupted'): FallbackError {
  return runError(run, error.kind, reason);
}

/**
 * The error of a run that ran out of candidates. Kind: the last failure's; `not_found` for an
 * empty list; `unavailable` when open breakers skipped every candidate (the only way to end
 * without an attempt).
 */
export function exhaustedError(run: Run): FallbackError {
  if (run.candidateCount === 0) return runError(run, 'not_found', 'no-candidates');
  return runError(run, run.lastFailure?.error.kind ?? 'unavailable', 'exhausted');
}
