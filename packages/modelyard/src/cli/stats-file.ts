import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMonitor, type Monitor, restoreMonitor } from '@modelyard/monitor';
import { ENVIRONMENT_VARIABLES, type Environment, readVariable } from '../config/environment';

/**
 * Where the CLI keeps the monitor's figures between runs: `MODELYARD_STATS_FILE`, else
 * `stats.json` in the per-user cache folder (`$XDG_CACHE_HOME/modelyard` or `~/.cache/modelyard`
 * on Linux, `~/Library/Caches/modelyard` on macOS, `%LOCALAPPDATA%\modelyard` on Windows).
 */
export function statsFilePath(
  env: Environment,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  const explicit = readVariable(env, ENVIRONMENT_VARIABLES.statsFile);
  if (explicit !== undefined) return explicit;
  if (platform === 'win32')
    return join(readVariable(env, 'LOCALAPPDATA') ?? join(home, 'AppData', 'Local'), 'modelyard', 'stats.json');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'modelyard', 'stats.json');
  return join(readVariable(env, 'XDG_CACHE_HOME') ?? join(home, '.cache'), 'modelyard', 'stats.json');
}

/**
 * The monitor saved at `path`, or a new one when there is no file. A file that cannot be read or
 * restored gives a new monitor and a warning sentence (the figures are a convenience, not a record).
 */
export async function loadStatsMonitor(path: string): Promise<{ monitor: Monitor; warning: string | null }> {
  if (!existsSync(path)) return { monitor: createMonitor(), warning: null };
  try {
    return { monitor: restoreMonitor(JSON.parse(await readFile(path, 'utf8'))), warning: null };
  } catch (error) {
    return { monitor: createMonitor(), warning: `ignored the saved figures in ${path}: ${(error as Error).message}` };
  }
}

/** Writes the monitor's snapshot to `path` (through a temporary file, so a crash leaves the old one). */
export async function saveStatsMonitor(monitor: Monitor, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(monitor.snapshot()));
  await rename(temporary, path);
}
