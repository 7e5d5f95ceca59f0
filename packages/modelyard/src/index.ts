// modelyard: discovery, selection, execution with fallback and measurement behind one API
// (`createModelyard`), configuration from a file and env vars (`createModelyardFromConfig`), and
// the `modelyard` command (bin: dist/cli.js; `runCli` runs it in-process).

export type { CliContext } from './cli/context';
export { COMMANDS, MODELYARD_VERSION, mainHelp, runCli } from './cli/run-cli';
export { formatTable, type TableColumn, type TableStyle } from './cli/table';
export type { OutputStream } from './cli/terminal';
export { type ModelyardConfig, type ModelyardConfigInput, modelyardConfigSchema } from './config/config-schema';
export {
  type CreateFromConfigOptions,
  createModelyardFromConfig,
  type ModelyardFromConfig,
  type ProviderSetupReport,
} from './config/create-from-config';
export {
  DEFAULT_LMSTUDIO_HOST,
  DEFAULT_OLLAMA_HOST,
  ENVIRONMENT_VARIABLES,
  type Environment,
} from './config/environment';
export { CONFIG_FILE_NAMES, findConfigFile, type LoadedConfig, loadConfig, parseConfig } from './config/load-config';
export { type ProviderPlan, planProviders } from './config/plan-providers';
export {
  defineProviderEntry,
  PROVIDER_REGISTRY,
  type ProviderRegistryEntry,
  registryEntry,
} from './config/provider-registry';
export { runDemo } from './demo/run-demo';
export type { DiscoveryReport, ProviderReport } from './discovery';
export {
  createModelyard,
  type Explanation,
  type Modelyard,
  type ModelyardCallOptions,
  type ModelyardGenerateResult,
  type ModelyardStats,
  type ModelyardStream,
  type Selection,
} from './modelyard';
export {
  type ModelyardFallbackOptions,
  type ModelyardHooks,
  type ModelyardOptions,
  type ModelyardSelectionOptions,
  type ResolvedModelyardOptions,
  resolveModelyardOptions,
} from './modelyard-options';
export { NoEligibleModelError } from './no-eligible-model-error';
