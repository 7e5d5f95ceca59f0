import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { QuantileSketch } from './quantile-sketch';
import { keyOf, keyValue, sketchMapping } from './sketch-mapping';

const mapping = sketchMapping(0.01);
const readBack = (value: number) => keyValue(mapping, keyOf(mapping, value));

function sketchOf(values: number[], relativeAccuracy = 0.01): QuantileSketch {
  const sketch = new QuantileSketch({ relativeAccuracy });
  for (const value of values) sketch.add(value);
  return sketch;
}

describe('QuantileSketch', () => {
  it('is empty at first: no quantile, no min or max', () => {
    const sketch = new QuantileSketch();
    expect(sketch.relativeAccuracy).toBe(0.01);
    expect(sketch.count).toBe(0);
    expect(sketch.sum).toBe(0);
    expect(sketch.min).toBeUndefined();
    expect(sketch.max).toBeUndefined();
    expect(sketch.quantile(0.5)).toBeUndefined();
    expect(sketch.quantiles([0.5, 0.9])).toEqual([]);
  });

  it('answers the exact value for a single value (clamped to the exact min and max)', () => {
    const sketch = sketchOf([123.4]);
    expect(sketch.quantiles([0, 0.5, 1])).toEqual([123.4, 123.4, 123.4]);
    expect(sketch.count).toBe(1);
    expect(sketch.sum).toBe(123.4);
  });

  it('answers the value of rank ⌊q·(n−1)⌋ read back from its bin', () => {
    // 1…100 ms: p50 is rank 49 (value 50), p90 rank 89 (90), p95 rank 94 (95), p99 rank 98 (99).
    const sketch = sketchOf(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(sketch.quantiles([0.5, 0.9, 0.95, 0.99])).toEqual([readBack(50), readBack(90), readBack(95), readBack(99)]);
    expect(sketch.quantile(0)).toBe(1);
    expect(sketch.quantile(1)).toBe(100);
    expect(sketch.min).toBe(1);
    expect(sketch.max).toBe(100);
    expect(sketch.sum).toBe(5050);
  });

  it('stays within 1% of 10 and 100 in a skewed set', () => {
    // 90 × 10, 9 × 100, 1 × 1000: ranks 0–89 are 10, so p90 (rank 89.1) is still 10; p99 (rank 98.01) is 100.
    const values = [...Array.from({ length: 90 }, () => 10), ...Array.from({ length: 9 }, () => 100), 1000];
    const [p50, p90, p91, p99] = sketchOf(values).quantiles([0.5, 0.9, 0.91, 0.99]) as number[];
    expect(p50).toBe(readBack(10));
    expect(p90).toBe(readBack(10));
    expect(Math.abs((p90 as number) - 10)).toBeLessThanOrEqual(0.1);
    expect(Math.abs((p91 as number) - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs((p99 as number) - 100)).toBeLessThanOrEqual(1);
    expect(sketchOf(values).quantile(1)).toBe(1000);
  });

  it('counts values below 0.001 as 0 (then clamped to the exact minimum)', () => {
    expect(sketchOf([0, 0, 0.0005, 5]).quantiles([0, 0.5, 0.75, 1])).toEqual([0, 0, 0, 5]);
    expect(sketchOf([0.0002, 0.0005, 0.0007, 5]).quantiles([0.5, 0.75])).toEqual([0.0002, 0.0002]);
  });

  it('refuses a value that is not a finite number ≥ 0, naming it', () => {
    const sketch = new QuantileSketch();
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sketch.add(value)).toThrow(ConfigError);
    }
    expect(() => sketch.add(-0.5)).toThrow('value: expected a finite number ≥ 0, received -0.5');
    expect(() => sketch.add(-0.5)).toThrow(/^Invalid sketch value:/);
    expect(sketch.count).toBe(0);
    sketch.add(0);
    expect(sketch.count).toBe(1);
  });

  it('merges into exactly the sketch of both inputs', () => {
    const left = sketchOf([1, 2, 3, 400]);
    const right = sketchOf([0.5, 50, 5000]);
    left.merge(right);
    const whole = sketchOf([1, 2, 3, 400, 0.5, 50, 5000]);
    expect(left.toJSON()).toEqual(whole.toJSON());
    expect(left.quantiles([0, 0.5, 1])).toEqual(whole.quantiles([0, 0.5, 1]));
    expect(left.min).toBe(0.5);
    expect(left.max).toBe(5000);
  });

  it('merges an empty sketch as nothing, and into an empty one as a copy', () => {
    const values = sketchOf([7, 8]);
    const before = values.toJSON();
    values.merge(new QuantileSketch());
    expect(values.toJSON()).toEqual(before);
    const empty = new QuantileSketch();
    empty.merge(values);
    expect(empty.toJSON()).toEqual(before);
    expect(empty.count).toBe(2);
  });

  it('refuses to merge sketches of different accuracies', () => {
    expect(() => sketchOf([1]).merge(sketchOf([1], 0.02))).toThrow(/^Invalid sketch merge:/);
    expect(() => sketchOf([1]).merge(sketchOf([1], 0.02))).toThrow(
      'relativeAccuracy: expected the accuracy of this sketch (0.01), received 0.02',
    );
  });

  it('writes its bins, sum, min and max as JSON and reads them back', () => {
    const sketch = sketchOf([1, 1, 3]);
    expect(sketch.toJSON()).toEqual({ keys: [0, 55], counts: [2, 1], sum: 5, min: 1, max: 3 });
    const copy = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
    expect(copy.toJSON()).toEqual(sketch.toJSON());
    expect(copy.count).toBe(3);
    expect(copy.quantiles([0, 0.5, 1])).toEqual(sketch.quantiles([0, 0.5, 1]));
    expect(new QuantileSketch().toJSON()).toEqual({ keys: [], counts: [], sum: 0, min: null, max: null });
    expect(QuantileSketch.fromJSON({ keys: [], counts: [], sum: 0, min: null, max: null }).count).toBe(0);
  });

  it('reads JSON under the accuracy it is told', () => {
    const json = sketchOf([10], 0.02).toJSON();
    expect(QuantileSketch.fromJSON(json, { relativeAccuracy: 0.02 }).quantile(0.5)).toBe(10);
  });
});
