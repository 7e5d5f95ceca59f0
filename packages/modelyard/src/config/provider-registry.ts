import type { ModelProvider } from '@modelyard/core';

/**
 * How Modelyard builds one kind of provider from settings (a config file section, env vars).
 * Provider packages are optional: `load` imports one only when a configuration asks for it, so an
 * app installs only the providers it uses (`npm i modelyard @modelyard/provider-ollama`).
 */
export interface ProviderRegistryEntry<Module = unknown> {
  /** The provider kind, also the config section (`providers.<kind>`). */
  kind: string;
  /** The npm package to install for it. */
  packageName: string;
  /** Imports the package. Rejects with `ERR_MODULE_NOT_FOUND` when it is not installed. */
  load(): Promise<Module>;
  /**
   * Creates one instance from its settings: the config section, with what env vars and the
   * planner filled in (`host`, `modelDirectories`…). Throws the package's ConfigError for bad settings.
   */
  create(module: Module, settings: Record<string, unknown>): ModelProvider;
}

/** Erases an entry's module type so entries of different packages share one list. */
export function defineProviderEntry<Module>(entry: ProviderRegistryEntry<Module>): ProviderRegistryEntry {
  return entry as unknown as ProviderRegistryEntry;
}

type OpenRouterModule = typeof import('@modelyard/provider-openrouter');
type CustomModule = typeof import('@modelyard/provider-custom');
type LocalModule = typeof import('@modelyard/provider-local');
type OllamaModule = typeof import('@modelyard/provider-ollama');
type LMStudioModule = typeof import('@modelyard/provider-lmstudio');

/**
 * LM Studio's settings with the planner's `host` (from `LMSTUDIO_HOST` or the section) as the
 * provider's `baseUrl`; a `baseUrl` written in the section wins.
 */
function lmStudioSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const { host, ...rest } = settings;
  return host === undefined || rest.baseUrl !== undefined ? rest : { ...rest, baseUrl: host };
}

/**
 * The provider kinds Modelyard can build from configuration. Adding a kind is one entry here (and
 * its package as an optional peer dependency). The planner (`planProviders`) reads the `ollama`
 * and `lmstudio` sections and `OLLAMA_HOST` / `LMSTUDIO_HOST`, and passes `{ host }`.
 */
export const PROVIDER_REGISTRY: readonly ProviderRegistryEntry[] = [
  defineProviderEntry<OpenRouterModule>({
    kind: 'openrouter',
    packageName: '@modelyard/provider-openrouter',
    load: () => import('@modelyard/provider-openrouter'),
    create: (module, settings) =>
      module.createOpenRouter(settings as Parameters<OpenRouterModule['createOpenRouter']>[0]),
  }),
  defineProviderEntry<CustomModule>({
    kind: 'custom',
    packageName: '@modelyard/provider-custom',
    load: () => import('@modelyard/provider-custom'),
    create: (module, settings) =>
      module.createCustomProvider(settings as unknown as Parameters<CustomModule['createCustomProvider']>[0]),
  }),
  defineProviderEntry<LocalModule>({
    kind: 'local',
    packageName: '@modelyard/provider-local',
    load: () => import('@modelyard/provider-local'),
    create: (module, settings) =>
      module.createLocalProvider(settings as Parameters<LocalModule['createLocalProvider']>[0]),
  }),
  defineProviderEntry<OllamaModule>({
    kind: 'ollama',
    packageName: '@modelyard/provider-ollama',
    load: () => import('@modelyard/provider-ollama'),
    create: (module, settings) => module.createOllama(settings as Parameters<OllamaModule['createOllama']>[0]),
  }),
  defineProviderEntry<LMStudioModule>({
    kind: 'lmstudio',
    packageName: '@modelyard/provider-lmstudio',
    load: () => import('@modelyard/provider-lmstudio'),
    create: (module, settings) =>
      module.createLMStudio(lmStudioSettings(settings) as Parameters<LMStudioModule['createLMStudio']>[0]),
  }),
];

/** The entry of a kind, if Modelyard has one. */
export function registryEntry(
  kind: string,
  registry: readonly ProviderRegistryEntry[] = PROVIDER_REGISTRY,
): ProviderRegistryEntry | undefined {
  return registry.find((entry) => entry.kind === kind);
}

/** Whether `error` says a package is not installed. */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
