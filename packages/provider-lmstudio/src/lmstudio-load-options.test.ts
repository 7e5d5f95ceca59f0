import { ConfigError } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { loadPlanOf } from './lmstudio-load-options';

describe('loadPlanOf', () => {
  test('nothing asked: no config, no TTL', () => {
    expect(loadPlanOf({})).toEqual({ config: undefined, ttlSeconds: undefined });
  });

  test('context length, a GPU fraction and a keep-alive in ms (→ whole seconds, rounded up)', () => {
    expect(loadPlanOf({ contextLength: 8192, gpuOffload: 0.5, keepAliveMs: 1500 })).toEqual({
      config: { contextLength: 8192, gpu: { ratio: 0.5 } },
      ttlSeconds: 2,
    });
    expect(loadPlanOf({ keepAliveMs: 1 }).ttlSeconds).toBe(1);
    expect(loadPlanOf({ keepAliveMs: 60_000 }).ttlSeconds).toBe(60);
  });

  test('"off" and 0 are sent; "auto" leaves the choice to LM Studio', () => {
    expect(loadPlanOf({ gpuOffload: 'off' }).config).toEqual({ gpu: { ratio: 'off' } });
    expect(loadPlanOf({ gpuOffload: 0 }).config).toEqual({ gpu: { ratio: 0 } });
    expect(loadPlanOf({ gpuOffload: 1 }).config).toEqual({ gpu: { ratio: 1 } });
    expect(loadPlanOf({ gpuOffload: 'auto' }).config).toBeUndefined();
  });

  test('bad values are ConfigErrors naming the field', () => {
    const issuesOf = (options: Parameters<typeof loadPlanOf>[0]) => {
      try {
        loadPlanOf(options);
      } catch (error) {
        if (ConfigError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.expected}`);
      }
      return [];
    };
    expect(issuesOf({ contextLength: 0 })).toEqual(['contextLength: a number ≥ 1']);
    expect(issuesOf({ gpuOffload: 1.5 })).toEqual([
      'gpuOffload: "auto", "off", or the fraction of layers to put on the GPU (0–1)',
    ]);
    expect(issuesOf({ keepAliveMs: 0 })).toEqual(["keepAliveMs: a number ≥ 1 (LM Studio's idle time to live, in ms)"]);
  });
});
