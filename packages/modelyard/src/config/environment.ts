/** Environment variables Modelyard reads, by what they configure. */
export const ENVIRONMENT_VARIABLES = {
  /** Enables OpenRouter (read by the provider at the first request). */
  openRouterApiKey: 'OPENROUTER_API_KEY',
  /** URL of the Ollama server. */
  ollamaHost: 'OLLAMA_HOST',
  /** URL of the LM Studio server. */
  lmStudioHost: 'LMSTUDIO_HOST',
  /** Folder(s) of `.gguf` files for the in-process local provider (`:`-separated; `;` on Windows). */
  modelsDirectory: 'MODELYARD_MODELS_DIR',
  /** Where the CLI keeps the monitor's figures between runs (default `~/.cache/modelyard/stats.json`). */
  statsFile: 'MODELYARD_STATS_FILE',
} as const;

/** Where a local Ollama listens when nothing says otherwise. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** Where a local LM Studio listens when nothing says otherwise. */
export const DEFAULT_LMSTUDIO_HOST = 'ws://127.0.0.1:1234';

/** The environment as Modelyard reads it: a record of optional strings. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The value of a variable, `undefined` when unset or blank. */
export function readVariable(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
