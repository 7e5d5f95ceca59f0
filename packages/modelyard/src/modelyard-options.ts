import {
  type Clock,
  ConfigError,
  type ConfigIssue,
  describeReceived,
  type HardwareProfile,
  hardwareProfileSchema,
  type Logger,
  type ModelProvider,
  PROVIDER_ID_PATTERN,
  silentLogger,
  systemClock,
} from '@modelyard/core';
import { type FallbackOptions, fallbackOptionsSchema } from '@modelyard/fallback';
import { type Monitor, type MonitorOptions, monitorOptionsSchema } from '@modelyard/monitor';
import { resolveSelectionOptions, type SelectionOptions } from '@modelyard/selector';
import { z } from 'zod';
import { collectIssues, zodIssues } from './config-issues';
import type { DiscoveryReport, ProviderReport } from './discovery';

/** Selection settings: everything of the selector's options but the machine and the stats, which Modelyard supplies. */
export type ModelyardSelectionOptions = Omit<SelectionOptions, 'hardware' | 'stats'>;

/** Fallback settings: everything of the runner's options but the sink and the stats source, which are the monitor. */
export type ModelyardFallbackOptions = Omit<FallbackOptions, 'metricsSink' | 'statsSource'>;

/** Callbacks of a Modelyard instance. They run synchronously; one that throws is logged and ignored. */
export interface ModelyardHooks {
  /** After every discovery (a listing of every provider), cached or not. */
  onDiscovery?: (report: DiscoveryReport) => void;
  /** Once when a provider's listing starts failing (not again until it has answered in between). */
  onProviderUnavailable?: (report: ProviderReport) => void;
}

/** Options of {@link createModelyard}. Only `providers` is required. */
export interface ModelyardOptions {
  /** The provider instances to discover models from; instance ids must be unique. */
  providers: readonly ModelProvider[];
  /** Weights, task profiles, `preferFree`, `memoryContextLength` (see `@modelyard/selector`). */
  selection?: ModelyardSelectionOptions;
  /** Retries, breakers, deadlines, strategy (see `@modelyard/fallback`). */
  fallback?: ModelyardFallbackOptions;
  /** A monitor to record into (shared with other code), or the options of a new one. */
  monitor?: Monitor | MonitorOptions;
  /**
   * The machine local models are sized against: `'detect'` (default) reads it once, at the first
   * selection; a `HardwareProfile` is used as given; `null` turns the memory filter and the
   * hardware factor off.
   */
  hardware?: HardwareProfile | 'detect' | null;
  /** Discovery settings. */
  discovery?: {
    /** How long a discovery (every provider's listing) is reused, in ms. Default 60,000; `0` lists on every call. */
    cacheTtlMs?: number;
    /** Longest wait for one provider's listing, in ms. Default 10,000. */
    timeoutMs?: number;
  };
  /**
   * How long a ranking is reused by `generate`/`stream` for requirements with the same content, in
   * ms, unless an attempt failed or a model got its first measurement since. Default 1,000; `0`
   * ranks every request. (`select` and `explain` always rank afresh.)
   */
  rankingCacheMs?: number;
  /** Where failures of hooks and providers are reported. Default silent. */
  logger?: Logger;
  /** Time source of the discovery cache. Default the system clock. */
  clock?: Clock;
  /** Callbacks on discovery. */
  hooks?: ModelyardHooks;
}

/** The options after checking, defaults applied. */
export interface ResolvedModelyardOptions {
  providers: readonly ModelProvider[];
  selection: ModelyardSelectionOptions;
  fallback: ModelyardFallbackOptions;
  monitor: Monitor | MonitorOptions;
  hardware: HardwareProfile | 'detect' | null;
  cacheTtlMs: number;
  discoveryTimeoutMs: number;
  rankingCacheMs: number;
  logger: Logger;
  clock: Clock;
  hooks: ModelyardHooks;
}

const OPTION_NAMES = [
  'providers',
  'selection',
  'fallback',
  'monitor',
  'hardware',
  'discovery',
  'logger',
  'clock',
  'hooks',
];
const PROVIDER_METHODS = ['listModels', 'loadModel', 'unloadModel', 'healthCheck', 'dispose'] as const;

const discoverySchema = z.strictObject({
  cacheTtlMs: z.number().finite().min(0).default(60_000),
  timeoutMs: z.number().finite().min(1).default(10_000),
});

const isFunction = (value: unknown) => typeof value === 'function';
const hooksSchema = z
  .strictObject({
    onDiscovery: z.custom<(report: DiscoveryReport) => void>(isFunction, 'a function').optional(),
    onProviderUnavailable: z.custom<(report: ProviderReport) => void>(isFunction, 'a function').optional(),
  })
  .default({});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMonitor(value: unknown): value is Monitor {
  return isRecord(value) && isFunction(value.record) && isFunction(value.getModelStats) && isFunction(value.summary);
}

