#!/usr/bin/env node
// The main job until the `modelyard` CLI exists (its issue replaces this): show that the
// workspace is built and what it holds. Runs on the workspace's Node 24 (via pnpm).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const core = await import(pathToFileURL(join(packagesDir, 'core', 'dist', 'index.js')).href);
const coreManifest = JSON.parse(readFileSync(join(packagesDir, 'core', 'package.json'), 'utf8'));

console.log(`Modelyard workspace on Node ${process.version}`);
console.log(`@modelyard/core ${coreManifest.version} (provider spec ${core.SPECIFICATION_VERSION})`);
console.log(
  `  ${core.ERROR_KINDS.length} error kinds, ${core.CAPABILITIES.length} capabilities, ${core.BUILT_IN_TASKS.length} built-in tasks`,
);
const example = core.formatModelKey({ providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' });
console.log(`  model key example: ${example} → ${JSON.stringify(core.parseModelKey(example))}`);
console.log('\npackages:');
for (const folder of readdirSync(packagesDir).sort()) {
  const manifestPath = join(packagesDir, folder, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const built = existsSync(join(packagesDir, folder, 'dist', 'index.js')) ? 'built' : 'NOT BUILT';
  console.log(
    `  ${manifest.name.padEnd(32)} ${manifest.version.padEnd(8)} ${built.padEnd(10)} ${manifest.description}`,
  );
}
