import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, it } from 'vitest';
import { openAttemptScope, openRunScope } from './attempt-scope';
import { rejectionOf } from './test-support/harness';

const never = () => new Promise<never>(() => {});

describe('openRunScope', () => {
  it('without a signal or a deadline, nothing stops the run', () => {
    const clock = createFakeClock({ now: 1_000 });
    const scope = openRunScope(clock, undefined, null);
    expect(scope).toMatchObject({ signal: undefined, deadlineAt: null, stopCause: null });
    scope.dispose();
    expect(clock.pendingCount).toBe(0);
  });

  it('the caller’s abort stops the run; its signal is the caller’s', () => {
    const caller = new AbortController();
    const scope = openRunScope(createFakeClock(), caller.signal, null);
    expect(scope.signal).toBe(caller.signal);
    expect(scope.stopCause).toBeNull();
    caller.abort();
    expect(scope.stopCause).toBe('caller');
  });

  it('an already aborted signal stops the run at once', () => {
    expect(openRunScope(createFakeClock(), AbortSignal.abort(), 5_000).stopCause).toBe('caller');
  });

  it('the deadline stops the run exactly at totalMs, read from the clock (no timer)', async () => {
    const clock = createFakeClock({ now: 1_000 });
    const scope = openRunScope(clock, undefined, 500);
    expect(scope.deadlineAt).toBe(1_500);
    expect(clock.pendingCount).toBe(0);
    await clock.advance(499);
    expect(scope.stopCause).toBeNull();
    await clock.advance(1);
    expect(scope.stopCause).toBe('deadline');
  });

  it('a deadline of 0 has passed at once', () => {
    expect(openRunScope(createFakeClock({ now: 1_000 }), undefined, 0).stopCause).toBe('deadline');
  });

  it('the first cause in time wins', async () => {
    const clock = createFakeClock();
    const late = new AbortController();
    const expired = openRunScope(clock, late.signal, 100);
    await clock.advance(100);
    late.abort();
    expect(expired.stopCause).toBe('deadline');

    const early = new AbortController();
    const aborted = openRunScope(clock, early.signal, 100);
    early.abort();
    await clock.advance(100);
    expect(aborted.stopCause).toBe('caller');
  });

  it('dispose stops listening to the caller', () => {
    const caller = new AbortController();
    const scope = openRunScope(createFakeClock(), caller.signal, null);
    scope.dispose();
    caller.abort();
    expect(scope.stopCause).toBeNull();
  });
});

