// Bounds SDK calls: the caller's AbortSignal and a deadline both end the wait at once, and both
// cancel the SDK's work through the signal it is given (a `cancel` packet on LM Studio's channel).

/** Options of {@link guardCall} and {@link runBounded}. */
export interface CallGuardOptions {
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  /** The deadline, in ms. */
  timeoutMs: number;
  /** The error to reject with when the deadline passes. */
  onTimeout(): Error;
  /** The error to reject with when the caller aborts. */
  onAbort(reason: unknown): Error;
  /** Fires when the provider is disposed: calls still running end then. */
  disposed?: AbortSignal | undefined;
  /** The error to reject with when `disposed` fires. */
  onDisposed?(): Error;
}

/** A running guard: race work against `stopped`, hand `signal` to the SDK, `release()` at the end. */
export interface CallGuard {
  /** Fires when the caller aborts or the deadline passes. */
  readonly signal: AbortSignal;
  /** Rejects (with the timeout or abort error) when `signal` fires; never resolves. */
  readonly stopped: Promise<never>;
  /** Fires `signal` without rejecting `stopped`: the consumer left early, the work is no longer wanted. */
  cancel(): void;
  /** Clears the timer and the listener on the caller's signal. */
  release(): void;
}

/** Starts a guard; see {@link CallGuard}. Its rejection is never unhandled. */
export function guardCall(options: CallGuardOptions): CallGuard {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let onDisposed: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(options.onTimeout());
      controller.abort();
    }, options.timeoutMs);
    const { disposed } = options;
    if (disposed !== undefined) {
      onDisposed = () => {
        reject(options.onDisposed?.() ?? new Error('disposed'));
        controller.abort();
      };
      disposed.addEventListener('abort', onDisposed, { once: true });
    }
    const { signal } = options;
    if (signal === undefined) return;
    onAbort = () => {
      reject(options.onAbort(signal.reason));
      controller.abort(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  return {
    signal: controller.signal,
    stopped,
    cancel() {
      controller.abort();
    },
    release() {
      clearTimeout(timer);
      if (onAbort !== undefined) options.signal?.removeEventListener('abort', onAbort);
      if (onDisposed !== undefined) options.disposed?.removeEventListener('abort', onDisposed);
    },
  };
}

/** Settles with `promise`, or rejects when the guard stops first; a later rejection of `promise` is absorbed. */
export function raceGuard<T>(promise: Promise<T>, guard: CallGuard): Promise<T> {
  promise.catch(() => undefined);
  return Promise.race([promise, guard.stopped]);
}

/**
 * Runs `work` with the guard's signal and rejects as soon as the caller aborts or the deadline
 * passes, whether or not `work` listens to the signal.
 */
export async function runBounded<T>(work: (signal: AbortSignal) => Promise<T>, options: CallGuardOptions): Promise<T> {
  const guard = guardCall(options);
  try {
    return await raceGuard(
      Promise.resolve().then(() => work(guard.signal)),
      guard,
    );
  } finally {
    guard.release();
  }
}
