import { ConfigError, type ConfigIssue } from './config-error';
import { errorKindSchema } from './error-kind';
import { ModelyardError } from './modelyard-error';

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function rebuildCause(cause: unknown): Error | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { name, message } = cause as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const error = new Error(message);
  if (typeof name === 'string') error.name = name;
  return error;
}

function isConfigIssue(value: unknown): value is ConfigIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, expected, received } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof expected === 'string' && typeof received === 'string';
}

/**
 * Rebuilds a {@link ModelyardError} (or {@link ConfigError}) from what `toJSON()` wrote, after
 * `JSON.stringify`, `structuredClone` or a worker boundary. Kind, retryability, retry delay, status,
 * identity and the cause's summary come back.
 *
 * Why not `structuredClone(error)` directly: V8's serializer keeps only an Error's name, message
 * and stack, so every Modelyard field would be lost. Send `error.toJSON()` instead.
 *
 * @throws TypeError when `value` is not a serialized Modelyard error.
 */
export function errorFromJSON(value: unknown): ModelyardError {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`errorFromJSON: expected an object, received ${value === null ? 'null' : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  const kind = errorKindSchema.safeParse(record.kind);
  if (!kind.success || typeof record.message !== 'string') {
    throw new TypeError('errorFromJSON: expected an object with a known `kind` and a string `message`');
  }
  if (
    record.name === 'ConfigError' &&
    typeof record.subject === 'string' &&
    Array.isArray(record.issues) &&
    record.issues.every(isConfigIssue)
  ) {
    return new ConfigError(record.subject, record.issues);
  }
  const error = new ModelyardError({
    kind: kind.data,
    message: record.message,
    retryable: typeof record.retryable === 'boolean' ? record.retryable : undefined,
    retryAfterMs: numberOrNull(record.retryAfterMs),
    statusCode: numberOrNull(record.statusCode),
    providerId: stringOrNull(record.providerId),
    modelId: stringOrNull(record.modelId),
    cause: rebuildCause(record.cause),
  });
  if (typeof record.name === 'string' && record.name !== error.name) error.name = record.name;
  return error;
}
