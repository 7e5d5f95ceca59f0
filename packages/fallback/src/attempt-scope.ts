import { type Clock, ModelyardError } from '@modelyard/core';

/**
 * The reason every superseded or finished deadline timer is cancelled with: a clock's sleep rejects
 * with it as it is (core's Clock contract), so no error and no stack is built per timer.
 */
const TIMER_CANCELLED = new ModelyardError({ kind: 'aborted', message: 'A deadline timer was cancelled' });

/** Why a whole run stops early: the caller's signal (or the consumer leaving a stream), or the total deadline. */
export type StopCause = 'caller' | 'deadline';

/** Why one attempt was cut: the run stopped, or one of its own timeouts fired. */
export type CutCause = StopCause | 'attempt' | 'first-token' | 'idle';

/** The caller's signal and the deadline of one run. */
export interface RunScope {
  /** Aborts when the caller aborts; `undefined` without a caller signal. */
  readonly signal: AbortSignal | undefined;
  /** When the total deadline falls, on the runner's clock; `null` without one. */
  readonly deadlineAt: number | null;
  /** Why the run must stop, `null` while it may go on (the deadline is read from the clock). */
  readonly stopCause: StopCause | null;
  dispose(): void;
}

/** The signal, timer and cut cause of one attempt. */
export interface AttemptScope {
  /** Aborts when the attempt is cut; `undefined` when nothing can cut it. */
  readonly signal: AbortSignal | undefined;
  /** Why the attempt was cut, `null` while it was not. */
  readonly cause: CutCause | null;
  /** Settles like `promise`, or rejects as soon as the attempt is cut (a model that ignores its signal cannot hold the run). */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Starts a phase deadline `ms` from now (first token, then idle between parts); `null` pauses it. */
  arm(cause: 'first-token' | 'idle', ms: number | null): void;
  /** Cuts the attempt because its consumer left. */
  abandon(): void;
  dispose(): void;
}

const ignore = () => {};

/**
 * The run's scope: the caller's signal and the deadline. It has no timer of its own: attempts
 * carry the deadline in theirs, and the runner never starts a wait that would end after it.
 */
export function openRunScope(clock: Clock, callerSignal: AbortSignal | undefined, totalMs: number | null): RunScope {
  const deadlineAt = totalMs === null ? null : clock.now() + totalMs;
  let stopCause: StopCause | null = null;
  // The first cause in time wins: a deadline already passed beats a later abort.
  const stop = (cause: StopCause) => {
    stopCause ??= deadlineAt !== null && clock.now() >= deadlineAt ? 'deadline' : cause;
  };
  const onCallerAbort = () => stop('caller');
  if (callerSignal?.aborted) stop('caller');
  else callerSignal?.addEventListener('abort', onCallerAbort);
  return {
    signal: callerSignal,
    deadlineAt,
    get stopCause() {
      if (deadlineAt !== null && clock.now() >= deadlineAt) stop('deadline');
      return stopCause;
    },
    dispose() {
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

const UNSTOPPABLE_ATTEMPT: AttemptScope = Object.freeze({
  signal: undefined,
  cause: null,
  race: <T>(promise: Promise<T>) => promise,
  arm: ignore,
  abandon: ignore,
  dispose: ignore,
});

const interrupted = Symbol('attempt cut');

/**
 * Opens the scope of one attempt inside `run`. `attemptMs` bounds the whole attempt; `canArm`
 * says phase deadlines may be armed later (streams). One timer at a time watches the earliest of
 * the run's deadline, the attempt's and the phase's, so a stream's parts cost no timer work.
 */
export function openAttemptScope(clock: Clock, run: RunScope, attemptMs: number | null, canArm: boolean): AttemptScope {
  if (run.signal === undefined && run.deadlineAt === null && attemptMs === null && !canArm) return UNSTOPPABLE_ATTEMPT;
  const controller = new AbortController();
  const attemptEndsAt = attemptMs === null ? null : clock.now() + attemptMs;
  let cause: CutCause | null = null;
  let phase: { cause: 'first-token' | 'idle'; dueAt: number } | null = null;
  let timer: { dueAt: number; canceller: AbortController } | null = null;
  // An attempt awaits one thing at a time, so one slot holds the race to reject on a cut.
  let rejectRace: ((reason: unknown) => void) | null = null;

  const cut = (reason: CutCause) => {
    if (cause !== null) return;
    cause = reason;
    controller.abort();
    rejectRace?.(interrupted);
  };
  const onCallerAbort = () => cut('caller');

  // The earliest deadline still ahead; on a tie the run's comes first, then the attempt's.
  function nextDue(): { at: number; cause: CutCause } | null {
    let due: { at: number; cause: CutCause } | null =
      run.deadlineAt === null ? null : { at: run.deadlineAt, cause: 'deadline' };
    if (attemptEndsAt !== null && (due === null || attemptEndsAt < due.at))
      due = { at: attemptEndsAt, cause: 'attempt' };
    if (phase !== null && (due === null || phase.dueAt < due.at)) due = { at: phase.dueAt, cause: phase.cause };
    return due;
  }

  function schedule(): void {
    const due = nextDue();
    // A pending timer that fires early enough finds out on waking whether anything is due.
    if (cause !== null || due === null || (timer !== null && timer.dueAt <= due.at)) return;
    // A prebuilt reason spares building a DOMException and a ModelyardError per cancelled timer.
    timer?.canceller.abort(TIMER_CANCELLED);
    const own = { dueAt: due.at, canceller: new AbortController() };
    timer = own;
    clock.sleep(Math.max(0, due.at - clock.now()), own.canceller.signal).then(() => {
      if (timer !== own) return;
      timer = null;
      const current = nextDue();
      if (current !== null && current.at <= clock.now()) cut(current.cause);
      else schedule();
    }, ignore);
  }

  if (run.signal?.aborted) cut('caller');
  else run.signal?.addEventListener('abort', onCallerAbort);
  schedule();
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    race<T>(promise: Promise<T>): Promise<T> {
      // The promise may reject after the race is lost: that rejection is expected, not unhandled.
      promise.catch(ignore);
      if (cause !== null) return Promise.reject(interrupted);
      return new Promise<T>((resolve, reject) => {
        // A cut after the promise settled rejects nothing: a settled promise stays as it is.
        rejectRace = reject;
        promise.then(resolve, reject);
      });
    },
    arm(phaseCause, ms) {
      phase = ms === null ? null : { cause: phaseCause, dueAt: clock.now() + ms };
      schedule();
    },
    abandon: () => cut('caller'),
    dispose() {
      timer?.canceller.abort(TIMER_CANCELLED);
      timer = null;
      run.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
