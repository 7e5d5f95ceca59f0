// Heap held by a monitor after 1,000,000 samples over 1,000 models (issue 6: at most 64 MB).
// Run with `pnpm bench:memory` (node --expose-gc). Three shapes of traffic:
//   seen:    one sample per model: the fixed cost of a model;
//   spread:  the samples arrive evenly over 24 h (11.6 calls/s), so every bucket of every window
//            of every model holds data: the most memory this volume can take;
//   burst:   all samples arrive within 100 s (10,000 calls/s): few buckets, large sketches.
import { createMonitor } from '@modelyard/monitor';
import { sampleStream } from './sample-stream.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const SAMPLES = 1_000_000;
const MODELS = 1_000;
const DAY_MS = 86_400_000;

function heapBytes(): number {
  (gc as () => void)();
  (gc as () => void)();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function measure(label: string, spanMs: number, sampleCount = SAMPLES): void {
  const samples = sampleStream(10_000, MODELS);
  const before = heapBytes();
  let now = 1_700_000_000_000;
  const clock = { now: () => now, sleep: async () => {} };
  const monitor = createMonitor({ clock });
  const step = spanMs / sampleCount;
  const started = performance.now();
  for (let index = 0; index < sampleCount; index += 1) {
    const sample = samples[index % samples.length] as (typeof samples)[number];
    now += step;
    sample.timestamp = now;
    monitor.record(sample);
  }
  const elapsedMs = performance.now() - started;
  const held = heapBytes() - before;
  const stats = monitor.summary('24h');
  console.log(
    `${label}: ${(held / 2 ** 20).toFixed(1)} MiB held (${Math.round(held / MODELS / 1024)} KiB/model), ` +
      `${stats.overall.requestCount} samples in the 24 h window, ${((elapsedMs * 1000) / sampleCount).toFixed(3)} µs/record`,
  );
  (globalThis as { keep?: unknown }).keep = monitor;
}

measure('one sample per model', 1000, MODELS);
(globalThis as { keep?: unknown }).keep = undefined;
measure('spread over 24 h', DAY_MS);
(globalThis as { keep?: unknown }).keep = undefined;
measure('burst of 100 s', 100_000);
