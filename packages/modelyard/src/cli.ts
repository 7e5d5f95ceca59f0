#!/usr/bin/env node
// The `modelyard` command. Everything it does is in ./cli/run-cli.ts; this file only connects it
// to the process (streams, env, folder, exit code).
import { runCli } from './cli/run-cli';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
