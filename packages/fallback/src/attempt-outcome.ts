import { type CallSample, estimateCost, type ModelyardError, toModelyardError, type Usage } from '@modelyard/core';
import { retryWaitMs } from './backoff';
import { actionFor, ERROR_POLICY } from './error-policy';
import type { AttemptRecord } from './fallback-events';
import {
  type Attempt,
  callHook,
  isAttemptLimitReached,
  type Next,
  nextTurn,
  type Run,
  targetsOf,
} from './fallback-run';
import { demoteProvider } from './ordering';
import { cutError, failureError, stopError } from './run-errors';

/** What an attempt measured, for its record and its metrics sample. */
export interface AttemptMeasures {
  timeToFirstTokenMs: number | null;
  usage: Usage | null;
  tokensPerSecond: number | null;
  costUsd: number | null;
}

const NOTHING_MEASURED: AttemptMeasures = {
  timeToFirstTokenMs: null,
  usage: null,
  tokensPerSecond: null,
  costUsd: null,
};

function costOf(attempt: Attempt, measures: AttemptMeasures): number | null {
  const { info } = attempt.turn.candidate;
  if (measures.costUsd !== null || info === null || measures.usage === null) return measures.costUsd;
  return estimateCost(info.pricing, measures.usage);
}

function report(run: Run, attempt: Attempt, record: AttemptRecord, measures: AttemptMeasures): void {
  const sample: CallSample = {
    model: { ...record.model },
    outcome: record.outcome,
    timestamp: record.startedAt + record.durationMs,
    latencyMs: record.durationMs,
    timeToFirstTokenMs: record.timeToFirstTokenMs,
    inputTokens: measures.usage?.inputTokens ?? null,
    outputTokens: measures.usage?.outputTokens ?? null,
    tokensPerSecond: measures.tokensPerSecond,
    costUsd: costOf(attempt, measures),
    task: run.task,
    isStreaming: run.isStreaming,
  };
  try {
    run.runtime.metricsSink?.record(sample);
  } catch (error) {
    run.runtime.logger.warn('fallback: the metrics sink threw', { error });
  }
  callHook(run, 'onAttempt', record);
}

// Builds the attempt's record and adds it to the run (hooks see it later, once `retried` is known).
function recordOf(run: Run, attempt: Attempt, error: ModelyardError | null, measures: AttemptMeasures): AttemptRecord {
  const record: AttemptRecord = {
    model: { ...attempt.turn.candidate.identity },
    attempt: run.attempts.length + 1,
    attemptOnModel: attempt.turn.attemptOnModel,
    outcome: error?.kind ?? 'ok',
    errorKind: error?.kind ?? null,
    statusCode: error?.statusCode ?? null,
    message: error?.message ?? null,
    startedAt: attempt.startedAt,
    durationMs: run.runtime.clock.now() - attempt.startedAt,
    timeToFirstTokenMs: measures.timeToFirstTokenMs,
    retried: false,
    isStreaming: run.isStreaming,
  };
  run.attempts.push(record);
  return record;
}

/** Records a successful attempt: breakers, exclusion (cleared), metrics, hooks. */
export async function succeed(run: Run, attempt: Attempt, measures: AttemptMeasures): Promise<void> {
  const record = recordOf(run, attempt, null, measures);
  await run.runtime.health.record(...targetsOf(attempt.turn.candidate), 'success', 'clear', attempt.turn.probes);
  report(run, attempt, record, measures);
}

/** Records an attempt the consumer left (a stream closed early): neutral for the breakers. */
export async function abandon(run: Run, attempt: Attempt, measures: AttemptMeasures): Promise<void> {
  const error = cutError('caller', attempt.turn.candidate.identity, run.timeouts);
  const record = recordOf(run, attempt, error, measures);
  await run.runtime.health.record(...targetsOf(attempt.turn.candidate), 'neutral', 'keep', attempt.turn.probes);
  report(run, attempt, record, measures);
}

