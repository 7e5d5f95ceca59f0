import { ConfigError, silentLogger } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_SIZE, DEFAULT_MAX_LOADED_MODELS, resolveLocalSettings } from './local-settings';
import { highResolutionClock } from './timing';

function issuesOf(settings: unknown): string[] {
  try {
    resolveLocalSettings(settings as never);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.expected}`);
    throw error;
  }
  return [];
}

describe('resolveLocalSettings', () => {
  it('fills in the defaults that need no I/O', () => {
    const settings = resolveLocalSettings();
    expect(settings).toMatchObject({
      id: 'local',
      modelDirectories: undefined,
      gpu: 'auto',
      threads: undefined,
      contextSize: 4096,
      maxLoadedModels: 2,
      maxMemoryBytes: undefined,
      estimateContextSizes: undefined,
      llama: undefined,
      env: undefined,
    });
    expect(settings.modelFiles.size).toBe(0);
    expect(settings.logger).toBe(silentLogger);
    expect(settings.clock).toBe(highResolutionClock);
    expect(DEFAULT_CONTEXT_SIZE).toBe(4096);
    expect(DEFAULT_MAX_LOADED_MODELS).toBe(2);
  });

  it('keeps every given value, 1 and 0-free minimums included', () => {
    const logger = { ...silentLogger };
    const clock = { now: () => 0, sleep: async () => {} };
    const llama = { loadModel: async () => {}, dispose: async () => {} } as never;
    const settings = resolveLocalSettings({
      llama,
      id: 'gpu-box',
      modelDirectories: ['/a', '/b'],
      modelFiles: { mine: '/m.gguf' },
      gpu: false,
      threads: 1,
      contextSize: 1,
      maxLoadedModels: 1,
      maxMemoryBytes: 1,
      estimateContextSizes: [1, 8192],
      logger,
      clock,
      env: { MODELYARD_MODELS_DIR: '/x' },
    });
    expect(settings).toMatchObject({
      id: 'gpu-box',
      modelDirectories: ['/a', '/b'],
      gpu: false,
      threads: 1,
      contextSize: 1,
      maxLoadedModels: 1,
      maxMemoryBytes: 1,
      estimateContextSizes: [1, 8192],
      env: { MODELYARD_MODELS_DIR: '/x' },
    });
    expect([...settings.modelFiles]).toEqual([['mine', '/m.gguf']]);
    expect(settings.logger).toBe(logger);
    expect(settings.clock).toBe(clock);
    expect(settings.llama).toBe(llama);
  });

  it('accepts one folder as a string', () => {
    expect(resolveLocalSettings({ modelDirectories: '/models' }).modelDirectories).toEqual(['/models']);
  });

  it('names every bad field in one ConfigError', () => {
    expect(
      issuesOf({
        id: 'Not An Id',
        modelDirectories: [],
        gpu: 'cuda',
        threads: 0,
        contextSize: 1.5,
        maxLoadedModels: '2',
        maxMemoryBytes: 0,
        estimateContextSizes: [512, 0],
        logger: { debug: () => {} },
        clock: 3,
        env: 'x',
        modelFiles: { a: '' },
        extra: true,
      }),
    ).toEqual([
      '(root): only known fields',
      'id: a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters',
      'gpu: one of "auto", false',
      'maxMemoryBytes: a number of bytes > 0',
      'env: an object',
      'modelDirectories: a folder path or a non-empty array of them',
      'modelFiles["a"]: a non-empty string',
      'threads: an integer ≥ 1',
      'contextSize: an integer',
      'maxLoadedModels: an integer',
      'estimateContextSizes[1]: an integer ≥ 1',
      'logger.info: a function',
      'logger.warn: a function',
      'logger.error: a function',
      'clock: an object',
    ]);
  });

  it.each([
    [{ modelDirectories: ['/a', 3] }, ['modelDirectories[1]: a non-empty string']],
    [{ modelDirectories: 5 }, ['modelDirectories: a folder path or a non-empty array of them']],
    [{ modelFiles: ['/a.gguf'] }, ['modelFiles: an object of model id → file path']],
    [{ modelFiles: null }, ['modelFiles: an object of model id → file path']],
    [{ modelFiles: '/a.gguf' }, ['modelFiles: an object of model id → file path']],
    [{ clock: {} }, ['clock.now: a function', 'clock.sleep: a function']],
    [{ estimateContextSizes: [0, 512] }, ['estimateContextSizes[0]: an integer ≥ 1']],
    [{ estimateContextSizes: [] }, ['estimateContextSizes: a non-empty array of context sizes']],
    [{ estimateContextSizes: 512 }, ['estimateContextSizes: a non-empty array of context sizes']],
    [{ id: '' }, ['id: a non-empty string']],
    [{ env: null }, ['env: an object']],
    [{ maxMemoryBytes: '1' }, ['maxMemoryBytes: a number of bytes > 0']],
    [{ maxMemoryBytes: -1 }, ['maxMemoryBytes: a number of bytes > 0']],
    [{ logger: null }, ['logger: an object']],
    [{ gpu: true }, ['gpu: one of "auto", false']],
    [{ llama: { dispose: () => {} } }, ['llama.loadModel: a function']],
  ])('refuses %o', (settings, expected) => {
    expect(issuesOf(settings)).toEqual(expected);
  });

  it('names one unknown field, or several', () => {
    expect(() => resolveLocalSettings({ model: 'x' } as never)).toThrow('received unknown field "model"');
    expect(() => resolveLocalSettings({ model: 'x', port: 1 } as never)).toThrow(
      'received unknown fields "model", "port"',
    );
  });

  it('refuses a settings value that is not an object', () => {
    expect(issuesOf(null)).toEqual(['(root): an object']);
    expect(issuesOf(5)).toEqual(['(root): an object']);
    expect(issuesOf('local')).toEqual(['(root): an object']);
    expect(() => resolveLocalSettings(null as never)).toThrow('Invalid local provider settings');
  });
});
