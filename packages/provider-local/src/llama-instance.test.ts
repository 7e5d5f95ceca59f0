import type { Logger } from '@modelyard/core';
import { type Llama, LlamaLogLevel } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { resolveMemoryLimit, resolveThreads, routeLlamaLog } from './llama-instance';

describe('routeLlamaLog', () => {
  it('sends errors, warnings and the rest to the matching logger level, trimmed and labelled', () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (message) => lines.push(`debug ${message}`),
      info: (message) => lines.push(`info ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
      error: (message) => lines.push(`error ${message}`),
    };
    const route = routeLlamaLog(logger);
    route(LlamaLogLevel.fatal, 'dead\n');
    route(LlamaLogLevel.error, 'bad');
    route(LlamaLogLevel.warn, ' careful ');
    route(LlamaLogLevel.info, 'fyi');
    route(LlamaLogLevel.debug, 'detail');
    expect(lines).toEqual([
      'error llama.cpp: dead',
      'error llama.cpp: bad',
      'warn llama.cpp: careful',
      'debug llama.cpp: fyi',
      'debug llama.cpp: detail',
    ]);
  });
});

describe('resolveThreads', () => {
  it('leaves one math core free, at least one thread, unless set', () => {
    expect(resolveThreads(undefined, 2)).toBe(1);
    expect(resolveThreads(undefined, 8)).toBe(7);
    expect(resolveThreads(undefined, 1)).toBe(1);
    expect(resolveThreads(undefined, 0)).toBe(1);
    expect(resolveThreads(6, 2)).toBe(6);
  });
});

describe('resolveMemoryLimit', () => {
  const llama = (ramTotal: number, vramTotal: number) =>
    ({
      getRamState: async () => ({ total: ramTotal, free: 0 }),
      getVramState: async () => ({ total: vramTotal, used: 0, free: 0, unifiedSize: 0 }),
      ramPaddingSize: 1000,
      vramPaddingSize: 100,
    }) as unknown as Llama;

  it('is the setting when given', async () => {
    expect(await resolveMemoryLimit(5, llama(10_000, 0))).toBe(5);
  });

  it('is total RAM and VRAM minus the padding node-llama-cpp keeps, never below 0 per device', async () => {
    expect(await resolveMemoryLimit(undefined, llama(10_000, 0))).toBe(9000);
    expect(await resolveMemoryLimit(undefined, llama(10_000, 600))).toBe(9500);
    expect(await resolveMemoryLimit(undefined, llama(500, 50))).toBe(0);
  });
});
