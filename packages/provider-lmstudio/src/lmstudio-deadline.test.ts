import { describe, expect, test } from 'vitest';
import { guardCall, runBounded } from './lmstudio-deadline';

const errors = {
  onTimeout: () => new Error('timed out'),
  onAbort: (reason: unknown) => new Error(`aborted: ${String(reason)}`),
};

describe('runBounded', () => {
  test('settles with the work when it finishes first', async () => {
    await expect(runBounded(async () => 42, { timeoutMs: 1000, ...errors })).resolves.toBe(42);
    await expect(
      runBounded(
        async () => {
          throw new Error('work failed');
        },
        { timeoutMs: 1000, ...errors },
      ),
    ).rejects.toThrow('work failed');
  });

  test('rejects at the deadline and fires the work signal, even when the work ignores it', async () => {
    let workSignal: AbortSignal | undefined;
    const startedAt = Date.now();
    await expect(
      runBounded(
        (signal) => {
          workSignal = signal;
          return new Promise(() => undefined);
        },
        { timeoutMs: 50, ...errors },
      ),
    ).rejects.toThrow('timed out');
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(workSignal?.aborted).toBe(true);
  });

  test("rejects when the caller's signal fires, before or during the work", async () => {
    await expect(
      runBounded(() => new Promise(() => undefined), {
        signal: AbortSignal.abort('early'),
        timeoutMs: 1000,
        ...errors,
      }),
    ).rejects.toThrow('aborted: early');
    const controller = new AbortController();
    const pending = runBounded(() => new Promise(() => undefined), {
      signal: controller.signal,
      timeoutMs: 1000,
      ...errors,
    });
    controller.abort('late');
    await expect(pending).rejects.toThrow('aborted: late');
  });

  test('a work that rejects after the deadline causes no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(
        runBounded(() => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 30)), {
          timeoutMs: 5,
          ...errors,
        }),
      ).rejects.toThrow('timed out');
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('guardCall', () => {
  test('cancel fires the signal without rejecting; release stops the timer', async () => {
    const guard = guardCall({ timeoutMs: 20, ...errors });
    guard.cancel();
    expect(guard.signal.aborted).toBe(true);
    guard.release();
    const outcome = await Promise.race([
      guard.stopped.then(
        () => 'resolved',
        () => 'rejected',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 60)),
    ]);
    expect(outcome).toBe('still pending');
  });
});
