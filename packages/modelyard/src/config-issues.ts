import { ConfigError, type ConfigIssue, describeZodIssue, formatIssuePath } from '@modelyard/core';
import type { z } from 'zod';

/**
 * The issues of a ConfigError thrown by another package's validation, with their paths moved under
 * `prefix` (`baseURL` → `providers.custom[0].baseURL`), so one message names every field where the
 * user wrote it. Anything that is not a ConfigError is returned as `null`.
 */
export function prefixedIssues(error: unknown, prefix: string): ConfigIssue[] | null {
  if (!ConfigError.isInstance(error)) return null;
  return error.issues.map((issue) => ({ ...issue, path: joinPath(prefix, issue.path) }));
}

/** `providers.custom[0]` + `baseURL` → `providers.custom[0].baseURL`; `(root)` stays the prefix. */
export function joinPath(prefix: string, path: string): string {
  if (path === '(root)' || path === '') return prefix;
  if (prefix === '') return path;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** The issues of a failed zod parse, with paths under `prefix`. */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return error.issues.map((issue) => ({
    ...describeZodIssue(issue),
    path: formatIssuePath([...prefix, ...issue.path]),
  }));
}

/**
 * Runs `validate`; a ConfigError it throws is added to `issues` with its paths under `prefix`, and
 * `undefined` is returned. Other errors propagate.
 */
export function collectIssues<T>(issues: ConfigIssue[], prefix: string, validate: () => T): T | undefined {
  try {
    return validate();
  } catch (error) {
    const moved = prefixedIssues(error, prefix);
    if (moved === null) throw error;
    issues.push(...moved);
    return undefined;
  }
}