function checkProviders(value: unknown, issues: ConfigIssue[]): readonly ModelProvider[] {
  if (!Array.isArray(value)) {
    issues.push({ path: 'providers', expected: 'an array of ModelProvider', received: describeReceived(value) });
    return [];
  }
  const seen = new Set<string>();
  value.forEach((provider: unknown, index) => {
    const path = `providers[${index}]`;
    if (!isRecord(provider)) {
      issues.push({ path, expected: 'a ModelProvider', received: describeReceived(provider) });
      return;
    }
    const missing = PROVIDER_METHODS.filter((method) => !isFunction(provider[method]));
    if (missing.length > 0) {
      issues.push({ path, expected: 'a ModelProvider', received: `an object without ${missing.join(', ')}` });
    }
    const id = provider.id;
    if (typeof id !== 'string' || !PROVIDER_ID_PATTERN.test(id)) {
      issues.push({ path: `${path}.id`, expected: 'a provider id', received: describeReceived(id) });
    } else if (seen.has(id)) {
      issues.push({ path: `${path}.id`, expected: 'an id no other provider has', received: JSON.stringify(id) });
    } else seen.add(id);
  });
  return value as ModelProvider[];
}

function checkFallback(value: unknown, issues: ConfigIssue[]): ModelyardFallbackOptions {
  if (value === undefined) return {};
  if (isRecord(value)) {
    for (const field of ['metricsSink', 'statsSource'] as const) {
      if (value[field] !== undefined) {
        issues.push({
          path: `fallback.${field}`,
          expected: 'nothing: Modelyard connects the runner to its monitor (pass `monitor` instead)',
          received: describeReceived(value[field]),
        });
      }
    }
  }
  const result = fallbackOptionsSchema.safeParse(value, { reportInput: true });
  if (!result.success) issues.push(...zodIssues(result.error, ['fallback']));
  return value as ModelyardFallbackOptions;
}

function checkMonitor(value: unknown, issues: ConfigIssue[]): Monitor | MonitorOptions {
  if (value === undefined) return {};
  if (isMonitor(value)) return value;
  const result = monitorOptionsSchema.safeParse(value, { reportInput: true });
  if (!result.success) issues.push(...zodIssues(result.error, ['monitor']));
  return value as MonitorOptions;
}

function checkHardware(value: unknown, issues: ConfigIssue[]): HardwareProfile | 'detect' | null {
  if (value === undefined || value === 'detect') return 'detect';
  if (value === null) return null;
  const result = hardwareProfileSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  if (!isRecord(value)) {
    issues.push({
      path: 'hardware',
      expected: '"detect", null or a HardwareProfile',
      received: describeReceived(value),
    });
  } else issues.push(...zodIssues(result.error, ['hardware']));
  return null;
}

/**
 * Checks the options of {@link createModelyard} and applies the defaults. Every nested section is
 * checked by the package it configures; the issues are gathered into one error.
 * @throws ConfigError naming every bad field (`providers[1].id`, `fallback.maxRetries`, `selection.weights.cost`…).
 */
export function resolveModelyardOptions(options: ModelyardOptions): ResolvedModelyardOptions {
  const issues: ConfigIssue[] = [];
  if (!isRecord(options)) {
    throw new ConfigError('Modelyard options', [
      { path: '(root)', expected: 'an object with `providers`', received: describeReceived(options) },
    ]);
  }
  const record = options as unknown as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !OPTION_NAMES.includes(key));
  if (unknown.length > 0) {
    issues.push({
      path: '(root)',
      expected: 'only known fields',
      received: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}`,
    });
  }
  const providers = checkProviders(record.providers, issues);
  const selection = (record.selection ?? {}) as ModelyardSelectionOptions;
  if (isRecord(selection) && ('hardware' in selection || 'stats' in selection)) {
    issues.push({
      path: 'selection',
      expected: 'no `hardware` or `stats` (pass `hardware` at the top level; the stats are the monitor)',
      received: 'an object with them',
    });
  } else collectIssues(issues, 'selection', () => resolveSelectionOptions(selection));
  const fallback = checkFallback(record.fallback, issues);
  const monitor = checkMonitor(record.monitor, issues);
  const hardware = checkHardware(record.hardware, issues);
  const discovery = discoverySchema.safeParse(record.discovery ?? {}, { reportInput: true });
  if (!discovery.success) issues.push(...zodIssues(discovery.error, ['discovery']));
  const rankingCacheMs = z
    .number()
    .finite()
    .min(0)
    .default(1000)
    .safeParse(record.rankingCacheMs, { reportInput: true });
  if (!rankingCacheMs.success) issues.push(...zodIssues(rankingCacheMs.error, ['rankingCacheMs']));
  const hooks = hooksSchema.safeParse(record.hooks, { reportInput: true });
  if (!hooks.success) issues.push(...zodIssues(hooks.error, ['hooks']));
  const logger = record.logger ?? silentLogger;
  if (!isRecord(logger) || !['debug', 'info', 'warn', 'error'].every((level) => isFunction(logger[level]))) {
    issues.push({
      path: 'logger',
      expected: 'a Logger: { debug, info, warn, error }',
      received: describeReceived(logger),
    });
  }
  const clock = record.clock ?? systemClock;
  if (!isRecord(clock) || !isFunction(clock.now)) {
    issues.push({ path: 'clock', expected: 'a Clock: { now(), sleep() }', received: describeReceived(clock) });
  }
  if (issues.length > 0) throw new ConfigError('Modelyard options', issues);
  return {
    providers,
    selection,
    fallback,
    monitor,
    hardware,
    cacheTtlMs: discovery.data?.cacheTtlMs ?? 60_000,
    discoveryTimeoutMs: discovery.data?.timeoutMs ?? 10_000,
    rankingCacheMs: rankingCacheMs.data ?? 1000,
    logger: logger as Logger,
    clock: clock as Clock,
    hooks: hooks.data ?? {},
  };
}
