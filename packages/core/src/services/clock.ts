import { z } from 'zod';
import { ModelyardError } from '../errors/modelyard-error';

/**
 * Time, as every stateful Modelyard service sees it. Inject a fake in tests (the testkit has one);
 * use {@link systemClock} in production.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. Rejects with a ModelyardError of kind `aborted` as soon as
   * `signal` aborts (also when it is already aborted): the signal's reason when it is one (a caller
   * that cancels many timers can pass one prebuilt error and spare a stack capture per timer), else
   * a new one. Must not keep the process alive on its own account beyond the wait.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A random number in [0, 1). Inject a seeded one in tests. */
export type RandomSource = () => number;

/** The signal's reason when it is an `aborted` ModelyardError, else a new one. */
function abortedError(signal: AbortSignal | undefined): ModelyardError {
  const reason: unknown = signal?.reason;
  if (ModelyardError.isInstance(reason) && reason.kind === 'aborted') return reason;
  return new ModelyardError({ kind: 'aborted', message: 'The operation was aborted' });
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortedError(signal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** `Math.random`. */
export const systemRandom: RandomSource = () => Math.random();

/**
 * Accepts any {@link Clock} — an object with `now()` and `sleep()` methods — for the `clock` field
 * of an options schema; anything else fails with "expected a Clock ({ now(), sleep() })".
 */
export const clockSchema: z.ZodType<Clock> = z.custom<Clock>(
  (value) =>
    typeof (value as Partial<Clock> | null | undefined)?.now === 'function' &&
    typeof (value as Partial<Clock> | null | undefined)?.sleep === 'function',
  'a Clock ({ now(), sleep() })',
);
