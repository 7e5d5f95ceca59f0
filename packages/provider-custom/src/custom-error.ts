// Every failure of an OpenAI-compatible server becomes a core ModelyardError here, and only here:
// the HTTP status, the error body and the headers in; kind, retryable and retryAfterMs out.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { type ServerErrorBody, serverErrorBodySchema } from './custom-api';

/** What a classified error is attached to, and what must not show in it. */
export interface CustomErrorContext {
  /** The provider instance id, which also names the server in messages. */
  providerId: string;
  modelId?: string | null;
  /** The API key (and any other secret) to redact from messages. */
  secrets: readonly (string | undefined)[];
  /** The caller's signal: once it fired, any failure is reported as `aborted`. */
  signal?: AbortSignal | undefined;
  /** Now, in ms since the epoch, to read `Retry-After` dates against. */
  nowMs: number;
}

// Structured codes servers use for an over-long prompt: OpenAI and vLLM's `code`, llama.cpp
// server's `type`.
const CONTEXT_LENGTH_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error']);
// Servers that give only a message (vLLM, TGI) phrase it one of these ways. Read on a 400 only, and
// only to refine bad_request into context_length.
const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context length exceeded|context window|exceeds the available context/i;

function isContextLengthError(body: ServerErrorBody | undefined): boolean {
  if (body === undefined) return false;
  if (typeof body.code === 'string' && CONTEXT_LENGTH_CODES.has(body.code)) return true;
  if (typeof body.type === 'string' && CONTEXT_LENGTH_CODES.has(body.type)) return true;
  return typeof body.message === 'string' && CONTEXT_LENGTH_MESSAGE.test(body.message);
}

/**
 * The kind of an HTTP failure: core's reading of the status (401/403 `auth`, 404 `not_found`,
 * 408/504 `timeout`, 413 `context_length`, 429 `rate_limit`, 5xx `unavailable`, other 4xx
 * `bad_request`), with a 400 about an over-long prompt read as `context_length`.
 */
export function customErrorKind(status: number, body: ServerErrorBody | undefined): ErrorKind {
  if (status === 400 && isContextLengthError(body)) return 'context_length';
  return errorKindFromStatus(status) ?? 'unknown';
}

// The `error` object of a body, whether given whole (`{ error: {…} }`) or already unwrapped (the
// openai client unwraps HTTP error bodies; stream error events come whole).
function errorBodyOf(value: unknown): ServerErrorBody | undefined {
  const wrapped = (value as { error?: unknown } | null | undefined)?.error;
  const inner = typeof wrapped === 'object' && wrapped !== null ? wrapped : value;
  const parsed = serverErrorBodySchema.safeParse(inner);
  return parsed.success ? parsed.data : undefined;
}

function retryAfterOf(headers: Headers | undefined, nowMs: number): number | null {
  if (headers === undefined) return null;
  return (
    parseRetryAfter(headers.get('retry-after'), nowMs) ?? parseRetryAfter(headers.get('retry-after-ms'), nowMs, 'ms')
  );
}

/** Builds the error of an HTTP failure (or of an error event inside a stream, which has no headers). */
export function customHttpError(
  status: number,
  bodyValue: unknown,
  headers: Headers | undefined,
  context: CustomErrorContext,
): ModelyardError {
  const body = errorBodyOf(bodyValue);
  const detail = typeof body?.message === 'string' && body.message.length > 0 ? ` (${body.message})` : '';
  return new ModelyardError({
    kind: customErrorKind(status, body),
    message: `${context.providerId} answered ${status}${detail}`,
    statusCode: status,
    retryAfterMs: retryAfterOf(headers, context.nowMs),
    providerId: context.providerId,
    modelId: context.modelId,
    secrets: context.secrets,
  });
}

function identity(context: CustomErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId, secrets: context.secrets };
}

/**
 * Turns anything the `openai` client (or a stream) threw into a {@link ModelyardError}:
 * an abort → `aborted`; a timeout → `timeout`; a connection failure → `unavailable`; an HTTP error
 * → {@link customHttpError}; an error event inside a stream → `unavailable` (or the status its
 * `code` carries); a body that is not JSON → `invalid_response`. The API key never survives into
 * the message.
 */
export function classifyCustomError(thrown: unknown, context: CustomErrorContext): ModelyardError {
  if (ModelyardError.isInstance(thrown)) return thrown;
  const server = context.providerId;
  if (context.signal?.aborted || thrown instanceof APIUserAbortError) {
    return new ModelyardError({
      kind: 'aborted',
      message: `The call to ${server} was aborted`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIConnectionTimeoutError) {
    return new ModelyardError({
      kind: 'timeout',
      message: `${server} did not answer in time`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIConnectionError) {
    const underlying = toModelyardError(thrown.cause, identity(context));
    const kind = underlying.kind === 'timeout' ? 'timeout' : 'unavailable';
    return new ModelyardError({
      kind,
      message: `${server}: ${underlying.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIError) {
    if (typeof thrown.status === 'number') return customHttpError(thrown.status, thrown.error, thrown.headers, context);
    const body = errorBodyOf(thrown.error);
    if (typeof body?.code === 'number' && body.code >= 400) return customHttpError(body.code, body, undefined, context);
    return new ModelyardError({
      kind: 'unavailable',
      // The client builds its message from the event's own `message` (or the whole event).
      message: `${server} reported an error during the stream: ${thrown.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof SyntaxError) {
    return new ModelyardError({
      kind: 'invalid_response',
      message: `${server} sent a body that is not JSON: ${thrown.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  // Anything else (a body read cut with "terminated", a socket code in `cause`) is classified by
  // core from its facts; an error we cannot place stays `unknown`.
  return toModelyardError(thrown, identity(context));
}
