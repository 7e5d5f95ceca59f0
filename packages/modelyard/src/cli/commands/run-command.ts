import { formatModelKey, type GenerateRequest, type ModelIdentity, type StreamFinishPart } from '@modelyard/core';
import { type AttemptRecord, FallbackError } from '@modelyard/fallback';
import type { Modelyard } from '../../modelyard';
import {
  numberOption,
  type OptionValues,
  parseCommandArguments,
  REQUIREMENT_HELP,
  REQUIREMENT_OPTIONS,
  requirementsFromOptions,
  stringOption,
  UsageError,
} from '../arguments';
import type { Command, CommandIo } from '../context';
import { formatMs, formatUsd } from '../format';
import { renderSetupNotes } from '../render-models';
import { describeFallbacks, renderAttempts } from '../render-runs';
import { reportNoProvider, withSession } from '../session';
import { loadStatsMonitor, saveStatsMonitor, statsFilePath } from '../stats-file';

const HELP = `Usage: modelyard run "<prompt>" [requirements] [options]

Selects the best model for the requirements and streams its answer to stdout. If the model fails
before its first words, the next one in the ranking answers instead. Afterwards it prints (to
stderr) which model answered, every attempt and fallback, the timings and the cost. Figures are
kept for \`modelyard stats\` (in MODELYARD_STATS_FILE, default ~/.cache/modelyard/stats.json).

${REQUIREMENT_HELP}

Options:
  -s, --system <text>     system prompt
  --max-tokens <n>        maximum tokens to generate
  --temperature <t>       sampling temperature (0 is greedy)
  --timeout <ms>          deadline of the whole run
  -c, --config <file>     config file (default: modelyard.config.* in this folder)
  --json                  do not stream; print the result (text, attempts, usage, cost) as JSON
  -h, --help              show this help`;

