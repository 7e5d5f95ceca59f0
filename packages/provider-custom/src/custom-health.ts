// A health check by model listing: a GET of the server's models, never a generation.
import type { Clock, HealthStatus, ModelyardError } from '@modelyard/core';

/** What {@link checkListingHealth} needs. */
export interface ListingHealthOptions {
  clock: Clock;
  signal: AbortSignal | undefined;
  /** Asks the server for its listing (no cached answer: the point is to reach the server). */
  list(signal: AbortSignal | undefined): Promise<readonly unknown[]>;
  /** Turns a failure of `list` into a ModelyardError. */
  classify(thrown: unknown, signal: AbortSignal | undefined): ModelyardError;
  /** For a failure that still shows the server is up: the healthy status's message; else undefined. */
  upDespite?(error: ModelyardError): string | undefined;
}

/**
 * `healthy` with the number of models listed, or `unhealthy` with the error's message and kind;
 * latency and `checkedAt` on the clock. Never rejects, except with `aborted` when the caller aborts.
 */
export async function checkListingHealth(options: ListingHealthOptions): Promise<HealthStatus> {
  const { clock, signal } = options;
  const startedAt = clock.now();
  try {
    const models = await options.list(signal);
    const checkedAt = clock.now();
    return {
      status: 'healthy',
      latencyMs: checkedAt - startedAt,
      checkedAt,
      message: `${models.length} models listed`,
    };
  } catch (thrown) {
    const error = options.classify(thrown, signal);
    if (error.kind === 'aborted') throw error;
    const checkedAt = clock.now();
    const upMessage = options.upDespite?.(error);
    if (upMessage !== undefined) {
      return { status: 'healthy', latencyMs: checkedAt - startedAt, checkedAt, message: upMessage };
    }
    return {
      status: 'unhealthy',
      latencyMs: checkedAt - startedAt,
      checkedAt,
      message: error.message,
      errorKind: error.kind,
    };
  }
}
