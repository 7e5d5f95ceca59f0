import type {
  Clock,
  GenerateRequest,
  Logger,
  MetricsSink,
  ModelyardError,
  PerformanceStatsSource,
  RandomSource,
} from '@modelyard/core';
import { type AttemptScope, openAttemptScope, openRunScope, type RunScope } from './attempt-scope';
import type { FallbackCallOptions } from './call-options';
import { readCallOptions } from './call-options';
import { type Candidate, type ResolvedCandidate, resolveCandidates } from './candidate';
import type { BreakerPolicy } from './circuit-breaker';
import type { FallbackError, SkippedCandidate } from './fallback-error';
import type { AttemptRecord, FallbackHooks } from './fallback-events';
import type { FallbackSettings, Timeouts } from './fallback-options';
import type { BreakerTarget, HealthRegistry, HeldProbes } from './health-registry';
import { orderCandidates } from './ordering';
import { exhaustedError, stopError } from './run-errors';

/** The services and settings every run of one runner shares. */
export interface Runtime {
  settings: FallbackSettings;
  policy: BreakerPolicy;
  clock: Clock;
  random: RandomSource;
  health: HealthRegistry;
  metricsSink: MetricsSink | undefined;
  statsSource: PerformanceStatsSource | undefined;
  logger: Logger;
  hooks: FallbackHooks;
}

/** The state of one run. */
export interface Run {
  runtime: Runtime;
  request: GenerateRequest;
  isStreaming: boolean;
  task: string | null;
  timeouts: Timeouts;
  scope: RunScope;
  candidateCount: number;
  /** Candidates not tried yet, in the order they will be. */
  queue: ResolvedCandidate[];
  attempts: AttemptRecord[];
  skipped: SkippedCandidate[];
  /** After a `context_length` failure: the context window (tokens) a candidate must exceed. */
  overflowedContext: number;
  lastFailure: { candidate: ResolvedCandidate; error: ModelyardError } | null;
  /** Characters of text the caller received (streams). */
  deliveredCharacters: number;
}

/** One candidate admitted for an attempt. */
export interface Turn {
  candidate: ResolvedCandidate;
  probes: HeldProbes;
  /** 1-based attempt number on this candidate. */
  attemptOnModel: number;
}

/** What comes after a failure: another attempt, or the run's error. */
export type Next = { turn: Turn } | { error: FallbackError };

/** One attempt under way. */
export interface Attempt {
  turn: Turn;
  startedAt: number;
  scope: AttemptScope;
}

/** The breaker targets of a candidate: its model and its provider. */
export function targetsOf(candidate: ResolvedCandidate): [BreakerTarget, BreakerTarget] {
  return [
    { scope: 'model', key: candidate.key },
    { scope: 'provider', key: candidate.identity.providerId },
  ];
}

/** Checks the inputs, reads the health of every candidate and orders them. */
export async function startRun(
  runtime: Runtime,
  request: GenerateRequest,
  candidates: readonly Candidate[],
  callOptions: FallbackCallOptions | undefined,
  isStreaming: boolean,
): Promise<Run> {
  const resolved = resolveCandidates(candidates);
  const { signal, timeouts, task } = readCallOptions(runtime.settings.timeouts, callOptions);
  const scope = openRunScope(runtime.clock, signal, timeouts.totalMs);
  // One candidate has one order: skip reading the health of the list.
  const records =
    resolved.length > 1
      ? new Map(
          await Promise.all(
            resolved.map(
              async (candidate) => [candidate.key, await runtime.health.read(targetsOf(candidate)[0])] as const,
            ),
          ),
        )
      : new Map();
  const queue = orderCandidates(runtime.settings.strategy, resolved, {
    now: runtime.clock.now(),
    policy: runtime.policy,
    records,
    statsSource: runtime.statsSource,
    request,
    expectedOutputTokens: runtime.settings.expectedOutputTokens,
  });
  return {
    runtime,
    request,
    isStreaming,
    task,
    timeouts,
    scope,
    candidateCount: resolved.length,
    queue,
    attempts: [],
    skipped: [],
    overflowedContext: 0,
    lastFailure: null,
    deliveredCharacters: 0,
  };
}

/** Whether the run may not start another attempt (`maxAttempts`). */
export function isAttemptLimitReached(run: Run): boolean {
  const { maxAttempts } = run.runtime.settings;
  return maxAttempts !== null && run.attempts.length >= maxAttempts;
}

function skip(run: Run, candidate: ResolvedCandidate, reason: SkippedCandidate['reason']): void {
  run.skipped.push({ model: candidate.identity, reason });
}

/** Calls a hook, reporting (never throwing) what it throws. */
export function callHook<Event>(run: Run, name: keyof FallbackHooks, event: Event): void {
  try {
    (run.runtime.hooks[name] as ((event: Event) => void) | undefined)?.(event);
  } catch (error) {
    run.runtime.logger.warn(`fallback: the ${name} hook threw`, { error });
  }
}

/**
 * The next candidate to try: skips candidates whose context window is known to be too small and
 * those whose breakers reject; stops at the attempt limit, the deadline or the caller's abort.
 */
export async function nextTurn(run: Run): Promise<Next> {
  for (;;) {
    const stopCause = run.scope.stopCause;
    if (stopCause !== null) return { error: stopError(run, stopCause) };
    const candidate = run.queue.shift();
    if (candidate === undefined) return { error: exhaustedError(run) };
    if (isAttemptLimitReached(run)) {
      for (const left of [candidate, ...run.queue.splice(0)]) skip(run, left, 'attempt-limit');
      continue;
    }
    const contextLength = candidate.info?.contextLength ?? null;
    if (contextLength !== null && contextLength <= run.overflowedContext) {
      skip(run, candidate, 'context-too-small');
      continue;
    }
    const probes = await run.runtime.health.admit(...targetsOf(candidate));
    if (probes === null) {
      skip(run, candidate, 'breaker-open');
      continue;
    }
    if (run.lastFailure !== null) {
      const { candidate: from, error } = run.lastFailure;
      callHook(run, 'onFallback', {
        from: from.identity,
        to: candidate.identity,
        reason: error.kind,
        at: run.runtime.clock.now(),
      });
    }
    return { turn: { candidate, probes, attemptOnModel: 1 } };
  }
}

/** Starts an attempt: its scope (signal, timers) and its start time. */
export function beginAttempt(run: Run, turn: Turn): Attempt {
  const { clock } = run.runtime;
  return {
    turn,
    startedAt: clock.now(),
    scope: openAttemptScope(clock, run.scope, run.timeouts.attemptMs, run.isStreaming),
  };
}
