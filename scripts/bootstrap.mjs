#!/usr/bin/env node
// Sets the workspace up from nothing but Node >= 20 and npm, then runs one job.
//
//   npm run quickstart   (= node scripts/bootstrap.mjs main)  install, build, run the main job
//   npm run test:all     (= node scripts/bootstrap.mjs test)  install, lint, build, typecheck, test
//
// Why a script: a fresh machine has Node 20 and npm only; pnpm is not installed and corepack
// cannot verify signatures on this registry. So pnpm comes from the npm registry through `npx`
// at the exact version of `packageManager`, and Node 24 comes from the root devDependency `node`,
// whose bin pnpm puts first on PATH for every script. This file therefore runs on Node 20 and
// uses nothing newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = rootManifest.packageManager; // e.g. "pnpm@12.21.0"
const job = process.argv[2];
const jobs = {
  main: [
    ['run', 'build'],
    ['run', 'main'],
  ],
  test: [
    ['run', 'lint'],
    // Three tasks at a time on a 2-core machine: more only makes every test slower (and the
    // abort-promptness rules of the contract suite measure wall time). --continue reports every
    // failing package, not just the first.
    ['turbo', 'run', 'build', 'typecheck', 'test', '--concurrency=3', '--continue'],
  ],
};
if (!jobs[job]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(jobs).join('|')}>`);
  process.exit(2);
}

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  PACT_DO_NOT_TRACK: 'true',
  npm_config_update_notifier: 'false',
};

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
function pnpm(args) {
  const started = Date.now();
  console.log(`\n$ pnpm ${args.join(' ')}`);
  const result = spawnSync(npx, ['--yes', pnpmSpec, ...args], { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ pnpm ${args.join(' ')} failed (exit ${result.status}) after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ pnpm ${args.join(' ')} (${seconds} s)`);
}

const started = Date.now();
pnpm(['install', '--frozen-lockfile']);
for (const args of jobs[job]) pnpm(args);

if (job === 'test') {
  // vitest writes test-results/vitest.json in each package; sum them into one closing line.
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const perPackage = [];
  const listFolders = (group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group))
          .sort()
          .map((name) => `${group}/${name}`)
      : [];
  const workspaceFolders = [...listFolders('packages'), ...listFolders('examples'), 'tests'];
  for (const folder of workspaceFolders) {
    const reportPath = join(root, folder, 'test-results', 'vitest.json');
    if (!existsSync(reportPath)) continue;
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    perPackage.push(`${folder}: ${report.numPassedTests}`);
  }
  console.log(`\nper package (passed): ${perPackage.join(', ')}`);
  console.log(`total time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed === 0 || failed > 0) process.exit(1);
}
