import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@modelyard/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findConfigFile, loadConfig, parseConfig } from './load-config';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'modelyard-config-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  test('an empty object is a valid configuration with defaults', () => {
    expect(parseConfig({})).toEqual({ providers: { custom: [] }, hardware: 'detect' });
  });

  test('names every bad field', () => {
    const error = configError(() =>
      parseConfig({
        providers: { openrouter: 'yes', custom: [{ name: 'a' }, 3], olama: {} },
        hardware: 'fast',
        discovery: { cacheTtlMs: -1 },
        fallbak: {},
      }),
    );
    expect(error.message).toContain('Invalid modelyard config:');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'providers.openrouter',
      'providers.custom[1]',
      'providers',
      'hardware',
      'discovery.cacheTtlMs',
      '(root)',
    ]);
    expect(error.message).toContain(
      'providers.openrouter: expected false (never use it), or an object of the provider\'s settings, received "yes"',
    );
    expect(error.message).toContain('(root): expected only known fields, received unknown field "fallbak"');
    expect(error.message).toContain('discovery.cacheTtlMs: expected a number ≥ 0, received -1');
  });
});

describe('loadConfig', () => {
  test('no file: the empty configuration', async () => {
    expect(await loadConfig({ cwd: folder })).toEqual({ config: parseConfig({}), path: null });
    expect(findConfigFile(folder)).toBeNull();
  });

  test('reads modelyard.config.json', async () => {
    const path = join(folder, 'modelyard.config.json');
    await writeFile(path, JSON.stringify({ fallback: { maxRetries: 1 } }));
    expect(findConfigFile(folder)).toBe(path);
    expect(await loadConfig({ cwd: folder })).toEqual({
      config: { ...parseConfig({}), fallback: { maxRetries: 1 } },
      path,
    });
  });

  test('imports modelyard.config.mjs and uses its default export', async () => {
    await writeFile(join(folder, 'modelyard.config.mjs'), 'export default { hardware: "none" };\n');
    expect((await loadConfig({ cwd: folder })).config.hardware).toBe('none');
  });

  test('a JSON syntax error names the file', async () => {
    const path = join(folder, 'modelyard.config.json');
    await writeFile(path, '{ "providers": ');
    const error = (await loadConfig({ cwd: folder }).catch((caught: unknown) => caught)) as ConfigError;
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain(`Invalid modelyard config (${path})`);
    expect(error.message).toContain('expected valid JSON');
  });

  test('a bad field names the file and the field', async () => {
    const path = join(folder, 'custom.json');
    await writeFile(path, JSON.stringify({ providers: { custom: {} } }));
    const error = (await loadConfig({ cwd: folder, configPath: 'custom.json' }).catch(
      (caught: unknown) => caught,
    )) as ConfigError;
    expect(error.message).toBe(
      `Invalid modelyard config (${path}):\n  - providers.custom: expected an array, received an object`,
    );
  });

  test('a module without a default export, one that throws, and a missing file', async () => {
    await writeFile(join(folder, 'a.mjs'), 'export const config = {};\n');
    await writeFile(join(folder, 'b.mjs'), 'throw new Error("boom");\n');
    const messageOf = (configPath: string) =>
      loadConfig({ cwd: folder, configPath }).then(
        () => '',
        (error: Error) => error.message,
      );
    expect(await messageOf('a.mjs')).toContain('expected a default export (the config object), received none');
    expect(await messageOf('b.mjs')).toContain('expected a module that loads, received Error: boom');
    expect(await messageOf('missing.json')).toContain('expected an existing config file, received no such file');
  });
});
