// `pnpm --filter modelyard soak`: 10,000 requests over six providers (five OpenAI-compatible
// servers and OpenRouter, all loopback fakes) failing 35% of the time in every way the fakes can,
// 32 at a time. Prints the report as JSON and writes it to bench/results/soak.json. Run on the
// built dist (`pnpm --filter modelyard build` first); `--expose-gc` makes the heap figures stable.
// Options: --requests, --concurrency, --failure-rate, --seed, --no-breakers (circuit breakers off).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createModelyard } from 'modelyard';
import { machineFacts } from './bench-fixture.ts';
import { runSoak } from './soak-run.ts';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};

const loadBefore = loadavg();
const report = await runSoak({
  createModelyard,
  requests: argument('--requests', 10_000),
  concurrency: argument('--concurrency', 32),
  failureRate: argument('--failure-rate', 0.35),
  seed: argument('--seed', 1),
  breakers: !process.argv.includes('--no-breakers'),
});
const machine = machineFacts(loadBefore);
const output = { date: new Date().toISOString(), machine, report };
console.log(JSON.stringify(output, null, 2));
const folder = join(import.meta.dirname, 'results');
mkdirSync(folder, { recursive: true });
writeFileSync(
  join(folder, process.argv.includes('--no-breakers') ? 'soak-no-breakers.json' : 'soak.json'),
  `${JSON.stringify(output, null, 2)}\n`,
);
const isClean = report.lost === 0 && report.unhandledRejections === 0 && report.silentTruncations === 0;
if (!isClean) process.exitCode = 1;
