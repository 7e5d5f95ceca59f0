import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantileSketch } from './quantile-sketch';
import { sketchMapping } from './sketch-mapping';
import { measureArbitrary } from './test-support/samples';

const QUANTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

// Distributions latencies and rates come in: uniform, log-uniform over decades, heavy-tailed.
const distributions = fc.oneof(
  fc.array(measureArbitrary, { minLength: 1, maxLength: 300 }),
  fc.array(
    fc.double({ min: -3, max: 7, noNaN: true }).map((exponent) => 10 ** exponent),
    { minLength: 1, maxLength: 300 },
  ),
  fc
    .array(
      fc.double({ min: 0.000_001, max: 1, noNaN: true }).map((uniform) => 100 / uniform ** 1.5),
      { minLength: 1, maxLength: 300 },
    )
    .map((values) => values.map((value) => Math.min(value, 1e9))),
);

function sketchOf(values: readonly number[], relativeAccuracy: number): QuantileSketch {
  const sketch = new QuantileSketch({ relativeAccuracy });
  for (const value of values) sketch.add(value);
  return sketch;
}

describe('QuantileSketch properties', () => {
  it('answers every quantile within α of the value of rank ⌊q·(n−1)⌋', () => {
    fc.assert(
      fc.property(distributions, fc.constantFrom(0.001, 0.005, 0.01, 0.02, 0.1), (values, accuracy) => {
        const sketch = sketchOf(values, accuracy);
        const sorted = [...values].sort((left, right) => left - right);
        const answers = sketch.quantiles(QUANTILES);
        QUANTILES.forEach((q, index) => {
          const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
          expect(Math.abs((answers[index] as number) - exact)).toBeLessThanOrEqual(accuracy * exact * (1 + 1e-9));
        });
      }),
    );
  });

  it('merges into exactly the sketch of the concatenation', () => {
    fc.assert(
      fc.property(distributions, fc.nat(), (values, cut) => {
        const at = cut % (values.length + 1);
        const merged = sketchOf(values.slice(0, at), 0.01);
        merged.merge(sketchOf(values.slice(at), 0.01));
        const whole = sketchOf(values, 0.01);
        const { sum: mergedSum, ...mergedRest } = merged.toJSON();
        const { sum: wholeSum, ...wholeRest } = whole.toJSON();
        expect(mergedRest).toEqual(wholeRest);
        expect(mergedSum).toBeCloseTo(wholeSum, 3);
        expect(merged.quantiles(QUANTILES)).toEqual(whole.quantiles(QUANTILES));
      }),
    );
  });

  it('survives a JSON round trip', () => {
    fc.assert(
      fc.property(distributions, (values) => {
        const sketch = sketchOf(values, 0.01);
        const copy = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
        expect(copy.toJSON()).toEqual(sketch.toJSON());
        expect(copy.quantiles(QUANTILES)).toEqual(sketch.quantiles(QUANTILES));
      }),
    );
  });

  it('holds at most one bin per key of its mapping, however many values it counts', () => {
    const mapping = sketchMapping(0.01);
    fc.assert(
      fc.property(distributions, fc.integer({ min: 1, max: 50 }), (values, repeat) => {
        const sketch = new QuantileSketch();
        for (let round = 0; round < repeat; round += 1) for (const value of values) sketch.add(value);
        expect(sketch.toJSON().keys.length).toBeLessThanOrEqual(mapping.maxKey - mapping.zeroKey + 1);
        expect(sketch.count).toBe(values.length * repeat);
      }),
    );
  });
});