/** How a failed attempt may go on: `false` for a stream that already delivered text (without restart). */
export interface FailureOptions {
  canContinue: boolean;
  measures?: AttemptMeasures;
}

/**
 * The wait before retrying the same model after a retryable failure, or `null` for no retry: the
 * retries are used up, a breaker opened, `maxAttempts` is reached, the server asked for longer
 * than `maxRetryAfterMs`, or the wait would end at or past the deadline (moving on now beats
 * waiting for nothing).
 */
function retryWait(
  run: Run,
  attempt: Attempt,
  error: ModelyardError,
  isAdmissible: boolean,
  now: number,
): number | null {
  const { settings, random } = run.runtime;
  const { attemptOnModel } = attempt.turn;
  if (attemptOnModel > settings.maxRetries || !isAdmissible || isAttemptLimitReached(run)) return null;
  const wait = retryWaitMs(error, attemptOnModel - 1, settings, random);
  const { deadlineAt } = run.scope;
  return wait !== null && deadlineAt !== null && now + wait >= deadlineAt ? null : wait;
}

/**
 * Records a failed attempt and decides what comes next: a retry of the same model (after its
 * wait), the next candidate, or the run's error. See `ERROR_POLICY` for the rules by kind.
 */
export async function fail(run: Run, attempt: Attempt, thrown: unknown, options: FailureOptions): Promise<Next> {
  const { settings, clock, health } = run.runtime;
  const { candidate, attemptOnModel } = attempt.turn;
  const cut = attempt.scope.cause;
  const error =
    cut === null
      ? toModelyardError(thrown, { providerId: candidate.identity.providerId, modelId: candidate.identity.modelId })
      : cutError(cut, candidate.identity, run.timeouts);
  const measures = options.measures ?? NOTHING_MEASURED;
  const record = recordOf(run, attempt, error, measures);
  // The caller leaving or the run's deadline says nothing about the model.
  const stopCause = cut === 'caller' || cut === 'deadline' ? cut : null;
  const policy = ERROR_POLICY[error.kind];
  const now = clock.now();
  const exclusion =
    stopCause === null && policy.excludesModel && settings.exclusionWindowMs > 0
      ? { until: now + Math.max(settings.exclusionWindowMs, error.retryAfterMs ?? 0) }
      : ('keep' as const);
  const outcome = stopCause === null && policy.isHealthFailure ? 'failure' : 'neutral';
  const isAdmissible = await health.record(...targetsOf(candidate), outcome, exclusion, attempt.turn.probes);
  run.lastFailure = { candidate, error };
  if (stopCause !== null) {
    report(run, attempt, record, measures);
    return { error: stopError(run, stopCause) };
  }
  const action = actionFor(error, settings);
  if (!options.canContinue || action === 'stop') {
    report(run, attempt, record, measures);
    return { error: failureError(run, error, options.canContinue ? 'stopped' : 'interrupted') };
  }
  const wait = action === 'retry' ? retryWait(run, attempt, error, isAdmissible, now) : null;
  record.retried = wait !== null;
  if (action === 'larger-context') {
    run.overflowedContext = Math.max(run.overflowedContext, candidate.info?.contextLength ?? 0);
  }
  // Once the queue is reached again, other providers come first.
  if (policy.isProviderLevel && settings.preferDifferentProvider) {
    run.queue = demoteProvider(run.queue, candidate.identity.providerId);
  }
  report(run, attempt, record, measures);
  if (wait === null) return nextTurn(run);
  // An abort during the wait ends it early; the stop is read just below.
  if (wait > 0) await clock.sleep(wait, run.scope.signal).catch(() => {});
  const stopped = run.scope.stopCause;
  if (stopped !== null) return { error: stopError(run, stopped) };
  const probes = await health.admit(...targetsOf(candidate));
  if (probes === null) return nextTurn(run);
  return { turn: { candidate, probes, attemptOnModel: attemptOnModel + 1 } };
}
