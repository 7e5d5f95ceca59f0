#!/usr/bin/env node
// The main job (README Quick start, command 1): `modelyard demo`. It runs the whole workflow on
// stand-ins that need no account and no server: discovery across providers (one of them down),
// ranking with every factor explained and every rejection's reason, a fallback while the top
// model's server fails, streamed answers (one from an in-process GGUF model generated on the spot),
// the monitor's figures, and how to point Modelyard at real providers.
// Runs on the workspace's Node 24 (via pnpm) after `pnpm build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'packages', 'modelyard', 'dist', 'index.js');
if (!existsSync(entry)) {
  console.error(`modelyard is not built (${entry} is missing): run \`pnpm build\` first.`);
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(entry).href);
process.exitCode = await runCli(['demo'], {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
