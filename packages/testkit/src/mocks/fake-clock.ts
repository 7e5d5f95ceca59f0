import { type Clock, ModelyardError } from '@modelyard/core';

/** Options of {@link createFakeClock}. */
export interface FakeClockOptions {
  /** Starting time, in ms since the epoch. Defaults to 0. */
  now?: number;
  /**
   * Advance virtual time by itself: whenever every pending piece of work is waiting on a sleep,
   * jump to the earliest wake-up. Code under test then runs in virtual time without the test
   * calling {@link FakeClock.advance}. Defaults to `false`.
   */
  autoAdvance?: boolean;
}

/** A {@link Clock} whose time moves only when told to (or by itself with `autoAdvance`). */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, waking every sleeper that falls due, in order of their wake-up time. */
  advance(ms: number): Promise<void>;
  /** Moves time to the last pending wake-up (and on, while woken code schedules more sleeps). */
  runAll(): Promise<void>;
  /** Number of sleeps not yet woken. */
  readonly pendingCount: number;
  /** Every `sleep(ms)` requested so far, in order, as milliseconds. */
  readonly sleeps: readonly number[];
}

interface Sleeper {
  wakeAt: number;
  sequence: number;
  resolve: () => void;
}

/** Lets every queued promise callback and I/O-free continuation run before time moves on. */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The signal's reason when it is an `aborted` ModelyardError (core's Clock contract), else a new one. */
function abortedError(signal: AbortSignal | undefined): ModelyardError {
  const reason: unknown = signal?.reason;
  if (ModelyardError.isInstance(reason) && reason.kind === 'aborted') return reason;
  return new ModelyardError({ kind: 'aborted', message: 'The operation was aborted' });
}

/**
 * A clock for deterministic tests of code that waits (backoff, deadlines, windows). Sleepers wake
 * in order of wake-up time, ties in order of their `sleep` call; each wake-up lets the woken code
 * run (and schedule new sleeps) before the next one.
 */
export function createFakeClock(options: FakeClockOptions = {}): FakeClock {
  let current = options.now ?? 0;
  let sequence = 0;
  let pending: Sleeper[] = [];
  const sleeps: number[] = [];
  let autoTickScheduled = false;

  function nextDue(limit: number): Sleeper | undefined {
    let earliest: Sleeper | undefined;
    for (const sleeper of pending) {
      if (sleeper.wakeAt > limit) continue;
      if (
        earliest === undefined ||
        sleeper.wakeAt < earliest.wakeAt ||
        (sleeper.wakeAt === earliest.wakeAt && sleeper.sequence < earliest.sequence)
      ) {
        earliest = sleeper;
      }
    }
    return earliest;
  }

  function wake(sleeper: Sleeper): void {
    pending = pending.filter((other) => other !== sleeper);
    current = Math.max(current, sleeper.wakeAt);
    sleeper.resolve();
  }

  async function advanceTo(target: number): Promise<void> {
    await settle();
    for (let due = nextDue(target); due !== undefined; due = nextDue(target)) {
      wake(due);
      await settle();
    }
    current = Math.max(current, target);
  }

  function scheduleAutoTick(): void {
    if (!options.autoAdvance || autoTickScheduled) return;
    autoTickScheduled = true;
    setImmediate(() => {
      autoTickScheduled = false;
      const due = nextDue(Number.POSITIVE_INFINITY);
      if (due === undefined) return;
      wake(due);
      if (pending.length > 0) scheduleAutoTick();
    });
  }

  return {
    now: () => current,
    sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise<void>((resolve, reject) => {
        const sleeper: Sleeper = {
          wakeAt: current + Math.max(0, ms),
          sequence: sequence++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          pending = pending.filter((other) => other !== sleeper);
          reject(abortedError(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.push(sleeper);
        scheduleAutoTick();
      });
    },
    advance: (ms) => advanceTo(current + ms),
    async runAll() {
      await settle();
      while (pending.length > 0) {
        const last = Math.max(...pending.map((sleeper) => sleeper.wakeAt));
        await advanceTo(last);
      }
    },
    get pendingCount() {
      return pending.length;
    },
    get sleeps() {
      return sleeps;
    },
  };
}
