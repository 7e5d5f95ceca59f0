#!/usr/bin/env node
// The benchmark runner every package shares (run from a package folder by `pnpm bench`).
//
//   node ../../tooling/bench.mjs                  run bench/*.bench.ts, print medians, write bench/results/latest.json
//   node ../../tooling/bench.mjs --save-baseline  also write bench/baseline.json (commit it)
//   node ../../tooling/bench.mjs --compare        also fail when a task's median is more than 20% slower than the baseline
//   node ../../tooling/bench.mjs --max-regression 0.3 --filter rank
//
// A bench file exports `default (bench: Bench) => void | Promise<void>` that adds tasks, and may
// export `options` (tinybench BenchOptions, e.g. `{ time: 2000 }`). Bench files import the package
// by its name, so they measure the built `dist` a user gets (turbo's bench task builds first).
// Node 24 strips the TypeScript types of bench files itself; they must use erasable syntax only.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};

const packageDir = process.cwd();
const benchDir = join(packageDir, 'bench');
const baselinePath = join(benchDir, 'baseline.json');
const maxRegression = Number(value('--max-regression', '0.2'));
const filter = value('--filter', '');
if (!Number.isFinite(maxRegression) || maxRegression < 0) {
  console.error(`--max-regression: expected a non-negative number, received ${value('--max-regression')}`);
  process.exit(2);
}

const files = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((name) => name.endsWith('.bench.ts') || name.endsWith('.bench.mjs'))
      .sort()
  : [];
if (files.length === 0) {
  console.log(`no benchmarks in ${benchDir}`);
  process.exit(0);
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};

/** @type {Record<string, { medianMs: number, p99Ms: number, meanMs: number, opsPerSecond: number, samples: number }>} */
const results = {};
for (const file of files) {
  const module = await import(pathToFileURL(resolve(benchDir, file)).href);
  const bench = new Bench({ time: 1000, warmupTime: 200, ...(module.options ?? {}), name: file });
  await module.default(bench);
  for (const task of [...bench.tasks]) {
    if (filter && !task.name.includes(filter)) bench.remove(task.name);
  }
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') {
      console.error(`${file} › ${task.name}: ${result.state}${result.error ? `: ${result.error.stack}` : ''}`);
      process.exitCode = 1;
      continue;
    }
    results[task.name] = {
      medianMs: result.latency.p50,
      p99Ms: result.latency.p99,
      meanMs: result.latency.mean,
      opsPerSecond: result.throughput.mean,
      samples: result.latency.samplesCount ?? 0,
    };
  }
}

const formatTime = (ms) => (ms >= 1 ? `${ms.toFixed(3)} ms` : `${(ms * 1000).toFixed(3)} µs`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.table(
  Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        median: formatTime(r.medianMs),
        p99: formatTime(r.p99Ms),
        'ops/s': Math.round(r.opsPerSecond),
        samples: r.samples,
      },
    ]),
  ),
);

const report = { machine, date: new Date().toISOString(), results };
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

if (flag('--compare')) {
  if (!existsSync(baselinePath)) {
    console.error(`--compare: no baseline at ${baselinePath}; run with --save-baseline first`);
    process.exit(2);
  }
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8'));
  const rows = {};
  for (const [name, current] of Object.entries(results)) {
    const before = baseline.results?.[name];
    if (!before) continue;
    const ratio = current.medianMs / before.medianMs;
    const regressed = ratio > 1 + maxRegression;
    rows[name] = {
      baseline: formatTime(before.medianMs),
      now: formatTime(current.medianMs),
      ratio: ratio.toFixed(2),
      verdict: regressed ? 'REGRESSED' : 'ok',
    };
    if (regressed) process.exitCode = 1;
  }
  console.log(`\ncompared with ${baselinePath} (fails above ${(1 + maxRegression).toFixed(2)}x the baseline median)`);
  console.table(rows);
}

if (flag('--save-baseline')) {
  writeFileSync(baselinePath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`baseline written to ${baselinePath}`);
}
