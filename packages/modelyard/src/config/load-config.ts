import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@modelyard/core';
import { zodIssues } from '../config-issues';
import { type ModelyardConfig, modelyardConfigSchema } from './config-schema';

/** The file names looked for, in this order, in the working folder. */
export const CONFIG_FILE_NAMES = [
  'modelyard.config.json',
  'modelyard.config.mjs',
  'modelyard.config.js',
  'modelyard.config.ts',
  'modelyard.config.mts',
] as const;

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: ModelyardConfig;
  /** Absolute path of the file; `null` when there was none (the defaults and env vars apply). */
  path: string | null;
}

/** The first `modelyard.config.*` in `folder`, or `null`. */
export function findConfigFile(folder: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(folder, name);
    if (existsSync(path)) return path;
  }
  return null;
}

function fileError(path: string, expected: string, received: string): ConfigError {
  return new ConfigError(`modelyard config (${path})`, [{ path: '(root)', expected, received }]);
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string | undefined;
  if (extname(path) === '.json') {
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw fileError(path, 'a readable file', (error as Error).message);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw fileError(path, 'valid JSON', (error as Error).message);
    }
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw fileError(path, 'a module that loads', `${(error as Error).name}: ${(error as Error).message}`);
  }
  if (module.default === undefined) throw fileError(path, 'a default export (the config object)', 'none');
  return module.default;
}

/**
 * Checks a configuration object's shape (see `modelyardConfigSchema`).
 * @throws ConfigError naming every bad field; `source` names the file in the message.
 */
export function parseConfig(value: unknown, source = 'modelyard config'): ModelyardConfig {
  const result = modelyardConfigSchema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ConfigError(source, zodIssues(result.error));
  return result.data;
}

/**
 * Reads the configuration: the file at `configPath` (relative to `cwd`) when given, else the first
 * `modelyard.config.*` in `cwd`, else an empty configuration (defaults and env vars only).
 * `.json` is parsed; `.js`/`.mjs`/`.ts`/`.mts` are imported and their default export used (`.ts`
 * needs a Node that strips types: 22.18+ or 23.6+).
 *
 * @throws ConfigError naming the file and every bad field.
 */
export async function loadConfig(options: { cwd: string; configPath?: string }): Promise<LoadedConfig> {
  const path =
    options.configPath === undefined ? findConfigFile(options.cwd) : resolve(options.cwd, options.configPath);
  if (path === null) return { config: parseConfig({}), path: null };
  if (!existsSync(path)) throw fileError(path, 'an existing config file', 'no such file');
  return { config: parseConfig(await readConfigFile(path), `modelyard config (${path})`), path };
}
