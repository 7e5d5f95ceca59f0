// Every failure of an Ollama call becomes a core ModelyardError here, and only here: the HTTP
// status, the server's `error` text and the headers in; kind, retryable and retryAfterMs out.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import { OllamaStreamCutError, OllamaStreamErrorLine, OllamaUnreadableLineError } from './ollama-ndjson';
import { OllamaHttpError } from './ollama-transport';

/** What a classified error is attached to, and what must not show in it. */
export interface OllamaErrorContext {
  /** The provider instance id, which also names the server in messages. */
  providerId: string;
  modelId?: string | null;
  /** The server address, for "not running" messages (never holds a secret: credentials go in headers). */
  host?: string;
  /** Header values to redact from messages. */
  secrets: readonly string[];
  /** The caller's signal: once it fired, any failure is reported as `aborted`. */
  signal?: AbortSignal | undefined;
  /** Now, in ms since the epoch, to read `Retry-After` dates against. */
  nowMs: number;
}

// Ollama's words when a model does not fit: "model requires more system memory (5.3 GiB) than is
// available (3.3 GiB)", "CUDA error: out of memory", "cudaMalloc failed: out of memory",
// "insufficient memory". They come with 500, with other statuses, or inside a stream without any.
const OUT_OF_MEMORY = /out of memory|requires more (?:system )?memory|insufficient (?:v?ram|memory)|not enough memory/i;

// Inside a stream there is no status: the text is all there is. "model 'x' not found" (chat of an
// unknown model) and "pull model manifest: file does not exist" (a pull of an unknown model).
const NOT_FOUND = /not found|file does not exist/i;

/** The `ResponseError` the `ollama` client throws for an HTTP error (the class is not exported). */
interface ClientResponseError {
  name: 'ResponseError';
  error: string;
  status_code: number;
}

function isClientResponseError(value: unknown): value is ClientResponseError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<ClientResponseError>;
  return record.name === 'ResponseError' && typeof record.status_code === 'number' && typeof record.error === 'string';
}

/** Whether the server's words say the model does not fit in memory. */
export function isOutOfMemoryMessage(message: string): boolean {
  return OUT_OF_MEMORY.test(message);
}

/**
 * The kind of an HTTP failure: core's reading of the status (401/403 `auth`, 404 `not_found`,
 * 408/504 `timeout`, 413 `context_length`, 429 `rate_limit`, 5xx `unavailable`, other 4xx
 * `bad_request`), except that a model that does not fit in memory is `unavailable` whatever the
 * status: the server is fine, but cannot run this model now.
 */
export function ollamaErrorKind(status: number, serverMessage: string): ErrorKind {
  if (isOutOfMemoryMessage(serverMessage)) return 'unavailable';
  return errorKindFromStatus(status) ?? 'unknown';
}

/** The kind of an error reported inside a stream (no status): memory, not found, or a server failure. */
export function ollamaStreamErrorKind(serverMessage: string): ErrorKind {
  if (isOutOfMemoryMessage(serverMessage)) return 'unavailable';
  if (NOT_FOUND.test(serverMessage)) return 'not_found';
  return 'unavailable';
}

/** The network error code of a failure (`ECONNREFUSED`…), looked up through `cause` and `errors`. */
export function networkCodeOf(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 4) return undefined;
  const record = value as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = networkCodeOf(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return networkCodeOf(record.cause, depth + 1);
}

// Nobody listens at the address: Ollama is not running there.
const NOT_LISTENING_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function identity(context: OllamaErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId, secrets: context.secrets };
}

function subject(context: OllamaErrorContext): string {
  return context.modelId ? `${context.providerId} (model ${context.modelId})` : context.providerId;
}

/** Builds the error of an HTTP failure, with the server's words and its Retry-After. */
export function ollamaHttpError(
  status: number,
  serverMessage: string,
  headers: Headers | undefined,
  context: OllamaErrorContext,
): ModelyardError {
  const kind = ollamaErrorKind(status, serverMessage);
  const words = serverMessage.length > 0 ? `: ${serverMessage}` : '';
  const message = isOutOfMemoryMessage(serverMessage)
    ? `${subject(context)} cannot run the model, not enough memory (HTTP ${status})${words}`
    : `${subject(context)} answered HTTP ${status}${words}`;
  return new ModelyardError({
    kind,
    message,
    statusCode: status,
    retryAfterMs: parseRetryAfter(headers?.get('retry-after'), context.nowMs),
    ...identity(context),
  });
}

/**
 * Turns anything an Ollama call threw into a {@link ModelyardError}: the caller's abort →
 * `aborted`; an HTTP error status → {@link ollamaHttpError}; an error line inside a stream →
 * {@link ollamaStreamErrorKind}; a line or body that is not JSON → `invalid_response`; a stream
 * cut before its last line → `unavailable`; the silence timeout → `timeout`; a refused or reset
 * connection → `unavailable` ("is Ollama running?"). Header secrets never survive into the message.
 */
export function classifyOllamaError(thrown: unknown, context: OllamaErrorContext): ModelyardError {
  if (ModelyardError.isInstance(thrown)) return thrown;
  const base = { ...identity(context), cause: thrown };
  const server = subject(context);
  if (context.signal?.aborted) {
    return new ModelyardError({ kind: 'aborted', message: `The call to ${server} was aborted`, ...base });
  }
  if (thrown instanceof OllamaHttpError) {
    return ollamaHttpError(thrown.status, thrown.serverMessage, thrown.headers, context);
  }
  if (isClientResponseError(thrown)) {
    return ollamaHttpError(thrown.status_code, thrown.error, undefined, context);
  }
  if (thrown instanceof OllamaStreamErrorLine) {
    return new ModelyardError({
      kind: ollamaStreamErrorKind(thrown.serverMessage),
      message: `${server} reported an error during the stream: ${thrown.serverMessage}`,
      ...base,
    });
  }
  if (thrown instanceof OllamaUnreadableLineError || thrown instanceof SyntaxError) {
    return new ModelyardError({
      kind: 'invalid_response',
      message: `${server} sent a body that is not JSON (${thrown.message})`,
      ...base,
    });
  }
  if (thrown instanceof OllamaStreamCutError) {
    return new ModelyardError({ kind: 'unavailable', message: `${server}: ${thrown.message}`, ...base });
  }
  const classified = toModelyardError(thrown, identity(context));
  switch (classified.kind) {
    case 'unavailable': {
      const where = context.host ? ` at ${context.host}` : '';
      const code = networkCodeOf(thrown);
      const message =
        code !== undefined && NOT_LISTENING_CODES.has(code)
          ? `Ollama${where} cannot be reached (${code}): is it running? Start it with "ollama serve"`
          : `The connection to ${server}${where} failed: ${classified.message}`;
      return new ModelyardError({ kind: 'unavailable', message, ...base });
    }
    case 'timeout':
      return new ModelyardError({ kind: 'timeout', message: `${server}: ${classified.message}`, ...base });
    case 'aborted':
      return new ModelyardError({ kind: 'aborted', message: `The call to ${server} was aborted`, ...base });
    default:
      return classified;
  }
}
