import { type Clock, ConfigError, type ConfigIssue, type Logger, type ModelProvider } from '@modelyard/core';
import type { Monitor, MonitorOptions } from '@modelyard/monitor';
import { prefixedIssues } from '../config-issues';
import { createModelyard, type Modelyard } from '../modelyard';
import {
  type ModelyardFallbackOptions,
  type ModelyardHooks,
  type ModelyardOptions,
  type ModelyardSelectionOptions,
  resolveModelyardOptions,
} from '../modelyard-options';
import type { ModelyardConfig, ModelyardConfigInput } from './config-schema';
import type { Environment } from './environment';
import { loadConfig, parseConfig } from './load-config';
import { type ProviderPlan, planProviders } from './plan-providers';
import { isModuleNotFound, PROVIDER_REGISTRY, type ProviderRegistryEntry, registryEntry } from './provider-registry';

/**
 * What became of one provider the configuration asked for (or that was probed):
 * - `used`: created and in use (a configured server that is down is still `used`; discovery reports it);
 * - `absent`: probed (nothing asked for it) and not found: no server answered, or no model was there;
 * - `not-installed`: asked for, but its package is not installed;
 * - `unsupported`: asked for, but this version of Modelyard has no entry for the kind.
 */
export interface ProviderSetupReport {
  kind: string;
  /** Where it was asked for (`providers.custom[0]`, `env OPENROUTER_API_KEY`, `default host …`). */
  origin: string;
  status: 'used' | 'absent' | 'not-installed' | 'unsupported';
  /** The instance id, when created. */
  providerId: string | null;
  /** A sentence for people. */
  message: string;
}

/** Options of {@link createModelyardFromConfig}. */
export interface CreateFromConfigOptions {
  /** Folder to look for `modelyard.config.*` in. Default `process.cwd()`. */
  cwd?: string;
  /** A config file to read instead of looking for one (relative to `cwd`). */
  configPath?: string;
  /** A configuration object to use instead of a file. */
  config?: ModelyardConfigInput;
  /** Env vars to read. Default `process.env`. */
  env?: Environment;
  /** Provider kinds that can be built. Default {@link PROVIDER_REGISTRY}. */
  registry?: readonly ProviderRegistryEntry[];
  /** Longest wait for a probe (a provider nothing asked for), in ms. Default 2,000. */
  probeTimeoutMs?: number;
  /** Fallback options over the file's (the CLI's flags). */
  fallback?: ModelyardFallbackOptions;
  /** A monitor to record into instead of a new one. */
  monitor?: Monitor;
  logger?: Logger;
  clock?: Clock;
  hooks?: ModelyardHooks;
}

/** A Modelyard built from configuration, with what became of each provider. */
export interface ModelyardFromConfig {
  modelyard: Modelyard;
  /** One report per provider asked for or probed, in plan order. */
  setup: ProviderSetupReport[];
  /** The config file read, `null` when none. */
  configPath: string | null;
}

interface Created {
  plan: ProviderPlan;
  provider: ModelProvider;
}

const PROBE_HINTS: Record<string, string> = {
  local: 'set MODELYARD_MODELS_DIR to a folder of .gguf files',
  ollama: 'set OLLAMA_HOST to use one elsewhere',
  lmstudio: 'set LMSTUDIO_HOST to use one elsewhere',
};

async function probe(provider: ModelProvider, timeoutMs: number): Promise<string | null> {
  try {
    const models = await provider.listModels({ signal: AbortSignal.timeout(timeoutMs) });
    return models.length > 0 ? null : 'it lists no model';
  } catch (error) {
    return (error as Error).message;
  }
}

async function createOne(
  plan: ProviderPlan,
  registry: readonly ProviderRegistryEntry[],
  issues: ConfigIssue[],
): Promise<{ created?: Created; report?: ProviderSetupReport }> {
  const entry = registryEntry(plan.kind, registry);
  if (entry === undefined) {
    if (plan.source === 'probe') return {};
    const message = `${plan.origin} asks for ${plan.kind}, but this version of modelyard cannot build a ${plan.kind} provider yet`;
    return { report: { kind: plan.kind, origin: plan.origin, status: 'unsupported', providerId: null, message } };
  }
  let module: unknown;
  try {
    module = await entry.load();
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    if (plan.source === 'probe') return {};
    const message = `${plan.origin} asks for ${plan.kind}: install ${entry.packageName}`;
    return { report: { kind: plan.kind, origin: plan.origin, status: 'not-installed', providerId: null, message } };
  }
  try {
    const provider = entry.create(module, plan.settings);
    return { created: { plan, provider } };
  } catch (error) {
    const prefix = plan.origin.startsWith('providers.') ? plan.origin : `providers.${plan.kind}`;
    const moved = prefixedIssues(error, prefix);
    if (moved === null) throw error;
    issues.push(
      ...moved.map((issue) =>
        plan.source === 'env' ? { ...issue, path: `${issue.path} (from ${plan.origin})` } : issue,
      ),
    );
    return {};
  }
}

