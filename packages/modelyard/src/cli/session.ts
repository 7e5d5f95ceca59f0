import type { Monitor } from '@modelyard/monitor';
import { createModelyardFromConfig, type ModelyardFromConfig } from '../config/create-from-config';
import { type OptionValues, stringOption } from './arguments';
import type { CommandIo } from './context';

/** How a command wants its session. */
export interface SessionOptions {
  /** A monitor to record into (the saved figures). */
  monitor?: Monitor;
  /** Say on stderr, once, when a provider's listing fails (commands that show no provider table). */
  announceUnavailable?: boolean;
}

/** Builds the Modelyard a command works with, from `--config` (or the file found) and the env. */
export function openSession(
  io: CommandIo,
  values: OptionValues,
  options: SessionOptions = {},
): Promise<ModelyardFromConfig> {
  const create = io.context.createFromConfig ?? createModelyardFromConfig;
  const configPath = stringOption(values, 'config');
  return create({
    cwd: io.context.cwd,
    env: io.context.env,
    ...(configPath === undefined ? {} : { configPath }),
    ...(options.monitor ? { monitor: options.monitor } : {}),
    ...(options.announceUnavailable
      ? {
          hooks: {
            onProviderUnavailable: (report) =>
              io.err.line(
                io.err.dim(`${report.providerId} is unavailable and left out: ${report.error?.message ?? 'no answer'}`),
              ),
          },
        }
      : {}),
  });
}

/** Runs `work` with a session and disposes it afterwards, whatever happens. */
export async function withSession<T>(
  io: CommandIo,
  values: OptionValues,
  work: (session: ModelyardFromConfig) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const session = await openSession(io, values, options);
  try {
    return await work(session);
  } finally {
    await session.modelyard.dispose();
  }
}

/**
 * When no provider is in use, says how to configure one (on stderr) and returns true: the command
 * then has nothing to work with and exits 1.
 */
export function reportNoProvider(io: CommandIo, session: ModelyardFromConfig): boolean {
  if (session.modelyard.providers.length > 0) return false;
  io.err.line('No provider is configured. Set OPENROUTER_API_KEY, OLLAMA_HOST, LMSTUDIO_HOST or MODELYARD_MODELS_DIR,');
  io.err.line('or write a modelyard.config.json; `modelyard demo` shows everything on built-in stand-ins.');
  return true;
}
