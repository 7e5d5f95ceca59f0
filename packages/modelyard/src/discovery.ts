import {
  type Clock,
  type Logger,
  type ModelInfo,
  type ModelProvider,
  type ModelyardError,
  toModelyardError,
} from '@modelyard/core';

/** What one provider's listing gave in one discovery. */
export interface ProviderReport {
  /** Provider instance id. */
  providerId: string;
  /** Provider kind (`openrouter`, `custom`, `local`…). */
  kind: string;
  /** `ok`: it listed its models; `failed`: it did not (the others were still used). */
  status: 'ok' | 'failed';
  /** Models it listed (0 when it failed). */
  modelCount: number;
  /** How long its listing took, in ms. */
  durationMs: number;
  /** Why it failed; `null` when it did not. */
  error: ModelyardError | null;
}

/** Every model the providers listed, and how each provider did. */
export interface DiscoveryReport {
  /** The models of every provider that answered, in provider order. */
  models: ModelInfo[];
  /** One report per provider, in the order the providers were given. */
  providers: ProviderReport[];
  /** When the discovery finished, in ms since the epoch (on the injected clock). */
  discoveredAt: number;
}

/** Options of {@link createDiscovery}. */
export interface DiscoveryOptions {
  providers: readonly ModelProvider[];
  clock: Clock;
  logger: Logger;
  /** How long a discovery is reused, in ms (`0`: never). */
  cacheTtlMs: number;
  /** Longest wait for one listing, in ms. */
  timeoutMs: number;
  /** Called after every fresh discovery. */
  onDiscovery?: (report: DiscoveryReport) => void;
  /** Called once when a provider starts failing. */
  onProviderUnavailable?: (report: ProviderReport) => void;
}

/** Lists every provider's models, isolating failures; see {@link createDiscovery}. */
export interface Discovery {
  /** The current discovery: cached while fresh, shared by concurrent callers while in flight. */
  current(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<DiscoveryReport>;
  /** Forgets the cached discovery (after a pull, a load, a configuration change). */
  invalidate(): void;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(toModelyardError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function elapsedSince(started: number): number {
  return Math.max(0, Math.round((performance.now() - started) * 1000) / 1000);
}

/**
 * Discovery with failures isolated per provider: a provider whose listing rejects, hangs past
 * `timeoutMs` or throws is reported as `failed` and left out, never failing the discovery. A
 * provider that starts failing is reported once (logger warning and `onProviderUnavailable`), and
 * again only after it has answered in between.
 */
export function createDiscovery(options: DiscoveryOptions): Discovery {
  const failing = new Set<string>();
  let cached: { report: DiscoveryReport; at: number } | undefined;
  let inFlight: Promise<DiscoveryReport> | undefined;

  function notify<T>(name: string, hook: ((value: T) => void) | undefined, value: T): void {
    try {
      hook?.(value);
    } catch (error) {
      options.logger.warn(`modelyard: the ${name} hook threw`, { error });
    }
  }

  async function listOne(
    provider: ModelProvider,
    refresh: boolean,
  ): Promise<{ models: ModelInfo[]; report: ProviderReport }> {
    const started = performance.now();
    const combined = AbortSignal.timeout(options.timeoutMs);
    try {
      // The race keeps a provider that ignores its signal from holding the discovery.
      const listed = await new Promise<ModelInfo[]>((resolve, reject) => {
        const onAbort = () => reject(combined.reason);
        combined.addEventListener('abort', onAbort, { once: true });
        provider.listModels({ refresh, signal: combined }).then(resolve, reject);
      });
      if (!Array.isArray(listed)) throw new TypeError(`listModels of ${provider.id} did not return an array`);
      // A model is named by provider id + model id: one listed under another id cannot be routed back.
      const models = listed.filter((model) => model?.providerId === provider.id);
      if (models.length < listed.length) {
        options.logger.warn(`modelyard: provider ${provider.id} listed models under another provider id; left out`, {
          providerId: provider.id,
          count: listed.length - models.length,
        });
      }
      failing.delete(provider.id);
      const report: ProviderReport = {
        providerId: provider.id,
        kind: provider.kind,
        status: 'ok',
        modelCount: models.length,
        durationMs: elapsedSince(started),
        error: null,
      };
      return { models, report };
    } catch (thrown) {
      const error = toModelyardError(thrown, { providerId: provider.id });
      const report: ProviderReport = {
        providerId: provider.id,
        kind: provider.kind,
        status: 'failed',
        modelCount: 0,
        durationMs: elapsedSince(started),
        error,
      };
      if (!failing.has(provider.id)) {
        failing.add(provider.id);
        options.logger.warn(`modelyard: provider ${provider.id} is unavailable: ${error.message}`, {
          providerId: provider.id,
          kind: error.kind,
        });
        notify('onProviderUnavailable', options.onProviderUnavailable, report);
      }
      return { models: [], report };
    }
  }

  async function discover(refresh: boolean): Promise<DiscoveryReport> {
    const results = await Promise.all(options.providers.map((provider) => listOne(provider, refresh)));
    const report: DiscoveryReport = {
      models: results.flatMap((result) => result.models),
      providers: results.map((result) => result.report),
      discoveredAt: options.clock.now(),
    };
    cached = { report, at: options.clock.now() };
    notify('onDiscovery', options.onDiscovery, report);
    return report;
  }

  return {
    current({ refresh = false, signal } = {}) {
      if (signal?.aborted) return Promise.reject(toModelyardError(signal.reason));
      const isFresh = cached !== undefined && options.clock.now() - cached.at < options.cacheTtlMs;
      if (!refresh && isFresh && cached) return Promise.resolve(cached.report);
      let running = refresh ? undefined : inFlight;
      if (running === undefined) {
        const started = discover(refresh).finally(() => {
          if (inFlight === started) inFlight = undefined;
        });
        inFlight = started;
        running = started;
      }
      // The discovery is shared: one caller's abort stops that caller's wait, never the listing
      // the others wait for (nor does it mark providers as failed).
      return signal ? abortable(running, signal) : running;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
