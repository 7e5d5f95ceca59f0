import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ModelRequirementsInput } from '@modelyard/core';

/** A command line the CLI cannot run: unknown option, missing or malformed value. Exit code 2. */
export class UsageError extends Error {
  /** The command it is about (`select`), for the help hint. */
  readonly command: string;

  constructor(command: string, message: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** The options of one command, in `node:util` `parseArgs` form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Values of parsed options: strings, booleans and lists of strings. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

/**
 * Parses `args` for `command` with `node:util` `parseArgs` (strict: unknown options and values
 * where none belongs are errors).
 * @throws UsageError with node's sentence, which names the option.
 */
export function parseCommandArguments(
  command: string,
  args: readonly string[],
  options: OptionSpec,
  allowPositionals: boolean,
): { values: OptionValues; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals,
      strict: true,
    });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(command, (error as Error).message.split('\n')[0] as string);
    }
    throw error;
  }
}

/** A string option's value, `undefined` when absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (`--capability tools --capability json`). */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * A numeric option's value, `undefined` when absent.
 * @throws UsageError naming the option and what it expects (`--min-context: expected an integer ≥ 0, received "abc"`).
 */
export function numberOption(
  command: string,
  values: OptionValues,
  name: string,
  rules: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const isValid =
    Number.isFinite(value) &&
    (!rules.integer || Number.isInteger(value)) &&
    (rules.min === undefined || value >= rules.min) &&
    (rules.max === undefined || value <= rules.max);
  if (!isValid) {
    const kind = rules.integer ? 'an integer' : 'a number';
    const bounds = [
      rules.min === undefined ? '' : `≥ ${rules.min}`,
      rules.max === undefined ? '' : `≤ ${rules.max}`,
    ].filter(Boolean);
    throw new UsageError(
      command,
      `--${name}: expected ${kind}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}, received ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** The options that build requirements, shared by `select` and `run`. */
export const REQUIREMENT_OPTIONS = {
  task: { type: 'string', short: 't' },
  free: { type: 'boolean' },
  local: { type: 'boolean' },
  remote: { type: 'boolean' },
  'prefer-local': { type: 'boolean' },
  'prefer-remote': { type: 'boolean' },
  'min-context': { type: 'string' },
  'max-input-price': { type: 'string' },
  'max-output-price': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-latency': { type: 'string' },
  'min-quality': { type: 'string' },
  capability: { type: 'string', multiple: true },
  provider: { type: 'string', multiple: true },
  'exclude-provider': { type: 'string', multiple: true },
} as const satisfies OptionSpec;

/** Help lines of {@link REQUIREMENT_OPTIONS}. */
export const REQUIREMENT_HELP = `Requirements:
  -t, --task <name>            task (general_chat, dialogue_generation, … or your own); default general_chat
  --free                       only models the provider reports free
  --local | --remote           only local / only remote models
  --prefer-local | --prefer-remote   a scoring preference, not a filter
  --min-context <tokens>       minimum context window
  --max-input-price <usd>      maximum input price, USD per million tokens
  --max-output-price <usd>     maximum output price, USD per million tokens
  --max-cost <usd>             maximum estimated cost of one request, USD
  --max-latency <ms>           maximum measured p95 latency
  --min-quality <0-10>         minimum quality score
  --capability <name>          required capability (repeatable): streaming, tools, json, vision…
  --provider <id>              only these providers (repeatable)
  --exclude-provider <id>      never these providers (repeatable)`;

/** The requirements field each requirement option sets, for error messages. */
export const REQUIREMENT_FLAGS: Readonly<Record<string, string>> = {
  task: '--task',
  freeOnly: '--free',
  locality: '--local/--remote/--prefer-local/--prefer-remote',
  minContextLength: '--min-context',
  maxPricePerMillionTokens: '--max-input-price/--max-output-price',
  'maxPricePerMillionTokens.input': '--max-input-price',
  'maxPricePerMillionTokens.output': '--max-output-price',
  maxCostPerRequest: '--max-cost',
  maxLatencyMs: '--max-latency',
  minQuality: '--min-quality',
  requiredCapabilities: '--capability',
  allowProviders: '--provider',
  denyProviders: '--exclude-provider',
};

/**
 * Builds `ModelRequirements` input from the requirement options. Only what was given is set, so
 * the selector's defaults apply to the rest; the selector validates the result.
 * @throws UsageError for malformed numbers and contradictory locality flags.
 */
export function requirementsFromOptions(command: string, values: OptionValues): ModelRequirementsInput {
  const requirements: Record<string, unknown> = {};
  const task = stringOption(values, 'task');
  if (task !== undefined) requirements.task = task;
  if (values.free === true) requirements.freeOnly = true;
  const localities = (['local', 'remote', 'prefer-local', 'prefer-remote'] as const).filter(
    (name) => values[name] === true,
  );
  if (localities.length > 1) {
    throw new UsageError(command, `--${localities[0]} and --${localities[1]}: expected at most one locality option`);
  }
  const locality = localities[0];
  if (locality !== undefined) {
    requirements.locality = {
      local: 'local_only',
      remote: 'remote_only',
      'prefer-local': 'prefer_local',
      'prefer-remote': 'prefer_remote',
    }[locality];
  }
  const minContext = numberOption(command, values, 'min-context', { integer: true, min: 0 });
  if (minContext !== undefined) requirements.minContextLength = minContext;
  const maxInput = numberOption(command, values, 'max-input-price', { min: 0 });
  const maxOutput = numberOption(command, values, 'max-output-price', { min: 0 });
  if (maxInput !== undefined || maxOutput !== undefined) {
    requirements.maxPricePerMillionTokens = {
      ...(maxInput === undefined ? {} : { input: maxInput }),
      ...(maxOutput === undefined ? {} : { output: maxOutput }),
    };
  }
  const maxCost = numberOption(command, values, 'max-cost', { min: 0 });
  if (maxCost !== undefined) requirements.maxCostPerRequest = maxCost;
  const maxLatency = numberOption(command, values, 'max-latency', { min: 0 });
  if (maxLatency !== undefined) requirements.maxLatencyMs = maxLatency;
  const minQuality = numberOption(command, values, 'min-quality', { min: 0, max: 10 });
  if (minQuality !== undefined) requirements.minQuality = minQuality;
  const capabilities = listOption(values, 'capability');
  if (capabilities.length > 0) requirements.requiredCapabilities = capabilities;
  const allow = listOption(values, 'provider');
  if (allow.length > 0) requirements.allowProviders = allow;
  const deny = listOption(values, 'exclude-provider');
  if (deny.length > 0) requirements.denyProviders = deny;
  return requirements as ModelRequirementsInput;
}
