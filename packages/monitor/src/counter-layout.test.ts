import { describe, expect, it } from 'vitest';
import {
  COST_REPORTED,
  COST_USD,
  COUNTER_COUNT,
  countMeasure,
  countSample,
  FIRST_TOKEN,
  INPUT_TOKENS,
  LATENCY,
  MEASURE_MAX,
  MEASURE_MIN,
  MEASURE_SUM,
  measureStart,
  mergeCounters,
  OUTCOMES,
  OUTPUT_TOKENS,
  outcomeIndex,
  STREAMED,
  TOKENS_PER_SECOND,
} from './counter-layout';
import { sampleOf } from './test-support/samples';

describe('counter layout', () => {
  it('puts ok first, then the 11 error kinds, then sums, then 3 × (count, sum, min, max)', () => {
    expect(OUTCOMES).toEqual([
      'ok',
      'auth',
      'rate_limit',
      'context_length',
      'content_filter',
      'timeout',
      'unavailable',
      'not_found',
      'bad_request',
      'invalid_response',
      'aborted',
      'unknown',
    ]);
    expect([INPUT_TOKENS, OUTPUT_TOKENS, COST_USD, COST_REPORTED, STREAMED]).toEqual([12, 13, 14, 15, 16]);
    expect([measureStart(LATENCY), measureStart(FIRST_TOKEN), measureStart(TOKENS_PER_SECOND)]).toEqual([17, 21, 25]);
    expect([MEASURE_SUM, MEASURE_MIN, MEASURE_MAX]).toEqual([1, 2, 3]);
    expect(COUNTER_COUNT).toBe(29);
  });

  it('maps outcomes to their index and anything else to undefined', () => {
    expect(outcomeIndex('ok')).toBe(0);
    expect(outcomeIndex('rate_limit')).toBe(2);
    expect(outcomeIndex('unknown')).toBe(11);
    expect(outcomeIndex('failed')).toBeUndefined();
    expect(outcomeIndex(undefined)).toBeUndefined();
  });
});

describe('countSample', () => {
  it('counts the outcome, the known tokens and cost, and streaming, at the given base', () => {
    const counters = new Float64Array(2 * COUNTER_COUNT);
    const base = COUNTER_COUNT;
    countSample(counters, base, 2, sampleOf({ inputTokens: 7, outputTokens: 3, costUsd: 0.5, isStreaming: true }));
    countSample(counters, base, 0, sampleOf({ inputTokens: 1, outputTokens: 2, costUsd: 0.25, isStreaming: false }));
    expect(counters[base + 2]).toBe(1);
    expect(counters[base + 0]).toBe(1);
    expect(counters[base + INPUT_TOKENS]).toBe(8);
    expect(counters[base + OUTPUT_TOKENS]).toBe(5);
    expect(counters[base + COST_USD]).toBe(0.75);
    expect(counters[base + COST_REPORTED]).toBe(2);
    expect(counters[base + STREAMED]).toBe(1);
    expect(counters.slice(0, COUNTER_COUNT).every((value) => value === 0)).toBe(true);
  });

  it('leaves unknown figures out: no tokens, no cost, and not counted as reporting a cost', () => {
    const counters = new Float64Array(COUNTER_COUNT);
    countSample(counters, 0, 0, sampleOf({ inputTokens: null, outputTokens: null, costUsd: null, isStreaming: false }));
    expect([...counters]).toEqual([1, ...Array.from({ length: COUNTER_COUNT - 1 }, () => 0)]);
  });

  it('counts a reported cost of 0 as reported', () => {
    const counters = new Float64Array(COUNTER_COUNT);
    countSample(counters, 0, 0, sampleOf({ costUsd: 0 }));
    expect(counters[COST_REPORTED]).toBe(1);
    expect(counters[COST_USD]).toBe(0);
  });
});

