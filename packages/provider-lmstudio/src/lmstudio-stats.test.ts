import type { LLMPredictionStopReason } from '@lmstudio/sdk';
import { describe, expect, test } from 'vitest';
import { finishReasonOf, statsMetadata, timingsOf, usageOf } from './lmstudio-stats';

describe('finishReasonOf', () => {
  test.each<[LLMPredictionStopReason, string]>([
    ['eosFound', 'stop'],
    ['stopStringFound', 'stop'],
    ['maxPredictedTokensReached', 'length'],
    ['contextLengthReached', 'length'],
    ['toolCalls', 'tool_calls'],
    ['userStopped', 'other'],
    ['modelUnloaded', 'other'],
    ['failed', 'other'],
  ])('%s → %s', (stopReason, expected) => {
    expect(finishReasonOf(stopReason)).toBe(expected);
  });
});

describe('usageOf', () => {
  test('prompt tokens in, predicted tokens out, LM Studio total', () => {
    expect(
      usageOf({ stopReason: 'eosFound', promptTokensCount: 12, predictedTokensCount: 30, totalTokensCount: 42 }),
    ).toEqual({ inputTokens: 12, outputTokens: 30, totalTokens: 42 });
  });

  test('the total is the sum when LM Studio gives only the parts; 0 is a count', () => {
    expect(usageOf({ stopReason: 'eosFound', promptTokensCount: 0, predictedTokensCount: 5 })).toEqual({
      inputTokens: 0,
      outputTokens: 5,
      totalTokens: 5,
    });
  });

  test('missing or impossible counts are null', () => {
    expect(usageOf({ stopReason: 'eosFound', promptTokensCount: -1, predictedTokensCount: 2.5 })).toEqual({
      inputTokens: null,
      outputTokens: null,
      totalTokens: null,
    });
  });
});

describe('timingsOf', () => {
  test("LM Studio's time to first token (seconds → ms, to the microsecond) and tokens/s; total measured here", () => {
    expect(
      timingsOf(
        { stopReason: 'eosFound', timeToFirstTokenSec: 0.0285, tokensPerSecond: 42.5 },
        { totalMs: 950, timeToFirstTokenMs: 40 },
      ),
    ).toEqual({ totalMs: 950, timeToFirstTokenMs: 28.5, tokensPerSecond: 42.5, loadMs: null });
  });

  test('without LM Studio counters: the measured first token, and unknown tokens/s', () => {
    expect(timingsOf({ stopReason: 'eosFound' }, { totalMs: 12, timeToFirstTokenMs: 7 })).toEqual({
      totalMs: 12,
      timeToFirstTokenMs: 7,
      tokensPerSecond: null,
      loadMs: null,
    });
  });

  test('impossible counters are ignored; a clock that went back gives 0 ms, not a negative time', () => {
    expect(
      timingsOf(
        { stopReason: 'eosFound', timeToFirstTokenSec: -1, tokensPerSecond: Number.POSITIVE_INFINITY },
        { totalMs: -3, timeToFirstTokenMs: null },
      ),
    ).toEqual({ totalMs: 0, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null });
  });
});

describe('statsMetadata', () => {
  test('keeps the stop reason and the counters that have no core field', () => {
    expect(
      statsMetadata({ stopReason: 'eosFound', numGpuLayers: 28, totalTimeSec: 1.5, usedDraftModelKey: 'draft' }),
    ).toEqual({ stopReason: 'eosFound', numGpuLayers: 28, totalTimeSec: 1.5, usedDraftModelKey: 'draft' });
    expect(statsMetadata({ stopReason: 'toolCalls' })).toEqual({ stopReason: 'toolCalls' });
  });
});
