import type { HardwareProfile } from '@modelyard/core';
import type { CreateFromConfigOptions, ModelyardFromConfig } from '../config/create-from-config';
import type { Environment } from '../config/environment';
import { createTerminal, type OutputStream, type Terminal } from './terminal';

/** What the CLI runs against: streams, env, folder, and the factories tests replace. */
export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Environment;
  cwd: string;
  /** Builds a Modelyard from config and env. Default `createModelyardFromConfig`. */
  createFromConfig?: (options: CreateFromConfigOptions) => Promise<ModelyardFromConfig>;
  /** Reads the machine. Default the selector's `detectHardware`. */
  detectHardware?: () => Promise<HardwareProfile>;
}

/** A command's view of the context: a terminal on each stream. */
export interface CommandIo {
  context: CliContext;
  out: Terminal;
  err: Terminal;
}

/** Terminals over the context's streams. */
export function createIo(context: CliContext): CommandIo {
  return {
    context,
    out: createTerminal(context.stdout, context.env),
    err: createTerminal(context.stderr, context.env),
  };
}

/** One subcommand of `modelyard`. */
export interface Command {
  name: string;
  /** One line for `modelyard --help`. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; resolves to the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}