describe('openAttemptScope', () => {
  it('without anything that can cut it, races nothing', () => {
    const clock = createFakeClock();
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, false);
    const promise = Promise.resolve(1);
    expect(scope.race(promise)).toBe(promise);
    expect(scope.signal).toBeUndefined();
    expect(scope.cause).toBeNull();
    scope.arm('idle', 5);
    scope.abandon();
    scope.dispose();
    expect(clock.pendingCount).toBe(0);
    expect(scope.cause).toBeNull();
  });

  it('settles like the raced promise while not cut', async () => {
    const clock = createFakeClock();
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), 1_000, false);
    await expect(scope.race(Promise.resolve('answer'))).resolves.toBe('answer');
    const failure = new Error('boom');
    await expect(scope.race(Promise.reject(failure))).rejects.toBe(failure);
    expect(scope.cause).toBeNull();
  });

  it('the attempt timeout cuts the attempt, even when the model ignores its signal', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), 300, false);
    const racing = rejectionOf(scope.race(never()));
    await clock.advance(299);
    expect(scope.cause).toBeNull();
    await clock.advance(1);
    await racing;
    expect(scope.cause).toBe('attempt');
    expect(scope.signal?.aborted).toBe(true);
    await expect(scope.race(Promise.resolve(1))).rejects.toBeDefined();
  });

  it('a late rejection of a lost race is not unhandled', async () => {
    const clock = createFakeClock();
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), 10, false);
    let rejectLate: (error: Error) => void = () => {};
    const late = new Promise<never>((_resolve, reject) => {
      rejectLate = reject;
    });
    const racing = rejectionOf(scope.race(late));
    await clock.advance(10);
    await racing;
    rejectLate(new Error('too late'));
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('is cut by the caller’s abort, before or during the attempt', () => {
    const clock = createFakeClock();
    const caller = new AbortController();
    const run = openRunScope(clock, caller.signal, null);
    const first = openAttemptScope(clock, run, null, false);
    caller.abort();
    expect(first.cause).toBe('caller');
    expect(first.signal?.aborted).toBe(true);
    expect(openAttemptScope(clock, run, null, false).cause).toBe('caller');
  });

  it('carries the run’s deadline: cut exactly when it falls, with the deadline as cause', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, 50), 100, false);
    expect(scope.signal).toBeDefined();
    await clock.advance(49);
    expect(scope.cause).toBeNull();
    await clock.advance(1);
    expect(scope.cause).toBe('deadline');
  });

  it('a deadline alone makes the attempt cuttable', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, 10), null, false);
    await clock.advance(10);
    expect(scope.cause).toBe('deadline');
  });

  it('on a tie the run’s deadline is the cause, then the attempt’s', async () => {
    const clock = createFakeClock({ now: 0 });
    const tie = openAttemptScope(clock, openRunScope(clock, undefined, 100), 100, true);
    const phaseTie = openAttemptScope(clock, openRunScope(clock, undefined, null), 100, true);
    phaseTie.arm('first-token', 100);
    await clock.advance(100);
    expect(tie.cause).toBe('deadline');
    expect(phaseTie.cause).toBe('attempt');
  });

  it('phase deadlines: first-token, replaced by a later idle, paused by null', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, true);
    scope.arm('first-token', 100);
    await clock.advance(60);
    scope.arm('idle', 50);
    await clock.advance(49);
    expect(scope.cause).toBeNull();
    scope.arm('idle', null);
    await clock.advance(1_000);
    expect(scope.cause).toBeNull();
    expect(clock.pendingCount).toBe(0);
    scope.arm('first-token', 10);
    await clock.advance(10);
    expect(scope.cause).toBe('first-token');
  });

  it('one timer at a time: a later deadline waits for the pending timer, an earlier one replaces it', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, true);
    scope.arm('first-token', 1_000);
    scope.arm('idle', 2_000);
    expect(clock.pendingCount).toBe(1);
    scope.arm('idle', 100);
    expect(clock.pendingCount).toBe(1);
    expect(clock.sleeps).toEqual([1_000, 100]);
    await clock.advance(99);
    expect(scope.cause).toBeNull();
    await clock.advance(1);
    expect(scope.cause).toBe('idle');
  });

  it('a timer that wakes before anything is due sleeps again for the rest', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, true);
    scope.arm('first-token', 100);
    await clock.advance(50);
    scope.arm('idle', 100);
    await clock.advance(50);
    expect(scope.cause).toBeNull();
    expect(clock.sleeps).toEqual([100, 50]);
    await clock.advance(50);
    expect(scope.cause).toBe('idle');
  });

  it('an attempt timeout before the deadline cuts first, as the attempt’s', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, 1_000), 300, false);
    await clock.advance(299);
    expect(scope.cause).toBeNull();
    await clock.advance(1);
    expect(scope.cause).toBe('attempt');
  });

  it('a phase deadline before the attempt’s cuts first', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), 1_000, true);
    scope.arm('first-token', 100);
    await clock.advance(100);
    expect(scope.cause).toBe('first-token');
  });

  it('a deadline equal to the pending timer’s needs no new timer', () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, true);
    scope.arm('first-token', 100);
    scope.arm('idle', 100);
    expect(clock.sleeps).toEqual([100]);
  });

  it('the idle deadline cuts with its own cause; the first cause stays and nothing is scheduled after it', async () => {
    const clock = createFakeClock({ now: 0 });
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), 30, true);
    scope.arm('idle', 20);
    await clock.advance(20);
    expect(scope.cause).toBe('idle');
    scope.abandon();
    scope.arm('idle', 1);
    expect(scope.cause).toBe('idle');
    expect(clock.pendingCount).toBe(0);
  });

  it('ignores a replaced timer that still wakes (a clock that does not cancel sleeps)', async () => {
    const fake = createFakeClock({ now: 0 });
    const deaf = { now: () => fake.now(), sleep: (ms: number) => fake.sleep(ms) };
    const scope = openAttemptScope(deaf, openRunScope(deaf, undefined, null), null, true);
    scope.arm('first-token', 100); // timer A at 100
    scope.arm('idle', 50); // replaces A with B at 50; A still sleeps
    await fake.advance(40);
    scope.arm('idle', 100); // due 140; B at 50 is early enough
    await fake.advance(10); // B wakes at 50: nothing due, timer C at 140
    await fake.advance(50); // A wakes at 100: stale, ignored
    expect(fake.pendingCount).toBe(1);
    expect(scope.cause).toBeNull();
    await fake.advance(40);
    expect(scope.cause).toBe('idle');
  });

  it('abandon cuts as the caller', () => {
    const clock = createFakeClock();
    const scope = openAttemptScope(clock, openRunScope(clock, undefined, null), null, true);
    scope.abandon();
    expect(scope.cause).toBe('caller');
    expect(scope.signal?.aborted).toBe(true);
  });

  it('dispose cancels its timer and stops listening to the caller', () => {
    const clock = createFakeClock();
    const caller = new AbortController();
    const scope = openAttemptScope(clock, openRunScope(clock, caller.signal, null), 100, true);
    scope.arm('first-token', 50);
    expect(clock.pendingCount).toBe(1);
    scope.dispose();
    expect(clock.pendingCount).toBe(0);
    caller.abort();
    expect(scope.cause).toBeNull();
  });
});
