import { describe, expect, it, vi } from 'vitest';
import { ModelyardError } from '../errors/modelyard-error';
import { clockSchema, systemClock, systemRandom } from './clock';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('systemClock', () => {
  it('now() is Date.now()', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sleep resolves after the wait, with or without a signal', async () => {
    await expect(systemClock.sleep(2)).resolves.toBeUndefined();
    await expect(systemClock.sleep(1, new AbortController().signal)).resolves.toBeUndefined();
    await expect(systemClock.sleep(-5)).resolves.toBeUndefined();
  });

  it('sleep rejects at once with kind aborted for an already-aborted signal', async () => {
    const error = await rejectionOf(systemClock.sleep(60_000, AbortSignal.abort()));
    expect(ModelyardError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false, message: 'The operation was aborted' });
  });

  it("sleep rejects with the signal's reason when it is an aborted ModelyardError, else with a new one", async () => {
    const reason = new ModelyardError({ kind: 'aborted', message: 'timer cancelled' });
    expect(await rejectionOf(systemClock.sleep(60_000, AbortSignal.abort(reason)))).toBe(reason);
    const controller = new AbortController();
    const sleeping = rejectionOf(systemClock.sleep(60_000, controller.signal));
    controller.abort(reason);
    expect(await sleeping).toBe(reason);
    const other = new ModelyardError({ kind: 'timeout', message: 'not an abort' });
    const fromOther = await rejectionOf(systemClock.sleep(60_000, AbortSignal.abort(other)));
    expect(fromOther).not.toBe(other);
    expect(fromOther).toMatchObject({ kind: 'aborted', message: 'The operation was aborted' });
    const fromPlain = await rejectionOf(systemClock.sleep(60_000, AbortSignal.abort(new Error('plain'))));
    expect(fromPlain).toMatchObject({ kind: 'aborted', message: 'The operation was aborted' });
  });

  it('sleep rejects with kind aborted when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const sleeping = rejectionOf(systemClock.sleep(60_000, controller.signal));
    setTimeout(() => controller.abort(), 3);
    const error = await sleeping;
    expect(ModelyardError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'aborted' });
  });

  it('stops listening to the signal once the wait is over', async () => {
    const controller = new AbortController();
    const removeEventListener = vi.spyOn(controller.signal, 'removeEventListener');
    await systemClock.sleep(1, controller.signal);
    expect(removeEventListener).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('systemRandom', () => {
  it('returns numbers in [0, 1)', () => {
    for (let draw = 0; draw < 100; draw++) {
      const value = systemRandom();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('systemClock.sleep listener hygiene', () => {
  /** An AbortSignal stand-in that records how sleep subscribes to it. */
  function recordingSignal() {
    const added: { options: unknown }[] = [];
    let removed = 0;
    const signal = {
      aborted: false,
      addEventListener: (_type: string, _listener: unknown, options: unknown) => added.push({ options }),
      removeEventListener: () => {
        removed += 1;
      },
    };
    return { signal: signal as unknown as AbortSignal, added, removed: () => removed };
  }

  it('subscribes once and unsubscribes when the wait ends normally', async () => {
    const { signal, added, removed } = recordingSignal();
    await systemClock.sleep(1, signal);
    expect(added).toEqual([{ options: { once: true } }]);
    expect(removed()).toBe(1);
  });
});

describe('clockSchema', () => {
  it('accepts an object with now() and sleep(), and the system clock', () => {
    const clock = { now: () => 5, sleep: async () => {} };
    expect(clockSchema.parse(clock)).toBe(clock);
    expect(clockSchema.safeParse(systemClock).success).toBe(true);
  });

  it.each([
    ['no sleep()', { now: () => 5 }],
    ['no now()', { sleep: async () => {} }],
    ['now not a function', { now: 5, sleep: async () => {} }],
    ['null', null],
    ['a function', () => 5],
  ])('rejects %s, saying what a clock is', (_, value) => {
    const result = clockSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('a Clock ({ now(), sleep() })');
  });
});
