// The shape every provider's health check shares: time one probe of the server on the clock;
// healthy with the probe's message, or unhealthy with the classified error's message and kind.
import type { ModelyardError } from '../errors/modelyard-error';
import type { Clock } from '../services/clock';
import type { HealthStatus } from './provider';

/** What {@link checkHealth} needs. */
export interface HealthProbeOptions {
  clock: Clock;
  /** The caller's signal, handed to `probe` and `classify`. */
  signal: AbortSignal | undefined;
  /** Reaches the server (no cached answer) and resolves to the healthy status's message. */
  probe(signal: AbortSignal | undefined): Promise<string>;
  /** Turns a failure of `probe` into a ModelyardError. */
  classify(thrown: unknown, signal: AbortSignal | undefined): ModelyardError;
  /** For a failure that still shows the server is up: the healthy status's message; else `undefined`. */
  upDespite?(error: ModelyardError): string | undefined;
}

/**
 * Runs one health probe: `healthy` with the probe's message, or `unhealthy` with the error's
 * message and kind; `latencyMs` and `checkedAt` on the clock. Never rejects, except with the
 * `aborted` error when the caller aborts.
 */
export async function checkHealth(options: HealthProbeOptions): Promise<HealthStatus> {
  const { clock, signal } = options;
  const startedAt = clock.now();
  const timing = () => {
    const checkedAt = clock.now();
    return { latencyMs: Math.max(0, checkedAt - startedAt), checkedAt };
  };
  try {
    const message = await options.probe(signal);
    return { status: 'healthy', ...timing(), message };
  } catch (thrown) {
    const error = options.classify(thrown, signal);
    if (error.kind === 'aborted') throw error;
    const upMessage = options.upDespite?.(error);
    if (upMessage !== undefined) return { status: 'healthy', ...timing(), message: upMessage };
    return { status: 'unhealthy', ...timing(), message: error.message, errorKind: error.kind };
  }
}
