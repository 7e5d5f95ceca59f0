import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { readLoadOptions } from './load-options';

describe('readLoadOptions', () => {
  it('defaults to the provider context size and automatic offload', () => {
    expect(readLoadOptions({}, { contextSize: 4096 })).toEqual({ contextSize: 4096, gpuOffload: 'auto' });
  });

  it('takes contextLength and gpuOffload, from 0 to 1 included', () => {
    expect(readLoadOptions({ contextLength: 1, gpuOffload: 'off' }, { contextSize: 4096 })).toEqual({
      contextSize: 1,
      gpuOffload: 'off',
    });
    expect(readLoadOptions({ gpuOffload: 0 }, { contextSize: 8 }).gpuOffload).toBe(0);
    expect(readLoadOptions({ gpuOffload: 1 }, { contextSize: 8 }).gpuOffload).toBe(1);
    expect(readLoadOptions({ gpuOffload: 'auto' }, { contextSize: 8 }).gpuOffload).toBe('auto');
  });

  it.each([
    [{ contextLength: 0 }, 'contextLength: expected an integer ≥ 1, received 0'],
    [{ contextLength: 2.5 }, 'contextLength: expected an integer, received 2.5'],
    [
      { gpuOffload: 1.01 },
      'gpuOffload: expected one of "auto", "off", or a fraction of layers from 0 to 1, received 1.01',
    ],
    [{ gpuOffload: -0.1 }, 'gpuOffload: expected one of "auto", "off"'],
    [{ gpuOffload: 'max' }, 'gpuOffload: expected one of "auto", "off"'],
  ])('refuses %o', (options, message) => {
    const attempt = () => readLoadOptions(options as never, { contextSize: 8 });
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(expect.objectContaining({ subject: 'load options' }));
    try {
      attempt();
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true);
    }
  });
});
