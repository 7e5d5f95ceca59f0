// Every failure of an OpenAI-compatible server becomes a core ModelyardError here, and only here:
// the HTTP status, the error body and the headers in; kind, retryable and retryAfterMs out.
// The reading is shared with services built on this package (OpenRouter): what sets one apart
// (its name in messages, its error body, its reading of a status) comes in as OpenAICompatibleErrorRules.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { z } from 'zod';
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

/**
 * Whether an error body says the prompt exceeds the context: a structured code or type
 * (`context_length_exceeded`, llama.cpp's `exceed_context_size_error`) or one of the phrasings
 * servers that give only a message use (vLLM's "maximum context length"…). Read it on a 400 only.
 */
export function isContextLengthError(body: ServerErrorBody | undefined): boolean {
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

/** What sets one OpenAI-compatible service's errors apart from another's. */
export interface OpenAICompatibleErrorRules<Body extends ServerErrorBody = ServerErrorBody> {
  /** How messages name the server (`OpenRouter`, or a provider instance id). */
  serverName: string;
  /** The message of an aborted call. */
  abortedMessage: string;
  /** The `error` object of the service's error bodies; a body that does not fit is ignored. */
  bodySchema: z.ZodType<Body>;
  /** The kind of an HTTP failure, from its status and its error body (when it could be read). */
  kindOf(status: number, body: Body | undefined): ErrorKind;
  /** What the status means, in words, put before the body's message in the error message. */
  meaningOf?(status: number, kind: ErrorKind): string | undefined;
}

// The `error` object of a body, whether given whole (`{ error: {…} }`) or already unwrapped (the
// openai client unwraps HTTP error bodies; stream error events come whole).
function errorBodyOf<Body extends ServerErrorBody>(value: unknown, schema: z.ZodType<Body>): Body | undefined {
  const wrapped = (value as { error?: unknown } | null | undefined)?.error;
  const inner = typeof wrapped === 'object' && wrapped !== null ? wrapped : value;
  const parsed = schema.safeParse(inner);
  return parsed.success ? parsed.data : undefined;
}

function retryAfterOf(headers: Headers | undefined, nowMs: number): number | null {
  if (headers === undefined) return null;
  return (
    parseRetryAfter(headers.get('retry-after'), nowMs) ?? parseRetryAfter(headers.get('retry-after-ms'), nowMs, 'ms')
  );
}

/**
 * Builds the error of an HTTP failure (or of an error event inside a stream, which has no headers)
 * by `rules`: kind from {@link OpenAICompatibleErrorRules.kindOf}, `retryAfterMs` from `Retry-After`
 * (seconds or a date) or `retry-after-ms`, the message `<server> answered <status> (<meaning>: <body message>)`.
 */
export function openAICompatibleHttpError<Body extends ServerErrorBody>(
  status: number,
  bodyValue: unknown,
  headers: Headers | undefined,
  context: CustomErrorContext,
  rules: OpenAICompatibleErrorRules<Body>,
): ModelyardError {
  const body = errorBodyOf(bodyValue, rules.bodySchema);
  const kind = rules.kindOf(status, body);
  const detail = [rules.meaningOf?.(status, kind), body?.message]
    .filter((part) => typeof part === 'string' && part.length > 0)
    .join(': ');
  return new ModelyardError({
    kind,
    message: `${rules.serverName} answered ${status}${detail ? ` (${detail})` : ''}`,
    statusCode: status,
    retryAfterMs: retryAfterOf(headers, context.nowMs),
    providerId: context.providerId,
    modelId: context.modelId,
    secrets: context.secrets,
  });
}

/** The rules of a custom provider: the server is named by the provider id. */
function customErrorRules(providerId: string): OpenAICompatibleErrorRules {
  return {
    serverName: providerId,
    abortedMessage: `The call to ${providerId} was aborted`,
    bodySchema: serverErrorBodySchema,
    kindOf: customErrorKind,
  };
}

/** Builds the error of an HTTP failure (or of an error event inside a stream, which has no headers). */
export function customHttpError(
  status: number,
  bodyValue: unknown,
  headers: Headers | undefined,
  context: CustomErrorContext,
): ModelyardError {
  return openAICompatibleHttpError(status, bodyValue, headers, context, customErrorRules(context.providerId));
}

function identity(context: CustomErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId, secrets: context.secrets };
}

/**
 * Turns anything the `openai` client (or a stream) threw into a {@link ModelyardError} by `rules`:
 * an abort (the caller's signal, `APIUserAbortError`) → `aborted`; a timeout → `timeout`; a
 * connection failure → `unavailable`; an HTTP error → {@link openAICompatibleHttpError}; an error
 * event inside a stream → the status its `code` carries (or `unavailable`); a body that is not
 * JSON → `invalid_response`. The secrets of `context` never survive into the message.
 */
export function classifyOpenAICompatibleError<Body extends ServerErrorBody>(
  thrown: unknown,
  context: CustomErrorContext,
  rules: OpenAICompatibleErrorRules<Body>,
): ModelyardError {
  if (ModelyardError.isInstance(thrown)) return thrown;
  const server = rules.serverName;
  if (context.signal?.aborted || thrown instanceof APIUserAbortError) {
    return new ModelyardError({ kind: 'aborted', message: rules.abortedMessage, ...identity(context), cause: thrown });
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
    if (typeof thrown.status === 'number') {
      return openAICompatibleHttpError(thrown.status, thrown.error, thrown.headers, context, rules);
    }
    // An error event inside a stream: servers that know the status put it in `code`.
    const body = errorBodyOf(thrown.error, rules.bodySchema);
    if (typeof body?.code === 'number' && body.code >= 400) {
      return openAICompatibleHttpError(body.code, body, undefined, context, rules);
    }
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

/**
 * Turns anything the `openai` client (or a stream) threw into a {@link ModelyardError}, naming the
 * server by the provider id; see {@link classifyOpenAICompatibleError}. The API key never survives
 * into the message.
 */
export function classifyCustomError(thrown: unknown, context: CustomErrorContext): ModelyardError {
  return classifyOpenAICompatibleError(thrown, context, customErrorRules(context.providerId));
}
