import { ConfigError, ModelyardError } from '@modelyard/core';
import { FallbackError } from '@modelyard/fallback';
import manifest from '../../package.json' with { type: 'json' };
import { DemoDependencyError } from '../demo/demo-setup';
import { NoEligibleModelError } from '../no-eligible-model-error';
import { REQUIREMENT_FLAGS, UsageError } from './arguments';
import { demoCommand } from './commands/demo-command';
import { hardwareCommand } from './commands/hardware-command';
import { modelsCommand } from './commands/models-command';
import { pullCommand } from './commands/pull-command';
import { runCommand } from './commands/run-command';
import { selectCommand } from './commands/select-command';
import { statsCommand } from './commands/stats-command';
import { type CliContext, type Command, type CommandIo, createIo } from './context';
import { renderRejected } from './render-models';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  hardwareCommand,
  modelsCommand,
  selectCommand,
  runCommand,
  pullCommand,
  statsCommand,
];

/** The text of `modelyard --help`. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: modelyard <command> [options]

The best LLM you can use right now, for this task, within this budget, on this machine.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`modelyard <command> --help\` for a command's options.

Providers come from modelyard.config.json (or .js/.mjs/.ts) in this folder and from env vars:
  OPENROUTER_API_KEY     OpenRouter
  OLLAMA_HOST            Ollama server URL
  LMSTUDIO_HOST          LM Studio server URL
  MODELYARD_MODELS_DIR   folder(s) of .gguf files, run in-process
Output is plain text when piped or when NO_COLOR is set.`;
}

/** A requirements error in the command line's terms: each field with the flag that sets it. */
export function describeRequirementIssues(error: ConfigError): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.replace(/\[\d+\]$/, '');
    const flag = REQUIREMENT_FLAGS[field] ?? REQUIREMENT_FLAGS[field.split('.')[0] as string];
    return `  - ${flag ? `${flag} (${issue.path})` : issue.path}: expected ${issue.expected}, received ${issue.received}`;
  });
  return `Invalid requirements:\n${lines.join('\n')}`;
}

function reportError(error: unknown, io: CommandIo, command: string | undefined): number {
  const { err } = io;
  if (error instanceof UsageError) {
    err.line(`modelyard ${error.command}: ${error.message}`);
    err.line(err.dim(`Run \`modelyard ${error.command} --help\` for usage.`));
    return 2;
  }
  if (ConfigError.isInstance(error)) {
    err.line(err.red(error.subject === 'ModelRequirements' ? describeRequirementIssues(error) : error.message));
    return 2;
  }
  if (error instanceof DemoDependencyError) {
    err.line(err.red(error.message));
    return 1;
  }
  if (NoEligibleModelError.isInstance(error)) {
    err.line(err.red(error.message));
    if (error.rejected.length > 0) err.line(renderRejected(error.rejected, err, 10));
    return 1;
  }
  if (FallbackError.isInstance(error)) {
    err.line(err.red(`${error.kind}: ${error.message}`));
    return 1;
  }
  if (ModelyardError.isInstance(error)) {
    err.line(err.red(`${error.kind}: ${error.message}`));
    return 1;
  }
  err.line(err.red(`modelyard${command ? ` ${command}` : ''} failed: ${(error as Error)?.stack ?? String(error)}`));
  return 1;
}

/**
 * Runs the `modelyard` command line (`args` without `node` and the script) and resolves to the
 * exit code: 0 done, 1 a failure (no model, every attempt failed, a provider error), 2 a usage or
 * configuration error. Never calls `process.exit` and writes only to the context's streams.
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  const io = createIo(context);
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    io.out.line(topic ? topic.help : mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out.line(MODELYARD_VERSION);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.err.line(`modelyard: unknown command "${name}" (commands: ${COMMANDS.map((entry) => entry.name).join(', ')})`);
    io.err.line(io.err.dim('Run `modelyard --help` for usage.'));
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.line(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, command.name);
  }
}

/** This package's version, as the CLI reports it. */
export const MODELYARD_VERSION: string = manifest.version;
