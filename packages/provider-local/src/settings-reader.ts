import { ConfigError, type ConfigIssue, describeReceived } from '@modelyard/core';

/**
 * Collects problems while checking the provider settings by hand, worded like core's zod
 * messages (`expected an integer ≥ 1, received 0`) so users see one style of error everywhere.
 * (This package depends on core and node-llama-cpp only; it has no zod of its own.)
 */
export class SettingsReader {
  readonly issues: ConfigIssue[] = [];

  /** Records a problem with the field at `path`. Returns `undefined` so callers can `return reader.fail(…)`. */
  fail(path: string, expected: string, value: unknown): undefined {
    this.issues.push({ path, expected, received: describeReceived(value) });
    return undefined;
  }

  /** An integer ≥ `minimum`, or `undefined` (absent, or reported). */
  integer(value: unknown, path: string, minimum: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(path, 'an integer', value);
    return value >= minimum ? value : this.fail(path, `an integer ≥ ${minimum}`, value);
  }

  /** A non-empty string, or `undefined` (absent, or reported). */
  text(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'string' && value.length > 0 ? value : this.fail(path, 'a non-empty string', value);
  }

  /** An object with every one of `methods` (a logger, a clock); `undefined` when absent (or not an object). */
  service<T>(value: unknown, path: string, methods: readonly string[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null) return this.fail(path, 'an object', value);
    const record = value as Record<string, unknown>;
    const missing = methods.filter((method) => typeof record[method] !== 'function');
    for (const method of missing) this.fail(`${path}.${method}`, 'a function', record[method]);
    // When a method is missing the problem is recorded, and throwIfInvalid throws before use.
    return value as T;
  }

  /** Reports every key of `record` that is not `known`. */
  knownKeys(record: object, known: readonly string[]): void {
    const unknown = Object.keys(record).filter((key) => !known.includes(key));
    if (unknown.length === 0) return;
    this.issues.push({
      path: '(root)',
      expected: 'only known fields',
      received: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}`,
    });
  }

  /** Throws one ConfigError about `subject` listing every problem, if there is any. */
  throwIfInvalid(subject: string): void {
    if (this.issues.length > 0) throw new ConfigError(subject, this.issues);
  }
}
