// A health check by model listing: a GET of the server's models, never a generation.
import { type Clock, checkHealth, type HealthStatus, type ModelyardError } from '@modelyard/core';

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
 * latency and `checkedAt` on the clock (core's `checkHealth` with the listing as the probe). Never
 * rejects, except with `aborted` when the caller aborts.
 */
export function checkListingHealth(options: ListingHealthOptions): Promise<HealthStatus> {
  return checkHealth({
    ...options,
    probe: async (signal) => `${(await options.list(signal)).length} models listed`,
  });
}
