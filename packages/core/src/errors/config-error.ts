import type { z } from 'zod';
import { ModelyardError, type SerializedModelyardError } from './modelyard-error';
import { isSecretFieldName, redactSecrets } from './redact';

const CONFIG_ERROR_MARKER = Symbol.for('@modelyard/core.config-error');

/** One problem found in an input: where, what was expected, what came. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `providers.allow[1]`; `(root)` for the value itself. */
  path: string;
  /** What the field should hold, in words (`a number ≥ 0`, `one of "local", "remote"`). */
  expected: string;
  /** What it held, in words; secrets show only their type. */
  received: string;
}

/**
 * Bad input: options, configuration, requirements or a request that fail their schema.
 * Its message lists every issue in one readable block:
 *
 * ```text
 * Invalid ModelRequirements:
 *   - maxLatencyMs: expected a number ≥ 0, received -5
 *   - providers.allow[1]: expected a string, received 3
 * ```
 *
 * Kind `bad_request`, never retryable. Values of secret-named fields (`apiKey`, `token`…) are
 * never shown.
 */
export class ConfigError extends ModelyardError {
  /** What was validated (`ModelRequirements`, `OpenRouter settings`…). */
  readonly subject: string;
  /** Every problem found. */
  readonly issues: readonly ConfigIssue[];

  constructor(subject: string, issues: readonly ConfigIssue[], options: { cause?: unknown } = {}) {
    // Each part is redacted on its own: `issues` reach toJSON(), and redacting the whole message
    // would read "apiKey: expected …" as a key/value pair and hide the word "expected".
    const safeIssues = issues.map((issue) => ({
      path: redactSecrets(issue.path),
      expected: redactSecrets(issue.expected),
      received: redactSecrets(issue.received),
    }));
    const lines = safeIssues.map(
      (issue) => `  - ${issue.path}: expected ${issue.expected}, received ${issue.received}`,
    );
    const message = `Invalid ${subject}:\n${lines.join('\n')}`;
    super({ kind: 'bad_request', message, cause: options.cause });
    this.message = message;
    this.name = 'ConfigError';
    this.subject = subject;
    this.issues = safeIssues;
    // The cause (a ZodError) lists raw inputs, secret fields included: inspect shows no summary of
    // it, as toJSON() writes none.
    Object.defineProperty(this, 'causeSummary', { value: undefined });
    Object.defineProperty(this, CONFIG_ERROR_MARKER, { value: true, enumerable: false });
  }

  /** Whether `value` is a ConfigError from any install of `@modelyard/core`. */
  static override isInstance(value: unknown): value is ConfigError {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONFIG_ERROR_MARKER] === true
    );
  }

  /** Builds the error from a zod error; `subject` names what was validated. */
  static fromZod(subject: string, error: z.ZodError): ConfigError {
    return new ConfigError(subject, error.issues.map(describeZodIssue), { cause: error });
  }

  override toJSON(): SerializedModelyardError & { subject: string; issues: ConfigIssue[] } {
    // The zod error is not worth serializing: its issues are here in readable form.
    const { cause: _cause, ...rest } = super.toJSON();
    return { ...rest, subject: this.subject, issues: [...this.issues] };
  }
}

/** `['providers', 'allow', 1]` → `providers.allow[1]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else {
      const name = String(segment);
      result += /^[A-Za-z_$][\w$-]*$/.test(name) ? `${result ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return result;
}

/** A short description of a received value for error messages. Never more than ~60 characters. */
export function describeReceived(value: unknown, isSecret = false): string {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (isSecret) {
    const type = Array.isArray(value) ? 'array' : typeof value;
    return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} (hidden: secret field)`;
  }
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return typeof value === 'symbol' ? 'a symbol' : 'an object';
}

function describeBound(
  issue: { origin: string; inclusive?: boolean; exact?: boolean },
  bound: string,
  isMinimum: boolean,
) {
  const comparison = issue.exact ? '=' : isMinimum ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint':
      return `a number ${comparison} ${bound}`;
    case 'string':
      return `a string of ${comparison} ${bound} characters`;
    case 'array':
    case 'set':
      return `${comparison} ${bound} items`;
    default:
      return `a value ${comparison} ${bound}`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  function: 'a function',
  undefined: 'nothing',
  null: 'null',
};

function describeUnionTypes(branches: readonly (readonly z.core.$ZodIssue[])[]): string | undefined {
  const types: string[] = [];
  for (const [issue, ...others] of branches) {
    if (issue?.code !== 'invalid_type' || issue.path.length > 0 || others.length > 0) return undefined;
    types.push(TYPE_NAMES[issue.expected] ?? issue.expected);
  }
  return types.length > 0 ? types.join(' or ') : undefined;
}

/** Turns one zod issue into a {@link ConfigIssue}. */
export function describeZodIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const isSecret = issue.path.some((segment) => typeof segment === 'string' && isSecretFieldName(segment));
  const received = 'input' in issue ? describeReceived(issue.input, isSecret) : 'an invalid value';
  const path = formatIssuePath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return { path, expected: TYPE_NAMES[issue.expected] ?? issue.expected, received };
    case 'too_small':
      return { path, expected: describeBound(issue, String(issue.minimum), true), received };
    case 'too_big':
      return { path, expected: describeBound(issue, String(issue.maximum), false), received };
    case 'invalid_format':
      return {
        path,
        // Our schemas phrase custom messages as what is expected; zod's own start with "Invalid".
        expected: !issue.message.startsWith('Invalid')
          ? issue.message
          : issue.format === 'regex' && issue.pattern
            ? `text matching ${issue.pattern}`
            : `a valid ${issue.format}`,
        received,
      };
    case 'invalid_value':
      return { path, expected: `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`, received };
    case 'unrecognized_keys':
      return {
        path,
        expected: 'only known fields',
        received: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`,
      };
    case 'not_multiple_of':
      return { path, expected: `a multiple of ${String(issue.divisor)}`, received };
    case 'invalid_union':
      // zod's message for a union is only "Invalid input"; name the accepted types when every
      // branch failed on the type of the value itself.
      return { path, expected: describeUnionTypes(issue.errors) ?? 'one of the accepted forms', received };
    default:
      // custom refinements carry their own sentence as the message.
      return { path, expected: issue.message, received };
  }
}

/**
 * Parses `input` with `schema` and returns the parsed value (defaults applied), or throws a
 * {@link ConfigError} that names every bad field. This is how every Modelyard options object,
 * requirement and request is validated.
 */
export function parseWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw ConfigError.fromZod(subject, result.error);
  return result.data;
}
