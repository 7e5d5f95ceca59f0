import { describe, expect, it } from 'vitest';
import { callSampleSchema } from './metrics';

const sample = {
  model: { providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' },
  outcome: 'ok',
  timestamp: 1_700_000_000_000,
  latencyMs: 820,
  timeToFirstTokenMs: 310,
  inputTokens: 12,
  outputTokens: 40,
  tokensPerSecond: 78.5,
  costUsd: 0,
  task: 'dialogue_generation',
  isStreaming: true,
};

describe('callSampleSchema', () => {
  it('accepts a successful sample as it is', () => {
    expect(callSampleSchema.parse(sample)).toStrictEqual(sample);
  });

  it('accepts a failed sample with unknowns as null', () => {
    const failed = {
      ...sample,
      outcome: 'rate_limit',
      latencyMs: 0,
      timeToFirstTokenMs: null,
      inputTokens: null,
      outputTokens: null,
      tokensPerSecond: null,
      costUsd: null,
      task: null,
      isStreaming: false,
    };
    expect(callSampleSchema.parse(failed)).toStrictEqual(failed);
  });

  it.each([
    ['an outcome that is neither ok nor an error kind', { outcome: 'failed' }],
    ['a negative latency', { latencyMs: -1 }],
    ['a fractional token count', { outputTokens: 1.5 }],
    ['a negative cost', { costUsd: -0.001 }],
    ['an empty task', { task: '' }],
    ['an infinite timestamp', { timestamp: Number.POSITIVE_INFINITY }],
    ['a missing field', { isStreaming: undefined }],
  ])('rejects %s', (_label, change) => {
    expect(callSampleSchema.safeParse({ ...sample, ...change }).success).toBe(false);
  });
});
