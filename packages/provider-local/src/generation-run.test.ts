import { describe, expect, it } from 'vitest';
import { finishReasonOf } from './generation-run';

describe('finishReasonOf', () => {
  it.each([
    ['eogToken', 'stop'],
    ['stopGenerationTrigger', 'stop'],
    ['customStopTrigger', 'stop'],
    ['maxTokens', 'length'],
    ['functionCalls', 'tool_calls'],
    ['abort', 'other'],
  ] as const)('%s → %s', (stopReason, finishReason) => {
    expect(finishReasonOf(stopReason)).toBe(finishReason);
  });
});
