import { ConfigError, type ConfigIssue, describeReceived, formatIssuePath } from '@modelyard/core';

/** A place in an options object: `['taskProfiles', 'my task', 'weights']`. */
export type OptionPath = readonly (string | number)[];

/**
 * Collects problems while reading an options object by hand, in the words core's zod messages use,
 * so that a user sees one style of error everywhere. (The selector has no zod of its own: its only
 * Modelyard dependency is core.)
 */
export class OptionReader {
  readonly issues: ConfigIssue[] = [];

  /** Records a problem at `path`. */
  fail(path: OptionPath, expected: string, value: unknown): undefined {
    this.issues.push({ path: formatIssuePath(path), expected, received: describeReceived(value) });
    return undefined;
  }

  /** A plain object, with only the `known` keys (when given); `undefined` when absent or wrong. */
  object(value: unknown, path: OptionPath, known?: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'an object', value);
    const record = value as Record<string, unknown>;
    const unknownKeys = known === undefined ? [] : Object.keys(record).filter((key) => !known.includes(key));
    if (unknownKeys.length > 0) {
      this.issues.push({
        path: formatIssuePath(path),
        expected: 'only known fields',
        received: `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => `"${key}"`).join(', ')}`,
      });
    }
    return record;
  }

  /** A finite number ≥ `minimum` (an integer when asked). */
  number(value: unknown, path: OptionPath, minimum: number, isInteger = false): number | undefined {
    if (typeof value !== 'number' || Number.isNaN(value)) return this.fail(path, 'a number', value);
    if (isInteger && !Number.isInteger(value)) return this.fail(path, 'an integer', value);
    if (!Number.isFinite(value)) return this.fail(path, 'a finite number', value);
    if (value < minimum) return this.fail(path, `a number ≥ ${minimum}`, value);
    return value;
  }

  /** A boolean. */
  boolean(value: unknown, path: OptionPath): boolean | undefined {
    return typeof value === 'boolean' ? value : this.fail(path, 'a boolean', value);
  }

  /** An object whose `methods` are functions. */
  service<T>(value: unknown, path: OptionPath, methods: readonly string[]): T | undefined {
    const record = this.object(value, path);
    if (record === undefined) return undefined;
    const missing = methods.filter((method) => typeof record[method] !== 'function');
    for (const method of missing) this.fail([...path, method], 'a function', record[method]);
    return missing.length === 0 ? (value as T) : undefined;
  }

  /** Throws a ConfigError about `subject` listing every problem, when there is any. */
  throwIfInvalid(subject: string): void {
    if (this.issues.length > 0) throw new ConfigError(subject, this.issues);
  }
}
