// A prediction's stats (`PredictionResult.stats`) as core usage, timings and finish reason.

import type { LLMPredictionStats, LLMPredictionStopReason } from '@lmstudio/sdk';
import type { FinishReason, Timings, Usage } from '@modelyard/core';

/**
 * The finish reason of a stop reason: the end of the answer or a stop string → `stop`; the token
 * limit or a full context window → `length`; tool calls → `tool_calls`. The reasons that mean the
 * answer is incomplete (`userStopped`, `modelUnloaded`, `failed`) are errors, not finishes (see
 * `stopReasonError`); they read as `other` here.
 */
export function finishReasonOf(stopReason: LLMPredictionStopReason): FinishReason {
  switch (stopReason) {
    case 'eosFound':
    case 'stopStringFound':
      return 'stop';
    case 'maxPredictedTokensReached':
    case 'contextLengthReached':
      return 'length';
    case 'toolCalls':
      return 'tool_calls';
    default:
      return 'other';
  }
}

function count(value: number | undefined): number | null {
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * Token counts from the stats: prompt tokens in, predicted tokens out, and LM Studio's total (or
 * the sum of both when only they are known). A count LM Studio did not report is `null`.
 */
export function usageOf(stats: LLMPredictionStats): Usage {
  const inputTokens = count(stats.promptTokensCount);
  const outputTokens = count(stats.predictedTokensCount);
  const total = count(stats.totalTokensCount);
  return {
    inputTokens,
    outputTokens,
    totalTokens: total ?? (inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null),
  };
}

function secondsToMs(seconds: number | undefined): number | null {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  // Whole microseconds: 0.0285 s is 28.5 ms, not 28.499999999999996.
  return Math.round(seconds * 1_000_000) / 1000;
}

/**
 * Timings of a call: `totalMs` as measured here (from the call to the last fragment); time to
 * first token and tokens per second from LM Studio's own counters, which exclude the network
 * (the time measured here stands in when LM Studio reports no time to first token).
 */
export function timingsOf(
  stats: LLMPredictionStats,
  measured: { totalMs: number; timeToFirstTokenMs: number | null },
): Timings {
  const tokensPerSecond = stats.tokensPerSecond;
  return {
    totalMs: Math.max(0, measured.totalMs),
    timeToFirstTokenMs: secondsToMs(stats.timeToFirstTokenSec) ?? measured.timeToFirstTokenMs,
    tokensPerSecond:
      tokensPerSecond !== undefined && Number.isFinite(tokensPerSecond) && tokensPerSecond >= 0
        ? tokensPerSecond
        : null,
    loadMs: null,
  };
}

/** The stats worth keeping in `providerMetadata` (JSON-serializable). */
export function statsMetadata(stats: LLMPredictionStats): Record<string, unknown> {
  return {
    stopReason: stats.stopReason,
    ...(stats.numGpuLayers !== undefined ? { numGpuLayers: stats.numGpuLayers } : {}),
    ...(stats.totalTimeSec !== undefined ? { totalTimeSec: stats.totalTimeSec } : {}),
    ...(stats.usedDraftModelKey !== undefined ? { usedDraftModelKey: stats.usedDraftModelKey } : {}),
  };
}
