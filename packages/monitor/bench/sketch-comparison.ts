// Accuracy and memory of our sketch against @datadog/sketches-js (DDSketch) at α = 1%, on the
// distributions latencies come in. Run with `pnpm bench:sketches` (node --expose-gc).
import { DDSketch } from '@datadog/sketches-js';
import { QuantileSketch } from '@modelyard/monitor';
import { seededRandom } from './sample-stream.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const random = seededRandom(11);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const DISTRIBUTIONS: [string, () => number][] = [
  ['log-normal (median 800 ms, σ 0.5)', () => 800 * Math.exp(0.5 * normal())],
  ['log-uniform 1 ms – 100 s', () => 10 ** (5 * random())],
  ['Pareto tail (α 1.2, from 100 ms)', () => 100 / (1 - random()) ** (1 / 1.2)],
  ['uniform 0 – 2,000 ms', () => 2000 * random()],
];
const QUANTILES = [0.5, 0.9, 0.95, 0.99];

function worstError(size: number): { ours: number; theirs: number } {
  const worst = { ours: 0, theirs: 0 };
  for (const [, draw] of DISTRIBUTIONS) {
    for (let trial = 0; trial < 20; trial += 1) {
      const values = Array.from({ length: size }, draw);
      const ours = new QuantileSketch({ relativeAccuracy: 0.01 });
      const theirs = new DDSketch({ relativeAccuracy: 0.01 });
      for (const value of values) {
        ours.add(value);
        theirs.accept(value);
      }
      const sorted = values.sort((left, right) => left - right);
      const answers = ours.quantiles(QUANTILES);
      QUANTILES.forEach((q, index) => {
        const exact = sorted[Math.floor(q * (size - 1))] as number;
        if (exact < 0.001) return;
        worst.ours = Math.max(worst.ours, Math.abs((answers[index] as number) - exact) / exact);
        worst.theirs = Math.max(worst.theirs, Math.abs(theirs.getValueAtQuantile(q) - exact) / exact);
      });
    }
  }
  return worst;
}

function bytesPerSketch(make: () => { add: (value: number) => void }, valuesPerSketch: number): number {
  const draw = DISTRIBUTIONS[0]?.[1] as () => number;
  const count = 5000;
  (gc as () => void)();
  const before = process.memoryUsage();
  const kept: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const sketch = make();
    for (let value = 0; value < valuesPerSketch; value += 1) sketch.add(draw());
    kept.push(sketch);
  }
  (gc as () => void)();
  const after = process.memoryUsage();
  (globalThis as { kept?: unknown }).kept = kept;
  return Math.round((after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / count);
}

for (const size of [100, 10_000]) {
  const { ours, theirs } = worstError(size);
  console.log(
    `worst relative error of p50/p90/p95/p99, ${size} values × 4 distributions × 20 trials: ` +
      `QuantileSketch ${(ours * 100).toFixed(3)}%, DDSketch ${(theirs * 100).toFixed(3)}%`,
  );
}
for (const values of [10, 1000]) {
  const ours = bytesPerSketch(() => new QuantileSketch(), values);
  const theirs = bytesPerSketch(() => {
    const sketch = new DDSketch({ relativeAccuracy: 0.01 });
    return { add: (value: number) => sketch.accept(value), sketch };
  }, values);
  console.log(`heap per sketch of ${values} log-normal values: QuantileSketch ${ours} B, DDSketch ${theirs} B`);
}
