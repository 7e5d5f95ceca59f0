import {
  type CallOptions,
  type GenerateRequest,
  type HardwareProfile,
  type MetricsSink,
  type ModelInfo,
  type ModelProvider,
  type ModelRequirementsInput,
  ModelyardError,
  type PullModelOptions,
} from '@modelyard/core';
import {
  type AttemptRecord,
  createFallbackRunner,
  type FallbackGenerateResult,
  type FallbackRunner,
  type FallbackStream,
  type FallbackStreamPart,
  type ProviderCandidate,
  type Timeouts,
} from '@modelyard/fallback';
import { createMonitor, type ModelWindowStats, Monitor, type MonitorSummary } from '@modelyard/monitor';
import {
  createSelector,
  detectHardware,
  type RankedModel,
  type RankingExplanation,
  type RejectedModel,
  type Selector,
} from '@modelyard/selector';
import { createDiscovery, type DiscoveryReport, type ProviderReport } from './discovery';
import { type ModelyardOptions, resolveModelyardOptions } from './modelyard-options';
import { NoEligibleModelError } from './no-eligible-model-error';
import { createRankingCache } from './ranking-cache';

/** Options of one `generate` or `stream` call. */
export interface ModelyardCallOptions extends CallOptions {
  /** Deadlines of this run in ms, over the runner's (`null` removes one). */
  timeouts?: Partial<Record<keyof Timeouts, number | null>>;
  /** List every provider again instead of using the cached discovery. */
  refresh?: boolean;
}

/** What {@link Modelyard.select} returns: the ranking, the rejections and how discovery went. */
export interface Selection {
  /** Accepted models, best first, with their scores. */
  ranked: RankedModel[];
  /** Models the filters removed, with every reason. */
  rejected: RejectedModel[];
  /** How each provider's listing went. */
  providers: ProviderReport[];
}

/** What {@link Modelyard.explain} returns: the selector's explanation and how discovery went. */
export interface Explanation extends RankingExplanation {
  providers: ProviderReport[];
}

/** A generated answer with every attempt and the ranking it walked. */
export type ModelyardGenerateResult = FallbackGenerateResult & {
  /** The candidates in the order they were ranked (the runner may reorder by strategy). */
  ranked: RankedModel[];
};

/** A stream of an answer; `attempts` and `ranked` fill in as it runs. */
export interface ModelyardStream extends AsyncGenerator<FallbackStreamPart, void, undefined> {
  /** The attempts so far; complete once the stream has ended. */
  readonly attempts: readonly AttemptRecord[];
  /** The ranked candidates, once the selection has run (empty before the first `next()`). */
  readonly ranked: readonly RankedModel[];
}

/** Figures of the monitor over one window. */
export interface ModelyardStats {
  /** The window (`5m`, `1h`…). */
  window: string;
  /** The whole system and each provider. */
  summary: MonitorSummary;
  /** Each model, sorted by model key. */
  models: ModelWindowStats[];
}

