import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The environment variable naming the folder(s) to scan for `.gguf` files. */
export const MODELS_DIRECTORY_VARIABLE = 'MODELYARD_MODELS_DIR';

/** What {@link defaultModelsDirectory} reads: the environment, the platform and the home folder. */
export interface MachineFolders {
  env: Readonly<Record<string, string | undefined>>;
  /** `process.platform`. */
  platform: string;
  /** The user's home folder. */
  homeDirectory: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The per-user folder models live in when nothing says otherwise, following each platform's
 * convention for caches:
 * - Linux and others: `$XDG_CACHE_HOME/modelyard/models`, else `~/.cache/modelyard/models`
 * - macOS: `~/Library/Caches/modelyard/models`
 * - Windows: `%LOCALAPPDATA%\modelyard\models`, else `~\AppData\Local\modelyard\models`
 */
export function defaultModelsDirectory(machine: MachineFolders): string {
  const { env, platform, homeDirectory } = machine;
  if (platform === 'win32') {
    const base = nonEmpty(env.LOCALAPPDATA) ?? win32.join(homeDirectory, 'AppData', 'Local');
    return win32.join(base, 'modelyard', 'models');
  }
  if (platform === 'darwin') return posix.join(homeDirectory, 'Library', 'Caches', 'modelyard', 'models');
  return posix.join(nonEmpty(env.XDG_CACHE_HOME) ?? posix.join(homeDirectory, '.cache'), 'modelyard', 'models');
}

/**
 * The folders to scan: the `configured` ones when given; else `MODELYARD_MODELS_DIR` (several
 * folders separated by the platform's path delimiter, `:` or `;`); else the per-user default.
 */
export function resolveModelsDirectories(
  configured: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
  machine: Partial<MachineFolders> = {},
): string[] {
  if (configured !== undefined) return [...configured];
  const platform = machine.platform ?? process.platform;
  const fromEnvironment = nonEmpty(env[MODELS_DIRECTORY_VARIABLE])
    ?.split(platform === 'win32' ? ';' : ':')
    .filter((folder) => folder.trim() !== '');
  if (fromEnvironment !== undefined && fromEnvironment.length > 0) return fromEnvironment;
  return [
    defaultModelsDirectory({
      env,
      platform,
      homeDirectory: machine.homeDirectory ?? homedir(),
    }),
  ];
}
