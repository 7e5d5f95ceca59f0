import { type ErrorKind, errorKindFromStatus } from './error-kind';
import { ModelyardError } from './modelyard-error';

/** Identity and secrets to attach when turning a foreign error into a {@link ModelyardError}. */
export interface ErrorContext {
  providerId?: string | null;
  modelId?: string | null;
  /** Secret values that must not survive into the message. */
  secrets?: readonly (string | undefined | null)[];
}

// Node's network error codes (from `fetch`/undici and `net`) that mean "nobody answered".
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCodeOf(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 4) return undefined;
  const record = value as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  // AggregateError from happy-eyeballs connects carries the codes in `errors`.
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = errorCodeOf(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCodeOf(record.cause, depth + 1);
}

/** Whether `value` is the error an aborted AbortSignal produces (`AbortError`). */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && value.name === 'AbortError';
}

/**
 * Turns anything thrown into a {@link ModelyardError}, classifying by facts only: an existing
 * Modelyard error is returned as it is; `AbortError` → `aborted`; `TimeoutError` (from
 * `AbortSignal.timeout`) and socket timeout codes → `timeout`; connection codes (ECONNREFUSED,
 * ECONNRESET, ENOTFOUND, …, also nested in `cause`) → `unavailable`; an object with a numeric
 * `status` → the status's kind; anything else → `unknown`.
 */
export function toModelyardError(value: unknown, context: ErrorContext = {}): ModelyardError {
  if (ModelyardError.isInstance(value)) return value;
  const base = { providerId: context.providerId, modelId: context.modelId, secrets: context.secrets, cause: value };
  // Duck-typed: SDKs throw plain `{ status, message }` objects, and errors from another realm
  // fail `instanceof Error`.
  const message =
    typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string'
      ? value.message
      : String(value);
  if (isAbortError(value))
    return new ModelyardError({ ...base, kind: 'aborted', message: 'The operation was aborted' });
  if (typeof value === 'object' && value !== null && 'name' in value && value.name === 'TimeoutError') {
    return new ModelyardError({ ...base, kind: 'timeout', message: `Timed out: ${message}` });
  }
  const code = errorCodeOf(value);
  if (code && UNREACHABLE_CODES.has(code)) {
    return new ModelyardError({
      ...base,
      kind: 'unavailable',
      message: `Cannot reach the server (${code}): ${message}`,
    });
  }
  if (code && TIMEOUT_CODES.has(code)) {
    return new ModelyardError({ ...base, kind: 'timeout', message: `Timed out (${code}): ${message}` });
  }
  const status = typeof value === 'object' && value !== null && 'status' in value ? value.status : undefined;
  const statusKind: ErrorKind | undefined = typeof status === 'number' ? errorKindFromStatus(status) : undefined;
  if (statusKind && typeof status === 'number') {
    return new ModelyardError({ ...base, kind: statusKind, statusCode: status, message });
  }
  return new ModelyardError({ ...base, kind: 'unknown', message });
}

// The three HTTP-date forms (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`,
// `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`. Date.parse alone is lenient
// enough to read "soon 5" or "-1" as dates in 2001.
const HTTP_DATE = /^[A-Za-z]{3,9},? [\w -]+ \d{2}:\d{2}:\d{2}( GMT| \d{4})$/;

/**
 * Reads an HTTP `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from
 * `nowMs`. Returns `null` when the header is missing or unreadable; never negative.
 * Also accepts OpenAI-style `retry-after-ms` values when passed with `unit: 'ms'`.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number = Date.now(),
  unit: 'seconds' | 'ms' = 'seconds',
): number | null {
  if (header === null || header === undefined) return null;
  const trimmed = header.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const amount = Number(trimmed);
    return Math.round(unit === 'ms' ? amount : amount * 1000);
  }
  if (unit === 'ms' || !HTTP_DATE.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
