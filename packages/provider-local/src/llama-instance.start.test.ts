import { ModelyardError, silentLogger } from '@modelyard/core';
import { describe, expect, it, vi } from 'vitest';

// The only way to see how a missing llama.cpp binary is reported on a machine that has one.
vi.mock('node-llama-cpp', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getLlama: vi.fn(async () => {
    throw new Error('NoBinaryFoundError');
  }),
}));

describe('startLlama without a usable binary', () => {
  it('fails fast with a non-retryable unavailable error that says what to install', async () => {
    const { startLlama } = await import('./llama-instance');
    const { getLlama } = await import('node-llama-cpp');
    const failure = await startLlama({ gpu: false, logger: silentLogger, providerId: 'local' }).catch((error) => error);
    // Never build from source, never download; only warnings and errors, through the logger.
    expect(getLlama).toHaveBeenCalledWith({
      gpu: false,
      build: 'never',
      skipDownload: true,
      progressLogs: false,
      logLevel: 'warn',
      logger: expect.any(Function),
    });
    expect(ModelyardError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ kind: 'unavailable', retryable: false, providerId: 'local' });
    expect(failure.message).toContain(`no usable node-llama-cpp binary for ${process.platform}-${process.arch}`);
    expect(failure.message).toContain('install the matching @node-llama-cpp/* package');
  });

  it('makes the provider report unhealthy, and keeps trying at the next call', async () => {
    const { createLocalProvider } = await import('./local-provider');
    const provider = createLocalProvider({ gpu: false, modelDirectories: '/nowhere' });
    const first = await provider.healthCheck();
    expect(first).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
    expect(first.message).toContain('llama.cpp could not start');
    expect((await provider.healthCheck()).status).toBe('unhealthy');
    await provider.dispose();
  });
});
