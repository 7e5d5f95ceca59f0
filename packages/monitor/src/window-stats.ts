import { ERROR_KINDS, type ErrorKind } from '@modelyard/core';
import type { BucketStore } from './bucket-store';
import {
  COST_REPORTED,
  COST_USD,
  COUNTER_COUNT,
  FIRST_TOKEN,
  INPUT_TOKENS,
  LATENCY,
  MEASURE_MAX,
  MEASURE_MIN,
  MEASURE_SUM,
  MEASURES,
  measureStart,
  mergeCounters,
  OUTPUT_TOKENS,
  STREAMED,
  TOKENS_PER_SECOND,
} from './counter-layout';
import { DenseBins } from './dense-bins';
import { quantilesOf } from './quantile-sketch';
import type { SketchMapping } from './sketch-mapping';
import type { WindowDefinition } from './window-options';

/** Quantiles and exact summary figures of one measure (ms or tokens/s) over a window. */
export interface QuantileSummary {
  /** Measured values. */
  count: number;
  /** Median, within the monitor's relative accuracy. */
  p50: number;
  /** 90th percentile, within the relative accuracy. */
  p90: number;
  /** 95th percentile, within the relative accuracy. */
  p95: number;
  /** 99th percentile, within the relative accuracy. */
  p99: number;
  /** Smallest value (exact). */
  min: number;
  /** Largest value (exact). */
  max: number;
  /** Arithmetic mean (exact). */
  mean: number;
}

/** Figures of one model, one provider or the whole system over one sliding window. */
export interface WindowStats {
  /** The window's name (`5m`). */
  window: string;
  /** The window's length, in ms. */
  windowMs: number;
  /** Attempts recorded, successful or not. */
  requestCount: number;
  /** Attempts that ended `ok`. */
  successCount: number;
  /** Attempts that ended with an error. */
  errorCount: number;
  /** Failed attempts by error kind; every kind is present, 0 when none. */
  errorsByKind: Record<ErrorKind, number>;
  /** successCount / requestCount (0–1); `null` when there was no attempt. */
  successRate: number | null;
  /** Latency of successful attempts, in ms; `null` when none. */
  latencyMs: QuantileSummary | null;
  /** Time to first token of successful attempts that reported one, in ms; `null` when none. */
  timeToFirstTokenMs: QuantileSummary | null;
  /** Output tokens per second of successful attempts that reported it; `null` when none. */
  tokensPerSecond: QuantileSummary | null;
  /** Sum of the input tokens reported (by every attempt). */
  inputTokens: number;
  /** Sum of the output tokens reported (by every attempt). */
  outputTokens: number;
  /** Sum of the costs reported, in USD (by every attempt; unknown costs are not counted as 0). */
  costUsd: number;
  /** Attempts that reported a cost; `requestCount − costReportedCount` had an unknown cost. */
  costReportedCount: number;
  /** Attempts that were streamed. */
  streamingCount: number;
}

const SUMMARY_QUANTILES = [0.5, 0.9, 0.95, 0.99];

/** Sums buckets (of one model or many) into the figures of one window. */
export class StatsAccumulator {
  private readonly counters = new Float64Array(COUNTER_COUNT);
  private readonly bins = MEASURES.map(() => new DenseBins());
  private readonly mapping: SketchMapping;

  constructor(mapping: SketchMapping) {
    this.mapping = mapping;
  }

  /** Adds one bucket: its counters from `counters[offset…]` and its sketch bins. */
  addBucket(counters: Float64Array, offset: number, store: BucketStore | undefined): void {
    mergeCounters(this.counters, 0, counters, offset);
    store?.forEach((measure, key, count) => {
      (this.bins[measure] as DenseBins).add(key, count);
    });
  }

  /** The figures accumulated so far, labelled with `window`. */
  toStats(window: WindowDefinition): WindowStats {
    const counters = this.counters;
    const successCount = counters[0] as number;
    const errorsByKind = {} as Record<ErrorKind, number>;
    let errorCount = 0;
    ERROR_KINDS.forEach((kind, index) => {
      const count = counters[index + 1] as number;
      errorsByKind[kind] = count;
      errorCount += count;
    });
    const requestCount = successCount + errorCount;
    return {
      window: window.name,
      windowMs: window.lengthMs,
      requestCount,
      successCount,
      errorCount,
      errorsByKind,
      successRate: requestCount === 0 ? null : successCount / requestCount,
      latencyMs: this.summarize(LATENCY),
      timeToFirstTokenMs: this.summarize(FIRST_TOKEN),
      tokensPerSecond: this.summarize(TOKENS_PER_SECOND),
      inputTokens: counters[INPUT_TOKENS] as number,
      outputTokens: counters[OUTPUT_TOKENS] as number,
      costUsd: counters[COST_USD] as number,
      costReportedCount: counters[COST_REPORTED] as number,
      streamingCount: counters[STREAMED] as number,
    };
  }

  private summarize(measure: number): QuantileSummary | null {
    const start = measureStart(measure);
    const count = this.counters[start] as number;
    if (count === 0) return null;
    const min = this.counters[start + MEASURE_MIN] as number;
    const max = this.counters[start + MEASURE_MAX] as number;
    const bins = this.bins[measure] as DenseBins;
    const [p50, p90, p95, p99] = quantilesOf(this.mapping, bins, count, min, max, SUMMARY_QUANTILES) as [
      number,
      number,
      number,
      number,
    ];
    return { count, p50, p90, p95, p99, min, max, mean: (this.counters[start + MEASURE_SUM] as number) / count };
  }
}
