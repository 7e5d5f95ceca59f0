import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModelsDirectory, MODELS_DIRECTORY_VARIABLE, resolveModelsDirectories } from './models-directory';

describe('defaultModelsDirectory', () => {
  it.each([
    [{ env: {}, platform: 'linux', homeDirectory: '/home/ada' }, '/home/ada/.cache/modelyard/models'],
    [
      { env: { XDG_CACHE_HOME: '/var/cache/ada' }, platform: 'linux', homeDirectory: '/home/ada' },
      '/var/cache/ada/modelyard/models',
    ],
    [
      { env: { XDG_CACHE_HOME: '  ' }, platform: 'freebsd', homeDirectory: '/home/ada' },
      '/home/ada/.cache/modelyard/models',
    ],
    [
      { env: { XDG_CACHE_HOME: '/x' }, platform: 'darwin', homeDirectory: '/Users/ada' },
      '/Users/ada/Library/Caches/modelyard/models',
    ],
    [
      { env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, platform: 'win32', homeDirectory: 'C:\\Users\\ada' },
      'C:\\Users\\ada\\AppData\\Local\\modelyard\\models',
    ],
    [
      { env: {}, platform: 'win32', homeDirectory: 'C:\\Users\\ada' },
      'C:\\Users\\ada\\AppData\\Local\\modelyard\\models',
    ],
  ])('%o → %s', (machine, expected) => {
    expect(defaultModelsDirectory(machine)).toBe(expected);
  });
});

describe('resolveModelsDirectories', () => {
  it('prefers the configured folders', () => {
    expect(resolveModelsDirectories(['/a'], { [MODELS_DIRECTORY_VARIABLE]: '/b' })).toEqual(['/a']);
  });

  it('reads MODELYARD_MODELS_DIR next, split on the path delimiter', () => {
    expect(MODELS_DIRECTORY_VARIABLE).toBe('MODELYARD_MODELS_DIR');
    expect(resolveModelsDirectories(undefined, { MODELYARD_MODELS_DIR: '/b' }, { platform: 'linux' })).toEqual(['/b']);
    expect(resolveModelsDirectories(undefined, { MODELYARD_MODELS_DIR: '/b: :/c::' }, { platform: 'linux' })).toEqual([
      '/b',
      '/c',
    ]);
    expect(resolveModelsDirectories(undefined, { MODELYARD_MODELS_DIR: 'C:\\m;D:\\n' }, { platform: 'win32' })).toEqual(
      ['C:\\m', 'D:\\n'],
    );
  });

  it('falls back to the per-user folder when the variable is unset, blank or only delimiters', () => {
    const machine = { platform: 'linux', homeDirectory: '/home/ada' };
    for (const value of [undefined, '', ' ', ':']) {
      expect(resolveModelsDirectories(undefined, { MODELYARD_MODELS_DIR: value }, machine)).toEqual([
        '/home/ada/.cache/modelyard/models',
      ]);
    }
  });

  it('uses this machine when told nothing else', () => {
    const expected =
      process.platform === 'linux'
        ? [join(homedir(), '.cache', 'modelyard', 'models')]
        : resolveModelsDirectories(undefined, {});
    expect(resolveModelsDirectories(undefined, {})).toEqual(expected);
  });
});
