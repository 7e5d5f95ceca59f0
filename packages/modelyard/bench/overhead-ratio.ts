// `pnpm --filter modelyard overhead`: the overhead of Modelyard around one chat request, as the
// ratio of medians of `modelyard.generate` (discovery from cache, selection, fallback runner,
// monitor, provider-custom on the openai client) over the bare `openai` client, against the same
// loopback OpenAI-compatible fake, at concurrency 1 and 64, with the layers in between (the
// provider alone, the fallback runner around it) to show where the overhead comes from. The layers
// are interleaved call by call (batch by batch at 64), rotating which goes first, so load from other
// processes on a shared machine hits all alike; tinybench's sequential tasks
// (bench/overhead.bench.ts) cannot do that.
// Writes bench/results/overhead.json. Run on the built dist (`pnpm --filter modelyard build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createFallbackRunner } from '@modelyard/fallback';
import { createModelyard } from 'modelyard';
import { BENCH_PROMPT, machineFacts, startOverheadFixture } from './bench-fixture.ts';

const { fake, provider, viaOpenAI } = await startOverheadFixture();
const modelyard = createModelyard({ providers: [provider], hardware: null });
const model = await provider.loadModel('bench-model');
const runner = createFallbackRunner();
const request = () => ({ messages: [{ role: 'user' as const, content: BENCH_PROMPT }] });
// The layers, from the bare client up: where the overhead comes from.
const layers: [string, () => Promise<unknown>][] = [
  ['openai client', viaOpenAI],
  ['provider-custom model.generate', () => model.generate(request())],
  ['fallback runner.generate over that model', () => runner.generate(request(), [model])],
  ['modelyard.generate', () => modelyard.generate(request())],
];

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function timed(concurrency: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, call));
  return performance.now() - started;
}

async function compare(concurrency: number, samples: number, warmup: number) {
  const durations = layers.map((): number[] => []);
  for (let index = 0; index < warmup + samples; index += 1) {
    // Rotate which layer goes first, so none always runs on a warmer (or colder) machine.
    for (let step = 0; step < layers.length; step += 1) {
      const layer = (index + step) % layers.length;
      const elapsed = await timed(concurrency, (layers[layer] as [string, () => Promise<unknown>])[1]);
      if (index >= warmup) (durations[layer] as number[]).push(elapsed);
    }
    if (index % 100 === 0) fake.reset(); // the fake records every request
  }
  const bare = median(durations[0] as number[]);
  const rows = layers.map(([name], layer) => {
    const medianMs = median(durations[layer] as number[]);
    return { layer: name, medianMs: Number(medianMs.toFixed(4)), ratioToOpenAI: Number((medianMs / bare).toFixed(4)) };
  });
  console.log(`concurrency ${concurrency} (${samples} samples per layer):`);
  for (const row of rows)
    console.log(`  ${row.layer.padEnd(42)} ${row.medianMs.toFixed(4)} ms  ×${row.ratioToOpenAI.toFixed(3)}`);
  return { concurrency, samples, layers: rows };
}

const loadBefore = loadavg();
const results = [await compare(1, 2000, 200), await compare(64, 150, 15)];
const machine = machineFacts(loadBefore);
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverageBefore.join(' ')} → ${machine.loadAverageAfter.join(' ')}`,
);
const folder = join(import.meta.dirname, 'results');
mkdirSync(folder, { recursive: true });
writeFileSync(
  join(folder, 'overhead.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
);
await modelyard.dispose();
await fake.close();
