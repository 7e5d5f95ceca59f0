import type { ModelyardConfig } from './config-schema';
import {
  DEFAULT_LMSTUDIO_HOST,
  DEFAULT_OLLAMA_HOST,
  ENVIRONMENT_VARIABLES,
  type Environment,
  readVariable,
} from './environment';

/**
 * One provider instance to create:
 * - `config`: its section is in the config file;
 * - `env`: an env var asks for it;
 * - `probe`: nothing asks for it, but a local server or folder may be there: it is used only when
 *   its listing answers with at least one model.
 */
export interface ProviderPlan {
  kind: string;
  /** Where it was written, for error messages (`providers.custom[0]`, `env OLLAMA_HOST`). */
  origin: string;
  source: 'config' | 'env' | 'probe';
  /** Settings for the registry entry's `create`. */
  settings: Record<string, unknown>;
}

function hostSection(
  kind: 'ollama' | 'lmstudio',
  section: false | Record<string, unknown> | undefined,
  env: Environment,
  variable: string,
  defaultHost: string,
): ProviderPlan | null {
  if (section === false) return null;
  const fromEnv = readVariable(env, variable);
  if (section !== undefined) {
    const settings = section.host === undefined && fromEnv !== undefined ? { ...section, host: fromEnv } : section;
    return { kind, origin: `providers.${kind}`, source: 'config', settings };
  }
  if (fromEnv !== undefined) return { kind, origin: `env ${variable}`, source: 'env', settings: { host: fromEnv } };
  return { kind, origin: `default host ${defaultHost}`, source: 'probe', settings: { host: defaultHost } };
}

/**
 * Which providers a configuration asks for, from the config file and the environment. A section
 * set to `false` turns its kind off whatever the env says. Pure: nothing is imported or probed.
 */
export function planProviders(config: ModelyardConfig, env: Environment): ProviderPlan[] {
  const plans: ProviderPlan[] = [];
  const { providers } = config;

  if (providers.openrouter !== false) {
    if (providers.openrouter !== undefined) {
      plans.push({
        kind: 'openrouter',
        origin: 'providers.openrouter',
        source: 'config',
        settings: providers.openrouter,
      });
    } else if (readVariable(env, ENVIRONMENT_VARIABLES.openRouterApiKey) !== undefined) {
      plans.push({
        kind: 'openrouter',
        origin: `env ${ENVIRONMENT_VARIABLES.openRouterApiKey}`,
        source: 'env',
        settings: { apiKey: readVariable(env, ENVIRONMENT_VARIABLES.openRouterApiKey) },
      });
    }
  }

  providers.custom.forEach((settings, index) => {
    plans.push({ kind: 'custom', origin: `providers.custom[${index}]`, source: 'config', settings });
  });

  if (providers.local !== false) {
    // The local provider reads MODELYARD_MODELS_DIR from `env` itself when no folder is given.
    const withEnv = (settings: Record<string, unknown>) => ('env' in settings ? settings : { ...settings, env });
    if (providers.local !== undefined) {
      plans.push({ kind: 'local', origin: 'providers.local', source: 'config', settings: withEnv(providers.local) });
    } else if (readVariable(env, ENVIRONMENT_VARIABLES.modelsDirectory) !== undefined) {
      plans.push({
        kind: 'local',
        origin: `env ${ENVIRONMENT_VARIABLES.modelsDirectory}`,
        source: 'env',
        settings: withEnv({}),
      });
    } else {
      plans.push({ kind: 'local', origin: 'the default models folder', source: 'probe', settings: withEnv({}) });
    }
  }

  const ollama = hostSection('ollama', providers.ollama, env, ENVIRONMENT_VARIABLES.ollamaHost, DEFAULT_OLLAMA_HOST);
  if (ollama) plans.push(ollama);
  const lmStudio = hostSection(
    'lmstudio',
    providers.lmstudio,
    env,
    ENVIRONMENT_VARIABLES.lmStudioHost,
    DEFAULT_LMSTUDIO_HOST,
  );
  if (lmStudio) plans.push(lmStudio);
  return plans;
}