describe('countMeasure and mergeCounters', () => {
  const summary = (counters: Float64Array, measure: number, base = 0) =>
    Array.from(counters.slice(base + measureStart(measure), base + measureStart(measure) + 4));

  it('keeps count, sum, min and max of each measure', () => {
    const counters = new Float64Array(COUNTER_COUNT);
    countMeasure(counters, 0, LATENCY, 300);
    countMeasure(counters, 0, LATENCY, 100);
    countMeasure(counters, 0, LATENCY, 200);
    countMeasure(counters, 0, TOKENS_PER_SECOND, 0);
    expect(summary(counters, LATENCY)).toEqual([3, 600, 100, 300]);
    expect(summary(counters, FIRST_TOKEN)).toEqual([0, 0, 0, 0]);
    expect(summary(counters, TOKENS_PER_SECOND)).toEqual([1, 0, 0, 0]);
  });

  it('raises the max and lowers the min as values come', () => {
    const counters = new Float64Array(COUNTER_COUNT);
    countMeasure(counters, 0, LATENCY, 100);
    countMeasure(counters, 0, LATENCY, 300);
    countMeasure(counters, 0, LATENCY, 50);
    expect(summary(counters, LATENCY)).toEqual([3, 450, 50, 300]);
  });

  it('takes a first value as both min and max, even when it is larger than 0 or the min so far', () => {
    const counters = new Float64Array(COUNTER_COUNT);
    countMeasure(counters, 0, FIRST_TOKEN, 50);
    expect(summary(counters, FIRST_TOKEN)).toEqual([1, 50, 50, 50]);
    countMeasure(counters, 0, FIRST_TOKEN, 50);
    expect(summary(counters, FIRST_TOKEN)).toEqual([2, 100, 50, 50]);
  });

  it('adds counts and sums, and combines min and max', () => {
    const target = new Float64Array(COUNTER_COUNT);
    const source = new Float64Array(2 * COUNTER_COUNT);
    countSample(target, 0, 0, sampleOf({ inputTokens: 10 }));
    countMeasure(target, 0, LATENCY, 100);
    countMeasure(target, 0, LATENCY, 500);
    countSample(source, COUNTER_COUNT, 3, sampleOf({ inputTokens: 5 }));
    countMeasure(source, COUNTER_COUNT, LATENCY, 50);
    countMeasure(source, COUNTER_COUNT, LATENCY, 300);
    countMeasure(source, COUNTER_COUNT, FIRST_TOKEN, 70);
    mergeCounters(target, 0, source, COUNTER_COUNT);
    expect(target[0]).toBe(1);
    expect(target[3]).toBe(1);
    expect(target[INPUT_TOKENS]).toBe(15);
    expect(summary(target, LATENCY)).toEqual([4, 950, 50, 500]);
    expect(summary(target, FIRST_TOKEN)).toEqual([1, 70, 70, 70]);
    expect(summary(target, TOKENS_PER_SECOND)).toEqual([0, 0, 0, 0]);
  });

  it('takes the source min and max when they lie outside the target ones', () => {
    const target = new Float64Array(COUNTER_COUNT);
    const source = new Float64Array(COUNTER_COUNT);
    countMeasure(target, 0, LATENCY, 40);
    countMeasure(target, 0, LATENCY, 60);
    countMeasure(source, 0, LATENCY, 10);
    countMeasure(source, 0, LATENCY, 90);
    mergeCounters(target, 0, source, 0);
    expect(summary(target, LATENCY)).toEqual([4, 200, 10, 90]);
  });

  it('keeps the target min and max when the source lies inside them', () => {
    const target = new Float64Array(COUNTER_COUNT);
    const source = new Float64Array(COUNTER_COUNT);
    countMeasure(target, 0, LATENCY, 10);
    countMeasure(target, 0, LATENCY, 90);
    countMeasure(source, 0, LATENCY, 40);
    countMeasure(source, 0, LATENCY, 60);
    mergeCounters(target, 0, source, 0);
    expect(summary(target, LATENCY)).toEqual([4, 200, 10, 90]);
  });
});