/** Discovery, selection, execution with fallback and measurement behind one object. */
export interface Modelyard {
  /** The providers in use, in the order given. */
  readonly providers: readonly ModelProvider[];
  /** The monitor every attempt is recorded into (also the selector's performance source). */
  readonly monitor: Monitor;
  /** The fallback runner (breaker states, settings). */
  readonly runner: FallbackRunner;
  /** Every model the providers list now (failed providers left out; see {@link Modelyard.discover}). */
  models(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<ModelInfo[]>;
  /** Every model, and how each provider's listing went. Never rejects because of a provider. */
  discover(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<DiscoveryReport>;
  /** The models that meet `requirements`, best first, and the ones that do not, with reasons. */
  select(requirements?: ModelRequirementsInput, options?: { refresh?: boolean }): Promise<Selection>;
  /** {@link Modelyard.select} with every factor of every score. */
  explain(requirements?: ModelRequirementsInput, options?: { refresh?: boolean }): Promise<Explanation>;
  /**
   * Selects, then runs the request over the ranked models with fallback; every attempt is recorded.
   * Rejects with `NoEligibleModelError` when no model qualifies, with a `FallbackError` listing every
   * attempt when none answers, with a `ConfigError` for bad requirements.
   */
  generate(
    request: GenerateRequest,
    requirements?: ModelRequirementsInput,
    options?: ModelyardCallOptions,
  ): Promise<ModelyardGenerateResult>;
  /** {@link Modelyard.generate} as a stream: falls back before the first text, never ends silently. */
  stream(
    request: GenerateRequest,
    requirements?: ModelRequirementsInput,
    options?: ModelyardCallOptions,
  ): ModelyardStream;
  /** The monitor's figures over a window (default the monitor's stats window, `5m`). */
  stats(window?: string): ModelyardStats;
  /** The machine profile the selector uses (`null` when hardware is off). Detected once. */
  hardware(): Promise<HardwareProfile | null>;
  /**
   * Downloads a model on a provider that can (`supports.pull`, e.g. Ollama), with progress.
   * Rejects with `bad_request` when the provider cannot pull, `not_found` for an unknown provider.
   */
  pull(providerId: string, modelId: string, options?: PullModelOptions): Promise<void>;
  /** Disposes every provider. Later calls reject with `unavailable`. Safe to call twice. */
  dispose(): Promise<void>;
}

function disposedError(): ModelyardError {
  return new ModelyardError({ kind: 'unavailable', retryable: false, message: 'This Modelyard instance was disposed' });
}

/**
 * Creates a Modelyard over the given providers. Creating does no I/O: providers are listed at the
 * first call, the hardware is detected at the first selection.
 *
 * @throws ConfigError naming every bad option (`providers[1].id`, `fallback.maxRetries`…).
 */
export function createModelyard(options: ModelyardOptions): Modelyard {
  const resolved = resolveModelyardOptions(options);
  const monitor =
    resolved.monitor instanceof Monitor || isMonitorLike(resolved.monitor)
      ? (resolved.monitor as Monitor)
      : createMonitor(resolved.monitor);
  const providerById = new Map(resolved.providers.map((provider) => [provider.id, provider]));
  const discovery = createDiscovery({
    providers: resolved.providers,
    clock: resolved.clock,
    logger: resolved.logger,
    cacheTtlMs: resolved.cacheTtlMs,
    timeoutMs: resolved.discoveryTimeoutMs,
    onDiscovery: resolved.hooks.onDiscovery,
    onProviderUnavailable: resolved.hooks.onProviderUnavailable,
  });
  const rankingCache = createRankingCache<{ ranked: RankedModel[]; candidates: ProviderCandidate[] }>({
    clock: resolved.clock,
    ttlMs: resolved.rankingCacheMs,
  });
  const metricsSink: MetricsSink = {
    record(sample) {
      monitor.record(sample);
      rankingCache.noteSample(sample);
    },
  };
  const runner = createFallbackRunner({ ...resolved.fallback, metricsSink, statsSource: monitor });
  let hardwarePromise: Promise<HardwareProfile | null> | undefined;
  let selectorPromise: Promise<Selector> | undefined;
  let selector: Selector | undefined;
  let isDisposed = false;

  function hardware(): Promise<HardwareProfile | null> {
    if (resolved.hardware !== 'detect') return Promise.resolve(resolved.hardware);
    hardwarePromise ??= detectHardware().catch((error: unknown) => {
      resolved.logger.warn('modelyard: hardware detection failed; local models are not sized', { error });
      return null;
    });
    return hardwarePromise;
  }

  function getSelector(): Selector | Promise<Selector> {
    if (selector) return selector;
    selectorPromise ??= hardware().then((profile) => {
      selector = createSelector({ ...resolved.selection, hardware: profile, stats: monitor });
      return selector;
    });
    return selectorPromise;
  }

  function checkAlive(): void {
    if (isDisposed) throw disposedError();
  }

  async function rank(requirements: ModelRequirementsInput, refresh: boolean | undefined, signal?: AbortSignal) {
    checkAlive();
    const report = await discovery.current(refresh || signal ? { refresh: refresh ?? false, signal } : undefined);
    const cached = rankingCache.get(report.models, requirements);
    if (cached) return cached;
    const activeSelector = await getSelector();
    const ranking = activeSelector.rank(report.models, requirements);
    if (ranking.ranked.length === 0) throw new NoEligibleModelError(ranking.rejected, report.providers);
    const candidates: ProviderCandidate[] = ranking.ranked.map((entry) => ({
      provider: providerById.get(entry.model.providerId) as ModelProvider,
      modelId: entry.model.modelId,
      info: entry.model,
    }));
    const selection = { ranked: ranking.ranked, candidates };
    rankingCache.set(report.models, requirements, selection);
    return selection;
  }

  function runOptions(requirements: ModelRequirementsInput, options: ModelyardCallOptions | undefined) {
    const task =
      typeof requirements.task === 'string' && requirements.task.length > 0 ? requirements.task : 'general_chat';
    return {
      task,
      ...(options?.signal ? { signal: options.signal } : {}),
      ...(options?.timeouts ? { timeouts: options.timeouts } : {}),
    };
  }

  const modelyard: Modelyard = {
    providers: resolved.providers,
    monitor,
    runner,
    async models(listOptions) {
      checkAlive();
      // A copy: the cached list is shared by every selection until the next discovery.
      return [...(await discovery.current(listOptions)).models];
    },
    async discover(listOptions) {
      checkAlive();
      const report = await discovery.current(listOptions);
      return { ...report, models: [...report.models], providers: [...report.providers] };
    },
    async select(requirements = {}, selectOptions) {
      checkAlive();
      const report = await discovery.current(selectOptions);
      const ranking = (await getSelector()).rank(report.models, requirements);
      return { ranked: ranking.ranked, rejected: ranking.rejected, providers: report.providers };
    },
    async explain(requirements = {}, selectOptions) {
      checkAlive();
      const report = await discovery.current(selectOptions);
      return { ...(await getSelector()).explain(report.models, requirements), providers: report.providers };
    },
    async generate(request, requirements = {}, callOptions) {
      const { ranked, candidates } = await rank(requirements, callOptions?.refresh, callOptions?.signal);
      const result = await runner.generate(request, candidates, runOptions(requirements, callOptions));
      return { ...result, ranked: [...ranked] };
    },
    stream(request, requirements = {}, callOptions) {
      let inner: FallbackStream | undefined;
      let ranked: readonly RankedModel[] = [];
      async function* run(): AsyncGenerator<FallbackStreamPart, void, undefined> {
        const selection = await rank(requirements, callOptions?.refresh, callOptions?.signal);
        ranked = [...selection.ranked];
        inner = runner.stream(request, selection.candidates, runOptions(requirements, callOptions));
        yield* inner;
      }
      const generator = run();
      return Object.defineProperties(generator, {
        attempts: { get: () => inner?.attempts ?? [], enumerable: true },
        ranked: { get: () => ranked, enumerable: true },
      }) as ModelyardStream;
    },
    stats(window) {
      const name = window ?? monitor.statsWindow;
      return { window: name, summary: monitor.summary(name), models: monitor.listModelStats(name) };
    },
    hardware() {
      return hardware();
    },
    async pull(providerId, modelId, pullOptions) {
      checkAlive();
      const provider = providerById.get(providerId);
      if (provider === undefined) {
        throw new ModelyardError({
          kind: 'not_found',
          retryable: false,
          message: `No provider "${providerId}" (providers: ${[...providerById.keys()].join(', ') || 'none'})`,
        });
      }
      if (!provider.supports.pull || typeof provider.pullModel !== 'function') {
        throw new ModelyardError({
          kind: 'bad_request',
          providerId,
          modelId,
          message: `Provider "${providerId}" (${provider.kind}) cannot pull models: its manifest says supports.pull is false`,
        });
      }
      await provider.pullModel(modelId, pullOptions);
      discovery.invalidate();
    },
    async dispose() {
      if (isDisposed) return;
      isDisposed = true;
      const results = await Promise.allSettled(resolved.providers.map((provider) => provider.dispose()));
      results.forEach((result, index) => {
        if (result.status === 'rejected') {
          resolved.logger.warn(`modelyard: disposing provider ${resolved.providers[index]?.id} failed`, {
            error: result.reason,
          });
        }
      });
    },
  };
  return modelyard;
}

function isMonitorLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Monitor).record === 'function' &&
    typeof (value as Monitor).summary === 'function'
  );
}
