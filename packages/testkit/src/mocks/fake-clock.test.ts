import { isErrorOfKind, ModelyardError } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { createFakeClock } from './fake-clock';

describe('createFakeClock', () => {
  test('starts at the given time (0 by default) and moves only when advanced', async () => {
    expect(createFakeClock().now()).toBe(0);
    const clock = createFakeClock({ now: 1_000 });
    expect(clock.now()).toBe(1_000);
    await clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  test('wakes sleepers in order of wake-up time, ties in order of the sleep calls', async () => {
    const clock = createFakeClock();
    const woken: string[] = [];
    void clock.sleep(300).then(() => woken.push(`c@${clock.now()}`));
    void clock.sleep(100).then(() => woken.push(`a@${clock.now()}`));
    void clock.sleep(100).then(() => woken.push(`b@${clock.now()}`));
    expect(clock.pendingCount).toBe(3);
    await clock.advance(99);
    expect(woken).toEqual([]);
    await clock.advance(1);
    expect(woken).toEqual(['a@100', 'b@100']);
    await clock.advance(1_000);
    expect(woken).toEqual(['a@100', 'b@100', 'c@300']);
    expect(clock.now()).toBe(1_100);
    expect(clock.sleeps).toEqual([300, 100, 100]);
  });

  test('a woken sleeper that sleeps again within the advanced span is woken too', async () => {
    const clock = createFakeClock();
    const times: number[] = [];
    void (async () => {
      for (let step = 0; step < 3; step++) {
        await clock.sleep(10);
        times.push(clock.now());
      }
    })();
    await clock.advance(25);
    expect(times).toEqual([10, 20]);
    await clock.runAll();
    expect(times).toEqual([10, 20, 30]);
    expect(clock.pendingCount).toBe(0);
  });

  test('a negative sleep wakes at the current time', async () => {
    const clock = createFakeClock({ now: 50 });
    let woken = false;
    void clock.sleep(-5).then(() => {
      woken = true;
    });
    await clock.advance(0);
    expect(woken).toBe(true);
    expect(clock.now()).toBe(50);
  });

  test('an abort rejects the sleep with kind "aborted" and removes the sleeper', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    expect(clock.pendingCount).toBe(1);
    controller.abort();
    await expect(sleeping).rejects.toSatisfy((error) => isErrorOfKind(error, 'aborted'));
    expect(clock.pendingCount).toBe(0);
    await expect(clock.sleep(5, AbortSignal.abort())).rejects.toSatisfy((error) => isErrorOfKind(error, 'aborted'));
  });

  test("rejects with the signal's reason when it is an aborted ModelyardError, as core's clock does", async () => {
    const clock = createFakeClock();
    const reason = new ModelyardError({ kind: 'aborted', message: 'timer cancelled' });
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(clock.sleep(5, AbortSignal.abort(reason))).rejects.toBe(reason);
    const other = new ModelyardError({ kind: 'timeout', message: 'not an abort' });
    await expect(clock.sleep(5, AbortSignal.abort(other))).rejects.toMatchObject({
      kind: 'aborted',
      message: 'The operation was aborted',
    });
  });

  test('autoAdvance runs waiting code in virtual time, concurrent sleepers in order', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: true });
    const order: string[] = [];
    await Promise.all([
      clock.sleep(500).then(() => order.push(`slow@${clock.now()}`)),
      clock.sleep(200).then(() => order.push(`fast@${clock.now()}`)),
    ]);
    expect(order).toEqual(['fast@200', 'slow@500']);
    expect(clock.now()).toBe(500);
  });
});
