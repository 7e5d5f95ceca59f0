import { z } from 'zod';

/**
 * Every failure in Modelyard has exactly one kind. Callers (and the fallback runner) decide what
 * to do from the kind and {@link ModelyardError.retryable}, never from message text.
 *
 * | kind               | meaning                                                        | retryable by default |
 * |--------------------|----------------------------------------------------------------|----------------------|
 * | `auth`             | missing/invalid credentials, forbidden (401/403)               | no  |
 * | `rate_limit`       | too many requests or quota exhausted for now (429)             | yes |
 * | `context_length`   | the prompt plus output does not fit the model's context window | no  |
 * | `content_filter`   | the provider refused the content (moderation)                  | no  |
 * | `timeout`          | no answer in time (ours or the server's: 408/504)              | yes |
 * | `unavailable`      | server down, overloaded, unreachable (5xx, ECONNREFUSED)       | yes |
 * | `not_found`        | unknown model or endpoint (404)                                | no  |
 * | `bad_request`      | the request or configuration is invalid (400/422)              | no  |
 * | `invalid_response` | the server answered something we cannot read                   | yes |
 * | `aborted`          | the caller's AbortSignal fired                                 | no  |
 * | `unknown`          | anything we could not classify                                 | no  |
 */
export const ERROR_KINDS = [
  'auth',
  'rate_limit',
  'context_length',
  'content_filter',
  'timeout',
  'unavailable',
  'not_found',
  'bad_request',
  'invalid_response',
  'aborted',
  'unknown',
] as const;

/** One of {@link ERROR_KINDS}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Schema of {@link ErrorKind}. */
export const errorKindSchema = z.enum(ERROR_KINDS);

const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limit',
  'timeout',
  'unavailable',
  'invalid_response',
]);

/**
 * Whether an error of this kind is worth retrying on the same model when nothing more is known.
 * A garbled response (`invalid_response`) is usually transient (a proxy cut the body), so it is
 * retryable; everything that another identical request would hit again is not.
 */
export function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/**
 * The kind an HTTP status code means on its own. Providers refine it with the body
 * (a 400 that says "context length exceeded" is `context_length`), but only in their
 * `<id>-error.ts`, from structured fields.
 *
 * Returns `undefined` for statuses that are not errors (< 400).
 */
export function errorKindFromStatus(status: number): ErrorKind | undefined {
  if (status < 400) return undefined;
  switch (status) {
    case 401:
    case 402: // payment required: the credentials cannot pay for this call
    case 403:
      return 'auth';
    case 404:
    case 410:
      return 'not_found';
    case 408:
    case 504:
      return 'timeout';
    case 413:
      return 'context_length';
    case 429:
      return 'rate_limit';
  }
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}
