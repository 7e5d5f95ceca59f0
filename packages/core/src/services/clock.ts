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
   * `signal` aborts (also when it is already aborted). Must not keep the process alive on its own
   * account beyond the wait.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A random number in [0, 1). Inject a seeded one in tests. */
export type RandomSource = () => number;

function abortedError(): ModelyardError {
  return new ModelyardError({ kind: 'aborted', message: 'The operation was aborted' });
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(abortedError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortedError());
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