/** The request of a `run` command line. */
export function requestFromOptions(prompt: string, values: OptionValues): GenerateRequest {
  const system = stringOption(values, 'system');
  const maxOutputTokens = numberOption('run', values, 'max-tokens', { integer: true, min: 0 });
  const temperature = numberOption('run', values, 'temperature', { min: 0 });
  return {
    messages: [{ role: 'user', content: prompt }],
    ...(system === undefined ? {} : { system }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(temperature === undefined ? {} : { temperature }),
  };
}

/** What a streamed run ended with, for the summary. */
export interface StreamOutcome {
  model: ModelIdentity | null;
  finish: StreamFinishPart | null;
  /** The in-band error part's message, when the stream ended with one (text was delivered). */
  failure: string | null;
  characters: number;
}

/**
 * The provider's timings cover the generation only; the attempt (in the table) also covers loading
 * the model. When loading took a noticeable share, say so, so the two figures do not seem to
 * disagree.
 */
export function loadingNote(attempts: readonly AttemptRecord[], generationMs: number | null): string {
  const last = attempts.at(-1);
  if (last === undefined || last.outcome !== 'ok' || generationMs === null) return '';
  const loadingMs = last.durationMs - generationMs;
  return loadingMs >= 5 && loadingMs >= generationMs * 0.5
    ? ` (the attempt took ${formatMs(last.durationMs)}, loading the model included)`
    : '';
}

/**
 * Streams an answer to `io.out` (the text only) and prints the summary to `io.err`: the model that
 * answered (and its place in the ranking), the attempts table, the fallbacks, timings and cost.
 */
export async function streamAnswer(
  modelyard: Modelyard,
  request: GenerateRequest,
  requirements: Parameters<Modelyard['stream']>[1],
  io: Pick<CommandIo, 'out' | 'err'>,
  timeoutMs?: number,
): Promise<StreamOutcome> {
  const stream = modelyard.stream(
    request,
    requirements,
    timeoutMs === undefined ? {} : { timeouts: { totalMs: timeoutMs } },
  );
  const outcome: StreamOutcome = { model: null, finish: null, failure: null, characters: 0 };
  try {
    for await (const part of stream) {
      if (part.type === 'start' || part.type === 'restart') outcome.model = part.model;
      if (part.type === 'restart')
        io.out.line(io.out.yellow(`\n[${formatModelKey(part.model)} starts over: discard the text above]`));
      if (part.type === 'text-delta') {
        io.out.write(part.text);
        outcome.characters += part.text.length;
      }
      if (part.type === 'finish') outcome.finish = part;
      if (part.type === 'error') outcome.failure = part.error.message;
    }
  } finally {
    if (outcome.characters > 0) io.out.line();
  }
  const rank = outcome.model
    ? stream.ranked.findIndex(
        (entry) =>
          entry.model.providerId === outcome.model?.providerId && entry.model.modelId === outcome.model?.modelId,
      ) + 1
    : 0;
  const err = io.err;
  if (outcome.failure !== null) {
    err.line(err.red(`✗ the stream broke after ${outcome.characters} characters: ${outcome.failure}`));
  } else if (outcome.model && outcome.finish) {
    const { timings, usage } = outcome.finish;
    const place = rank > 1 ? ` (#${rank} in the ranking)` : rank === 1 ? ' (#1 in the ranking)' : '';
    err.line(
      `${err.green('✓')} answered by ${err.bold(formatModelKey(outcome.model))}${place}: ${formatMs(timings.totalMs)} total, first token ${formatMs(timings.timeToFirstTokenMs)}${loadingNote(stream.attempts, timings.totalMs)}, ${timings.tokensPerSecond === null ? '? tokens/s' : `${Math.round(timings.tokensPerSecond)} tokens/s`}, ${usage.inputTokens ?? '?'} → ${usage.outputTokens ?? '?'} tokens, cost ${formatUsd(outcome.finish.costUsd)}`,
    );
  }
  err.line(renderAttempts(stream.attempts, err));
  const moves = describeFallbacks(stream.attempts);
  err.line(
    moves.length === 0 ? err.dim('no fallback needed') : `fallback${moves.length > 1 ? 's' : ''}: ${moves.join('; ')}`,
  );
  return outcome;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'stream an answer from the best model, falling back when it fails',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArguments(
      'run',
      args,
      {
        ...REQUIREMENT_OPTIONS,
        system: { type: 'string', short: 's' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        timeout: { type: 'string' },
      },
      true,
    );
    if (positionals.length !== 1 || (positionals[0] ?? '').trim() === '') {
      throw new UsageError(
        'run',
        `expected one prompt in quotes, received ${positionals.length === 0 ? 'none' : `${positionals.length} arguments`}`,
      );
    }
    const request = requestFromOptions(positionals[0] as string, values);
    const requirements = requirementsFromOptions('run', values);
    const timeoutMs = numberOption('run', values, 'timeout', { min: 0 });
    const statsPath = statsFilePath(io.context.env);
    const saved = await loadStatsMonitor(statsPath);
    if (saved.warning) io.err.line(io.err.dim(saved.warning));
    return withSession(
      io,
      values,
      async (session) => {
        const { modelyard, setup } = session;
        const notes = renderSetupNotes(setup, io.err);
        if (notes) io.err.line(notes);
        if (reportNoProvider(io, session)) return 1;
        try {
          if (values.json === true) {
            const result = await modelyard.generate(
              request,
              requirements,
              timeoutMs === undefined ? {} : { timeouts: { totalMs: timeoutMs } },
            );
            io.out.line(JSON.stringify(result, null, 2));
            return 0;
          }
          const outcome = await streamAnswer(modelyard, request, requirements, io, timeoutMs);
          return outcome.failure === null ? 0 : 1;
        } catch (error) {
          if (FallbackError.isInstance(error) && error.attempts.length > 0)
            io.err.line(renderAttempts(error.attempts, io.err));
          throw error;
        } finally {
          await saveStatsMonitor(saved.monitor, statsPath).catch((error: unknown) => {
            io.err.line(io.err.dim(`could not save the figures to ${statsPath}: ${(error as Error).message}`));
          });
        }
      },
      { monitor: saved.monitor, announceUnavailable: true },
    );
  },
};
