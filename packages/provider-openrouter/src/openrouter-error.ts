// Every OpenRouter failure becomes a core ModelyardError here, and only here. The reading of the
// `openai` client's errors is the OpenAI-compatible one of @modelyard/provider-custom; OpenRouter's
// own are here: its name in messages, its error body (moderation metadata), 402 and 403 moderation.
import { type ErrorKind, errorKindFromStatus, type ModelyardError } from '@modelyard/core';
import {
  classifyOpenAICompatibleError,
  isContextLengthError,
  type OpenAICompatibleErrorRules,
  openAICompatibleHttpError,
} from '@modelyard/provider-custom';
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
  // OpenRouter forwards the upstream's 400 with only a message: the upstreams' phrasings are read.
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

/** OpenRouter's errors, on top of the OpenAI-compatible reading. */
export const OPENROUTER_ERROR_RULES: OpenAICompatibleErrorRules<OpenRouterErrorBody> = {
  serverName: 'OpenRouter',
  abortedMessage: 'The OpenRouter call was aborted',
  bodySchema: openRouterErrorBodySchema,
  kindOf: openRouterErrorKind,
  meaningOf: (status, kind) =>
    kind === 'content_filter' ? 'the input was flagged by moderation' : STATUS_MEANINGS[status],
};

/** Builds the error of an HTTP failure (or of an error event inside a stream, which has no headers). */
export function openRouterHttpError(
  status: number,
  bodyValue: unknown,
  headers: Headers | undefined,
  context: OpenRouterErrorContext,
): ModelyardError {
  return openAICompatibleHttpError(status, bodyValue, headers, context, OPENROUTER_ERROR_RULES);
}

/**
 * Turns anything the `openai` client (or a stream) threw into a {@link ModelyardError}:
 * an abort (the caller's signal, `APIUserAbortError`) → `aborted`; a timeout → `timeout`; a
 * connection failure → `unavailable`; an HTTP error → {@link openRouterHttpError}; an error event
 * inside a stream → the code it carries (or `unavailable`); a body that is not JSON →
 * `invalid_response`. The API key never survives into the message.
 */
export function classifyOpenRouterError(thrown: unknown, context: OpenRouterErrorContext): ModelyardError {
  return classifyOpenAICompatibleError(thrown, context, OPENROUTER_ERROR_RULES);
}
