import { ConfigError, describeReceived, parseWithSchema } from '@modelyard/core';
import { DenseBins } from './dense-bins';
import { type QuantileSketchJson, sketchJsonSchema } from './sketch-json';
import { DEFAULT_RELATIVE_ACCURACY, keyOf, keyValue, type SketchMapping, sketchMapping } from './sketch-mapping';

/** Options of a {@link QuantileSketch}. */
export interface QuantileSketchOptions {
  /** α: every quantile is within ±α (relative) of the true one. 0.001–0.1; default 0.01. */
  relativeAccuracy?: number;
}

/**
 * The values at `quantiles` (ascending, in [0, 1]) of `count` values counted in `bins`: the value of
 * rank ⌊q·(count−1)⌋, read back from its bin and clamped to the exact [min, max].
 */
export function quantilesOf(
  mapping: SketchMapping,
  bins: DenseBins,
  count: number,
  min: number,
  max: number,
  quantiles: readonly number[],
): number[] {
  const keys = bins.keysAtRanks(quantiles.map((q) => q * (count - 1)));
  return keys.map((key) => Math.min(Math.max(keyValue(mapping, key), min), max));
}

/**
 * A mergeable quantile sketch in the style of DDSketch (Masson, Rim, Lee, VLDB 2019): values are
 * counted in logarithmic bins, so any quantile of values in [0.001, 1e9] comes back within the
 * relative accuracy α of the true value (the value of rank ⌊q·(n−1)⌋), in memory that depends on
 * the spread of the values, never on their number. Two sketches of the same α merge exactly.
 * Values are non-negative (durations, rates): see {@link SKETCH_MIN_VALUE} and {@link SKETCH_MAX_VALUE}.
 */
export class QuantileSketch {
  private readonly mapping: SketchMapping;
  private readonly bins = new DenseBins();
  private total = 0;
  private valueSum = 0;
  private smallest = Number.POSITIVE_INFINITY;
  private largest = Number.NEGATIVE_INFINITY;

  /** @throws ConfigError naming `relativeAccuracy` outside [0.001, 0.1]. */
  constructor(options: QuantileSketchOptions = {}) {
    this.mapping = sketchMapping(options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY);
  }

  /** α, the relative accuracy of every quantile. */
  get relativeAccuracy(): number {
    return this.mapping.relativeAccuracy;
  }

  /** How many values were added. */
  get count(): number {
    return this.total;
  }

  /** The sum of the values added (exact). */
  get sum(): number {
    return this.valueSum;
  }

  /** The smallest value added (exact); `undefined` when empty. */
  get min(): number | undefined {
    return this.total === 0 ? undefined : this.smallest;
  }

  /** The largest value added (exact); `undefined` when empty. */
  get max(): number | undefined {
    return this.total === 0 ? undefined : this.largest;
  }

  /**
   * Adds one value.
   * @throws ConfigError naming `value` when it is not a finite number ≥ 0.
   */
  add(value: number): void {
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ConfigError('sketch value', [
        { path: 'value', expected: 'a finite number ≥ 0', received: describeReceived(value) },
      ]);
    }
    this.bins.add(keyOf(this.mapping, value), 1);
    this.total += 1;
    this.valueSum += value;
    this.smallest = Math.min(this.smallest, value);
    this.largest = Math.max(this.largest, value);
  }

  /**
   * Adds every value of `other`; the result is exactly the sketch of both inputs.
   * @throws ConfigError naming `relativeAccuracy` when the two accuracies differ.
   */
  merge(other: QuantileSketch): void {
    if (other.mapping.relativeAccuracy !== this.mapping.relativeAccuracy) {
      throw new ConfigError('sketch merge', [
        {
          path: 'relativeAccuracy',
          expected: `the accuracy of this sketch (${this.mapping.relativeAccuracy})`,
          received: String(other.mapping.relativeAccuracy),
        },
      ]);
    }
    this.bins.addAll(other.bins);
    this.total += other.total;
    this.valueSum += other.valueSum;
    this.smallest = Math.min(this.smallest, other.smallest);
    this.largest = Math.max(this.largest, other.largest);
  }

  /** The value at quantile `q` (0 = min, 0.5 = median, 1 = max), within α; `undefined` when empty. */
  quantile(q: number): number | undefined {
    return this.quantiles([q])[0];
  }

  /**
   * The values at several quantiles in one pass; `quantiles` must be ascending, each in [0, 1].
   * Empty for an empty sketch.
   */
  quantiles(quantiles: readonly number[]): number[] {
    if (this.total === 0) return [];
    return quantilesOf(this.mapping, this.bins, this.total, this.smallest, this.largest, quantiles);
  }

  /** The sketch as plain JSON: non-empty bins in ascending key order, and the exact sum, min and max. */
  toJSON(): QuantileSketchJson {
    const keys: number[] = [];
    const counts: number[] = [];
    this.bins.forEach((key, count) => {
      keys.push(key);
      counts.push(count);
    });
    return { keys, counts, sum: this.valueSum, min: this.min ?? null, max: this.max ?? null };
  }

  /**
   * Reads a sketch written by {@link QuantileSketch.toJSON}; `options.relativeAccuracy` must be the
   * accuracy it was written with (keys mean nothing under another one).
   * @throws ConfigError naming the bad field.
   */
  static fromJSON(input: unknown, options: QuantileSketchOptions = {}): QuantileSketch {
    const sketch = new QuantileSketch(options);
    const json = parseWithSchema(sketchJsonSchema(sketch.mapping), input, 'quantile sketch');
    json.keys.forEach((key, index) => {
      const count = json.counts[index] as number;
      sketch.bins.add(key, count);
      sketch.total += count;
    });
    sketch.valueSum = json.sum;
    sketch.smallest = json.min ?? Number.POSITIVE_INFINITY;
    sketch.largest = json.max ?? Number.NEGATIVE_INFINITY;
    return sketch;
  }
}
