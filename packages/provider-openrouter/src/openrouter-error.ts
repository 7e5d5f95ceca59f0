// Every OpenRouter failure becomes a core ModelyardError here, and only here: the HTTP status,
// the error body and the headers in; kind, retryable and retryAfterMs out.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { type OpenRouterErrorBody, openRouterErrorBodySchema } from './openrouter-api';

/** What a classified error is attached to, and what must not show in it. */
export interface OpenRouterErrorContext {
  providerId: string;
  modelId?: string | null;
  /** The API key (and any other secret) to redact from messages. */
  secrets: readonly (string | undefined)[];
  /** The caller's signal: once it fired, any failure is reported as `aborted`. */
  signal?: AbortSignal | undefined;
  /** Now, in ms since the epoch, to read `Retry-After` dates against. */
  nowMs: number;
}

// Structured codes upstreams use for an over-long prompt (OpenAI, llama.cpp).
const CONTEXT_LENGTH_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error']);
// OpenRouter forwards the upstream's 400 with only a message; these are the phrasings upstreams use
// for an over-long prompt. Read on a 400 only, and only to refine bad_request into context_length.
const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context length exceeded|context window|exceeds the available context/i;

function isContextLengthError(body: OpenRouterErrorBody | undefined): boolean {
  if (body === undefined) return false;
  if (typeof body.code === 'string' && CONTEXT_LENGTH_CODES.has(body.code)) return true;
  if (typeof body.type === 'string' && CONTEXT_LENGTH_CODES.has(body.type)) return true;
  return typeof body.message === 'string' && CONTEXT_LENGTH_MESSAGE.test(body.message);
}

// OpenRouter's 403 moderation body carries metadata.reasons and metadata.flagged_input.
function isModerationError(body: OpenRouterErrorBody | undefined): boolean {
  const metadata = body?.metadata;
  return metadata !== undefined && metadata !== null && ('reasons' in metadata || 'flagged_input' in metadata);
}

/**
 * The kind of an OpenRouter HTTP failure:
 * 400 → `bad_request`, or `context_length` when the body says the prompt is too long;
 * 401 → `auth`; 402 (insufficient credits) → `auth`; 403 with moderation metadata →
 * `content_filter`, other 403 → `auth`; 404 → `not_found`; 408 → `timeout`; 413 → `context_length`;
 * 429 → `rate_limit`; 502/503 and other 5xx → `unavailable`; 504 → `timeout`.
 */
export function openRouterErrorKind(status: number, body: OpenRouterErrorBody | undefined): ErrorKind {
  if (status === 400 && isContextLengthError(body)) return 'context_length';
  if (status === 403 && isModerationError(body)) return 'content_filter';
  return errorKindFromStatus(status) ?? 'unknown';
}

const STATUS_MEANINGS: Record<number, string> = {
  401: 'the API key was rejected',
  402: 'insufficient credits: add credits or use a free model',
  403: 'forbidden',
  408: 'the request timed out on OpenRouter',
  429: 'rate limited',
};

// The `error` object of a body, whether given whole (`{ error: {…} }`) or already unwrapped (the
// openai client unwraps HTTP error bodies; stream error events come whole).
function errorBodyOf(value: unknown): OpenRouterErrorBody | undefined {
  const wrapped = (value as { error?: unknown } | null | undefined)?.error;
  const inner = typeof wrapped === 'object' && wrapped !== null ? wrapped : value;
  const parsed = openRouterErrorBodySchema.safeParse(inner);
  return parsed.success ? parsed.data : undefined;
}

function retryAfterOf(headers: Headers | undefined, nowMs: number): number | null {
  if (headers === undefined) return null;
  return (
    parseRetryAfter(headers.get('retry-after'), nowMs) ?? parseRetryAfter(headers.get('retry-after-ms'), nowMs, 'ms')
  );
}

/** Builds the error of an HTTP failure (or of an error event inside a stream, which has no headers). */
export function openRouterHttpError(
  status: number,
  bodyValue: unknown,
  headers: Headers | undefined,
  context: OpenRouterErrorContext,
): ModelyardError {
  const body = errorBodyOf(bodyValue);
  const kind = openRouterErrorKind(status, body);
  const meaning = kind === 'content_filter' ? 'the input was flagged by moderation' : STATUS_MEANINGS[status];
  const detail = [meaning, body?.message].filter((part) => typeof part === 'string' && part.length > 0).join(': ');
  return new ModelyardError({
    kind,
    message: `OpenRouter answered ${status}${detail ? ` (${detail})` : ''}`,
    statusCode: status,
    retryAfterMs: retryAfterOf(headers, context.nowMs),
    providerId: context.providerId,
    modelId: context.modelId,
    secrets: context.secrets,
  });
}

function identity(context: OpenRouterErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId, secrets: context.secrets };
}

/**
 * Turns anything the `openai` client (or a stream) threw into a {@link ModelyardError}:
 * an abort (the caller's signal, `APIUserAbortError`) → `aborted`; a timeout → `timeout`; a
 * connection failure → `unavailable`; an HTTP error → {@link openRouterHttpError}; an error event
 * inside a stream → the code it carries (or `unavailable`); a body that is not JSON →
 * `invalid_response`. The API key never survives into the message.
 */
export function classifyOpenRouterError(thrown: unknown, context: OpenRouterErrorContext): ModelyardError {
  if (ModelyardError.isInstance(thrown)) return thrown;
  if (context.signal?.aborted || thrown instanceof APIUserAbortError) {
    return new ModelyardError({
      kind: 'aborted',
      message: 'The OpenRouter call was aborted',
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIConnectionTimeoutError) {
    return new ModelyardError({
      kind: 'timeout',
      message: 'OpenRouter did not answer in time',
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIConnectionError) {
    const underlying = toModelyardError(thrown.cause, identity(context));
    const kind = underlying.kind === 'timeout' ? 'timeout' : 'unavailable';
    return new ModelyardError({
      kind,
      message: `OpenRouter: ${underlying.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof APIError) {
    if (typeof thrown.status === 'number')
      return openRouterHttpError(thrown.status, thrown.error, thrown.headers, context);
    const body = errorBodyOf(thrown.error);
    // An error event inside a stream: OpenRouter puts the upstream's status in `code`.
    if (typeof body?.code === 'number' && body.code >= 400)
      return openRouterHttpError(body.code, body, undefined, context);
    return new ModelyardError({
      kind: 'unavailable',
      // The client builds its message from the event's own `message` (or the whole event).
      message: `OpenRouter reported an error during the stream: ${thrown.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  if (thrown instanceof SyntaxError) {
    return new ModelyardError({
      kind: 'invalid_response',
      message: `OpenRouter sent a body that is not JSON: ${thrown.message}`,
      ...identity(context),
      cause: thrown,
    });
  }
  // Anything else (a body read cut with "terminated", a socket code in `cause`) is classified by
  // core from its facts; an error we cannot place stays `unknown`.
  return toModelyardError(thrown, identity(context));
}
