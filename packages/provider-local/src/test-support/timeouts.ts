/** Limit of the hooks that start llama.cpp and write models, in ms: generous, for a busy machine. */
export const HOOK_TIMEOUT_MS = 60_000;

/**
 * Disposes a llama.cpp binding the tests created, waiting at most `boundMs`. Under heavy load
 * (the CI machine at load average 10 on 2 cores) node-llama-cpp's `Llama.dispose()` once took over
 * a minute after the tests that fail to load a truncated file; the binding belongs to the tests,
 * not to the provider (a provider given `llama` never disposes it), and the worker process ends
 * right after, so the teardown does not wait for it longer than this.
 */
export async function disposeTestLlama(llama: { dispose(): Promise<void> }, boundMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, boundMs);
    timer.unref();
  });
  try {
    await Promise.race([llama.dispose(), bound]);
  } finally {
    clearTimeout(timer);
  }
}
