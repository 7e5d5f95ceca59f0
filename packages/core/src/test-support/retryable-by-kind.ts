import type { ErrorKind } from '../errors/error-kind';

/** Hand-written expectation: which kinds are retryable by default (the table in error-kind.ts). */
export const RETRYABLE_BY_KIND: readonly [ErrorKind, boolean][] = [
  ['auth', false],
  ['rate_limit', true],
  ['context_length', false],
  ['content_filter', false],
  ['timeout', true],
  ['unavailable', true],
  ['not_found', false],
  ['bad_request', false],
  ['invalid_response', true],
  ['aborted', false],
  ['unknown', false],
];