function modelyardIssues(error: unknown, created: readonly Created[]): ConfigIssue[] {
  const moved = prefixedIssues(error, '');
  if (moved === null) throw error;
  // createModelyard names providers by position; the user wrote them in sections.
  return moved.map((issue) => {
    const match = /^providers\[(\d+)\](.*)$/.exec(issue.path);
    const plan = match ? created[Number(match[1])]?.plan : undefined;
    return plan && match ? { ...issue, path: `${plan.origin}${match[2] ?? ''}` } : issue;
  });
}

/**
 * Builds a Modelyard from a `modelyard.config.*` file (or `config`) and the environment
 * (`OPENROUTER_API_KEY`, `OLLAMA_HOST`, `LMSTUDIO_HOST`, `MODELYARD_MODELS_DIR`). Providers that are
 * configured are used; those nothing asked for (a local Ollama, LM Studio, the default models
 * folder) are probed once and used when they answer with models. What became of each is in `setup`.
 *
 * @throws ConfigError naming the file and every bad field, in the file's terms (`providers.custom[1].baseURL`).
 */
export async function createModelyardFromConfig(options: CreateFromConfigOptions = {}): Promise<ModelyardFromConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const loaded =
    options.config !== undefined
      ? { config: parseConfig(options.config), path: null }
      : await loadConfig({ cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const config: ModelyardConfig = loaded.config;
  const subject = loaded.path === null ? 'modelyard config' : `modelyard config (${loaded.path})`;
  const issues: ConfigIssue[] = [];
  const setup: ProviderSetupReport[] = [];
  const created: Created[] = [];
  const registry = options.registry ?? PROVIDER_REGISTRY;

  const plans = planProviders(config, env);
  const outcomes = await Promise.all(plans.map((plan) => createOne(plan, registry, issues)));
  const probeTimeoutMs = options.probeTimeoutMs ?? 2000;
  const probes = await Promise.all(
    outcomes.map((outcome) =>
      outcome.created?.plan.source === 'probe' ? probe(outcome.created.provider, probeTimeoutMs) : null,
    ),
  );
  const seenIds = new Map<string, string>();
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.report) setup.push(outcome.report);
    const entry = outcome.created;
    if (!entry) continue;
    const { plan, provider } = entry;
    const problem = probes[index];
    if (problem !== null && problem !== undefined) {
      await provider.dispose().catch(() => {});
      const hint = PROBE_HINTS[plan.kind];
      const message = `not found at ${plan.origin} (${problem})${hint ? `; ${hint}` : ''}`;
      setup.push({ kind: plan.kind, origin: plan.origin, status: 'absent', providerId: null, message });
      continue;
    }
    const earlier = seenIds.get(provider.id);
    if (earlier !== undefined) {
      issues.push({
        path: plan.origin,
        expected: `a provider id no other provider uses ("${provider.id}" is also ${earlier}'s)`,
        received: JSON.stringify(provider.id),
      });
      continue;
    }
    seenIds.set(provider.id, plan.origin);
    created.push(entry);
    setup.push({
      kind: plan.kind,
      origin: plan.origin,
      status: 'used',
      providerId: provider.id,
      message: `from ${plan.origin}`,
    });
  }

  const modelyardOptions: ModelyardOptions = {
    providers: created.map((entry) => entry.provider),
    ...(config.selection ? { selection: config.selection as ModelyardSelectionOptions } : {}),
    fallback: { ...(config.fallback as ModelyardFallbackOptions | undefined), ...options.fallback },
    monitor: options.monitor ?? ((config.monitor ?? {}) as MonitorOptions),
    hardware: config.hardware === 'none' ? null : (config.hardware as ModelyardOptions['hardware']),
    ...(config.discovery ? { discovery: config.discovery } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  };
  let modelyard: Modelyard | undefined;
  try {
    if (issues.length === 0) modelyard = createModelyard(modelyardOptions);
    // With bad provider settings, still check the other sections, so one message names every bad field.
    else resolveModelyardOptions({ ...modelyardOptions, providers: [] });
  } catch (error) {
    issues.push(...modelyardIssues(error, created));
  }
  if (issues.length > 0 || modelyard === undefined) {
    await Promise.allSettled(created.map((entry) => entry.provider.dispose()));
    throw new ConfigError(subject, issues);
  }
  return { modelyard, setup, configPath: loaded.path };
}
