// The one place where Echo's failures become core errors: an HTTP answer (status, body, headers)
// or anything thrown (network errors, aborts) in, a ModelyardError with a kind out. Kinds,
// `retryable` and `retryAfterMs` come from facts (status, structured `error.code`, Retry-After),
// never from matching message text.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import { readEchoErrorBody } from './echo-api';

/** Who failed, and the key to keep out of every message. */
export interface EchoErrorScope {
  /** Provider instance id (`echo`, or what `createEcho({ id })` was given). */
  providerId: string;
  /** The model the call was for, when there is one. */
  modelId?: string | null;
  /** The API key in use, if one was resolved: redacted from every message, never stored in the error. */
  apiKey?: string | null;
}

/** An Echo HTTP answer that is not a success. */
export interface EchoHttpFailure {
  /** HTTP status code (≥ 400). */
  status: number;
  /** The body as text (JSON `{ error: { code, message } }` when Echo wrote it; anything from a proxy). */
  body: string;
  /** Response headers; `retry-after` is read from here. */
  headers: Pick<Headers, 'get'>;
}

// Echo's structured error codes that say more than the status does (a 400 is `bad_request` unless
// Echo says the prompt did not fit).
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  context_length_exceeded: 'context_length',
  content_filtered: 'content_filter',
  model_not_found: 'not_found',
};

/** How much of an unreadable body (an HTML page from a proxy) goes into the message, in characters. */
export const BODY_EXCERPT_LENGTH = 200;

function secretsOf(scope: EchoErrorScope): string[] {
  return scope.apiKey ? [scope.apiKey] : [];
}

/**
 * Maps an Echo error answer to a {@link ModelyardError}: the kind from Echo's `error.code` when it
 * names one we know, else from the status (`errorKindFromStatus`); `retryAfterMs` from the
 * `Retry-After` header (seconds or an HTTP date, relative to `nowMs`); the API key redacted.
 *
 * @param nowMs the current time in ms since the epoch, for `Retry-After` dates.
 */
export function echoErrorFromResponse(failure: EchoHttpFailure, scope: EchoErrorScope, nowMs: number): ModelyardError {
  const { code, message } = readEchoErrorBody(failure.body);
  const kind = (code === null ? undefined : KIND_BY_CODE[code]) ?? errorKindFromStatus(failure.status) ?? 'unknown';
  const detail = message ?? (failure.body.trim().slice(0, BODY_EXCERPT_LENGTH) || '(empty body)');
  return new ModelyardError({
    kind,
    message: `Echo answered HTTP ${failure.status}${code === null ? '' : ` (${code})`}: ${detail}`,
    statusCode: failure.status,
    retryAfterMs: parseRetryAfter(failure.headers.get('retry-after'), nowMs),
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: secretsOf(scope),
  });
}

/**
 * Maps anything thrown while talking to Echo (fetch's `TypeError: fetch failed` with an
 * ECONNREFUSED cause, an `AbortError`, a socket cut) to a {@link ModelyardError} with
 * `toModelyardError`. When `signal` has aborted, the answer is `aborted` whatever was thrown:
 * `controller.abort(reason)` makes fetch reject with the bare `reason`, which says nothing.
 */
export function echoErrorFromThrown(value: unknown, scope: EchoErrorScope, signal?: AbortSignal): ModelyardError {
  if (signal?.aborted && !ModelyardError.isInstance(value)) return echoAborted(scope);
  return toModelyardError(value, {
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: secretsOf(scope),
  });
}

/** The error of a call whose signal aborted. Not retryable: the caller asked for it. */
export function echoAborted(scope: EchoErrorScope): ModelyardError {
  return new ModelyardError({
    kind: 'aborted',
    message: 'The Echo call was aborted',
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
  });
}

/** Echo answered something this provider cannot read. Retryable (a proxy may have cut the body). */
export function invalidEchoResponse(detail: string, scope: EchoErrorScope): ModelyardError {
  return new ModelyardError({
    kind: 'invalid_response',
    message: `Echo's answer is not valid: ${detail}`,
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: secretsOf(scope),
  });
}

/** A stream that stopped before its `done` line: the answer is truncated, never complete. */
export function truncatedEchoStream(detail: string, scope: EchoErrorScope): ModelyardError {
  return new ModelyardError({
    kind: 'unavailable',
    message: `The Echo stream was cut before its end: ${detail}`,
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: secretsOf(scope),
  });
}

/** No key was given and `ECHO_API_KEY` is not set; the message names both ways to give one. */
export function missingEchoApiKey(scope: EchoErrorScope): ModelyardError {
  return new ModelyardError({
    kind: 'auth',
    message: 'No Echo API key: pass apiKey to createEcho() or set ECHO_API_KEY',
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
  });
}
