// Our sketch against @datadog/sketches-js (DDSketch), at the same 1% relative accuracy: inserting
// 1,000 log-normal latencies, reading four quantiles, merging two sketches of 1,000 values.
import { DDSketch } from '@datadog/sketches-js';
import { QuantileSketch } from '@modelyard/monitor';
import type { Bench } from 'tinybench';
import { seededRandom } from './sample-stream.ts';

const random = seededRandom(7);
const values = Array.from(
  { length: 1000 },
  () => 800 * Math.exp(0.5 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())),
);
const QUANTILES = [0.5, 0.9, 0.95, 0.99];

function ours(): QuantileSketch {
  const sketch = new QuantileSketch({ relativeAccuracy: 0.01 });
  for (const value of values) sketch.add(value);
  return sketch;
}

function theirs(): DDSketch {
  const sketch = new DDSketch({ relativeAccuracy: 0.01 });
  for (const value of values) sketch.accept(value);
  return sketch;
}

export default function register(bench: Bench): void {
  const ourSketch = ours();
  const theirSketch = theirs();
  bench
    .add('QuantileSketch: add ×1000', () => {
      ours();
    })
    .add('DDSketch: accept ×1000', () => {
      theirs();
    })
    .add('QuantileSketch: p50/p90/p95/p99', () => {
      ourSketch.quantiles(QUANTILES);
    })
    .add('DDSketch: p50/p90/p95/p99', () => {
      for (const quantile of QUANTILES) theirSketch.getValueAtQuantile(quantile);
    })
    .add('QuantileSketch: merge two of 1,000 values', () => {
      ours().merge(ourSketch);
    })
    .add('DDSketch: merge two of 1,000 values', () => {
      theirs().merge(theirSketch);
    });
}
