import {
  ConfigError,
  formatModelKey,
  type GenerateRequest,
  MemoryStateStore,
  type ModelIdentity,
  parseWithSchema,
  silentLogger,
  systemClock,
  systemRandom,
} from '@modelyard/core';
import type { FallbackCallOptions } from './call-options';
import type { Candidate } from './candidate';
import type { BreakerState } from './circuit-breaker';
import type { BreakerChangeEvent } from './fallback-events';
import { type FallbackOptions, type FallbackSettings, fallbackOptionsSchema } from './fallback-options';
import type { Runtime } from './fallback-run';
import { createHealthRegistry } from './health-registry';
import { type FallbackGenerateResult, runGenerate } from './run-generate';
import { type FallbackStream, runStream } from './run-stream';

/** Runs requests over ranked candidates; see {@link createFallbackRunner}. */
export interface FallbackRunner {
  /** The parsed settings, defaults applied. */
  readonly settings: Readonly<FallbackSettings>;
  /**
   * Generates a whole answer from the first candidate that gives one.
   * Rejects with a {@link FallbackError} listing every attempt when none does, or with a
   * `ConfigError` for bad candidates or call options.
   */
  generate(
    request: GenerateRequest,
    candidates: readonly Candidate[],
    options?: FallbackCallOptions,
  ): Promise<FallbackGenerateResult>;
  /**
   * Streams an answer. Falls back while no text reached the caller; after that a failure ends the
   * stream with an `error` part (or, opted in, a `restart` part and another model). Lazy: nothing
   * runs until the first `next()`.
   */
  stream(request: GenerateRequest, candidates: readonly Candidate[], options?: FallbackCallOptions): FallbackStream;
  /** The state of a model's breaker now. */
  modelBreakerState(model: ModelIdentity): Promise<BreakerState>;
  /** The state of a provider's breaker now. */
  providerBreakerState(providerId: string): Promise<BreakerState>;
}

/**
 * Creates a fallback runner. Creating does no I/O; the state store is touched by the first run.
 * @throws ConfigError naming every bad option (and `statsSource` when the `performance` strategy lacks one).
 */
export function createFallbackRunner(options: FallbackOptions = {}): FallbackRunner {
  const settings = parseWithSchema(fallbackOptionsSchema, options, 'fallback options');
  if (settings.strategy === 'performance' && settings.statsSource === undefined) {
    throw new ConfigError('fallback options', [
      {
        path: 'statsSource',
        expected: 'a PerformanceStatsSource, because strategy is "performance"',
        received: 'nothing (undefined)',
      },
    ]);
  }
  const clock = settings.clock ?? systemClock;
  const logger = settings.logger ?? silentLogger;
  const hooks = settings.hooks ?? {};
  const policy = { ...settings.breaker, maxErrorRate: settings.maxErrorRate };
  const runtime: Runtime = {
    settings,
    policy,
    clock,
    random: settings.random ?? systemRandom,
    metricsSink: settings.metricsSink,
    statsSource: settings.statsSource,
    logger,
    hooks,
    health: createHealthRegistry({
      // The runner sets no time to live, so the default store needs no clock.
      store: settings.stateStore ?? new MemoryStateStore(),
      clock,
      policy,
      keyPrefix: settings.keyPrefix,
      logger,
      onChange(event: BreakerChangeEvent) {
        try {
          hooks.onBreakerChange?.(event);
        } catch (error) {
          logger.warn('fallback: the onBreakerChange hook threw', { error });
        }
      },
    }),
  };
  return {
    settings,
    generate: (request, candidates, callOptions) => runGenerate(runtime, request, candidates, callOptions),
    stream: (request, candidates, callOptions) => runStream(runtime, request, candidates, callOptions),
    modelBreakerState: (model) => runtime.health.state({ scope: 'model', key: formatModelKey(model) }),
    providerBreakerState: (providerId) => runtime.health.state({ scope: 'provider', key: providerId }),
  };
}
