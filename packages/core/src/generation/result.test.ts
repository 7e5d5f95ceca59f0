import { describe, expect, it } from 'vitest';
import { finishReasonSchema, generateResultSchema, timingsSchema, UNKNOWN_USAGE, usageSchema } from './result';

const result = {
  text: 'Once upon a time',
  finishReason: 'stop',
  usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
  timings: { totalMs: 820, timeToFirstTokenMs: 310, tokensPerSecond: 7.8 },
  model: { providerId: 'ollama', modelId: 'llama3.1:8b' },
  costUsd: 0,
};

describe('finishReasonSchema', () => {
  it('has the six reasons', () => {
    expect(finishReasonSchema.options).toEqual(['stop', 'length', 'content_filter', 'tool_calls', 'other', 'unknown']);
  });
});

describe('usageSchema', () => {
  it('keeps 0 and null (not reported), rejects negative and fractional counts', () => {
    expect(usageSchema.parse({ inputTokens: 0, outputTokens: null, totalTokens: 0 })).toEqual({
      inputTokens: 0,
      outputTokens: null,
      totalTokens: 0,
    });
    expect(usageSchema.safeParse({ inputTokens: -1, outputTokens: 0, totalTokens: 0 }).success).toBe(false);
    expect(usageSchema.safeParse({ inputTokens: 1.5, outputTokens: 0, totalTokens: 0 }).success).toBe(false);
    expect(usageSchema.safeParse({ inputTokens: 1, outputTokens: 1 }).success).toBe(false);
  });

  it('UNKNOWN_USAGE is all null and frozen', () => {
    expect(UNKNOWN_USAGE).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null });
    expect(Object.isFrozen(UNKNOWN_USAGE)).toBe(true);
  });
});

describe('timingsSchema', () => {
  it('defaults loadMs to null', () => {
    expect(timingsSchema.parse({ totalMs: 0, timeToFirstTokenMs: null, tokensPerSecond: null })).toStrictEqual({
      totalMs: 0,
      timeToFirstTokenMs: null,
      tokensPerSecond: null,
      loadMs: null,
    });
    expect(timingsSchema.parse({ totalMs: 5, timeToFirstTokenMs: 1, tokensPerSecond: 0, loadMs: 0 }).loadMs).toBe(0);
  });

  it('rejects negative durations', () => {
    expect(timingsSchema.safeParse({ totalMs: -1, timeToFirstTokenMs: null, tokensPerSecond: null }).success).toBe(
      false,
    );
    expect(timingsSchema.safeParse({ totalMs: 1, timeToFirstTokenMs: -1, tokensPerSecond: null }).success).toBe(false);
    expect(timingsSchema.safeParse({ totalMs: 1, timeToFirstTokenMs: null, tokensPerSecond: -1 }).success).toBe(false);
  });
});

describe('generateResultSchema', () => {
  it('defaults warnings to [], providerMetadata to {} and timings.loadMs to null', () => {
    expect(generateResultSchema.parse(result)).toStrictEqual({
      text: 'Once upon a time',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
      timings: { totalMs: 820, timeToFirstTokenMs: 310, tokensPerSecond: 7.8, loadMs: null },
      model: { providerId: 'ollama', modelId: 'llama3.1:8b' },
      costUsd: 0,
      warnings: [],
      providerMetadata: {},
    });
  });

  it('keeps warnings, metadata and an unknown cost', () => {
    const full = {
      ...result,
      timings: { ...result.timings, loadMs: 1200 },
      costUsd: null,
      warnings: ['topK is not supported by this provider and was not sent'],
      providerMetadata: { requestId: 'gen-123' },
    };
    expect(generateResultSchema.parse(full)).toStrictEqual(full);
  });

  it('rejects a negative cost, an unknown finish reason and a bad identity', () => {
    expect(generateResultSchema.safeParse({ ...result, costUsd: -0.01 }).success).toBe(false);
    expect(generateResultSchema.safeParse({ ...result, finishReason: 'done' }).success).toBe(false);
    expect(generateResultSchema.safeParse({ ...result, model: { providerId: 'Ollama', modelId: 'x' } }).success).toBe(
      false,
    );
  });
});
