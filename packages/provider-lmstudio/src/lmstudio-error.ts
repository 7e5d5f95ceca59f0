// Every failure of LM Studio (or of the way to it) becomes a core ModelyardError here, and only
// here. LM Studio reports errors as serialized objects; the SDK rebuilds them as `Error`s carrying
// `title`, `cause` and `displayData.code`, and the kind is read from that code, never from text.

import type { LLMPredictionStopReason } from '@lmstudio/sdk';
import { type ErrorKind, isAbortError, ModelyardError, toModelyardError } from '@modelyard/core';

/** What a classified error is attached to. */
export interface LMStudioErrorContext {
  /** The provider instance id. */
  providerId: string;
  modelId?: string | null;
  /** The server's address, named in connection errors. */
  baseUrl: string;
  /** The caller's signal: once it fired, any failure is reported as `aborted`. */
  signal?: AbortSignal | undefined;
}

/**
 * The kind of an error LM Studio reported, from its `displayData.code`: a model or instance that
 * does not exist (`generic.pathNotFound`, `generic.identifierNotFound`,
 * `generic.noModelMatchingQuery`, `generic.specificModelUnloaded`) → `not_found`; a request the
 * model or engine cannot serve (`generic.domainMismatch`: an embedding model asked to chat,
 * `generic.engineDoesNotSupportFeature`, `generic.presetNotFound`) → `bad_request`. An error with
 * no code, or one this version does not know, is the server failing the request, as an HTTP 5xx
 * is: `unavailable`.
 */
export function lmstudioErrorKind(code: string | undefined): ErrorKind {
  switch (code) {
    case 'generic.pathNotFound':
    case 'generic.identifierNotFound':
    case 'generic.noModelMatchingQuery':
    case 'generic.specificModelUnloaded':
      return 'not_found';
    case 'generic.domainMismatch':
    case 'generic.engineDoesNotSupportFeature':
    case 'generic.presetNotFound':
      return 'bad_request';
    default:
      return 'unavailable';
  }
}

/** The fields the SDK attaches to an error LM Studio sent (`attachSerializedErrorData`). */
interface ServerErrorFields {
  title: string;
  cause?: unknown;
  displayData?: { code?: unknown };
}

function serverFieldsOf(value: unknown): ServerErrorFields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const title = (value as { title?: unknown }).title;
  return typeof title === 'string' ? (value as ServerErrorFields) : undefined;
}

/**
 * Whether LM Studio itself reported `value` (the SDK attaches the serialized `title` to such
 * errors), as opposed to a failure on the way to it. The connection is fine after such an error.
 */
export function isReportedByLMStudio(value: unknown): boolean {
  return serverFieldsOf(value) !== undefined;
}

function identity(context: LMStudioErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId ?? null };
}

/** The error of a call the caller aborted. */
export function abortedError(context: LMStudioErrorContext, cause?: unknown): ModelyardError {
  return new ModelyardError({
    kind: 'aborted',
    message: `The call to ${context.providerId} was aborted`,
    ...identity(context),
    cause,
  });
}

/** The error of a model id that LM Studio does not list among its downloaded models. */
export function modelNotFoundError(context: LMStudioErrorContext): ModelyardError {
  return new ModelyardError({
    kind: 'not_found',
    message: `${context.providerId} has no model "${context.modelId}" (it is not among LM Studio's downloaded models; see \`lms ls\`)`,
    ...identity(context),
  });
}

/** The error of a model that is not a language model (an embedding model asked to chat). */
export function notALanguageModelError(context: LMStudioErrorContext, type: string): ModelyardError {
  return new ModelyardError({
    kind: 'bad_request',
    message: `${context.providerId}: "${context.modelId}" is ${type === 'embedding' ? 'an embedding model' : `a model of type "${type}"`}, not a language model`,
    ...identity(context),
  });
}

/** The error of a call still running when its provider was disposed. */
export function disposedError(context: LMStudioErrorContext): ModelyardError {
  return new ModelyardError({
    kind: 'unavailable',
    message: `${context.providerId} was disposed while the call was running`,
    ...identity(context),
  });
}

/** The error of a call that outlived its deadline (`timeoutMs`). */
export function timeoutError(context: LMStudioErrorContext, what: string, timeoutMs: number): ModelyardError {
  return new ModelyardError({
    kind: 'timeout',
    message: `${context.providerId}: ${what} did not finish within ${timeoutMs} ms`,
    ...identity(context),
  });
}

/**
 * The error of a server that cannot be reached or did not answer the connection in time: LM Studio
 * is not running, its server is off, or the address is wrong.
 */
export function unreachableError(context: LMStudioErrorContext, detail: string, cause?: unknown): ModelyardError {
  return new ModelyardError({
    kind: 'unavailable',
    message: `Cannot talk to LM Studio (${context.providerId}) at ${context.baseUrl}: ${detail}. Is LM Studio running with its server on (lms server start)?`,
    ...identity(context),
    cause,
  });
}

/** The error of an answer this provider cannot read (a listing that is not a valid ModelInfo). */
export function invalidResponseError(context: LMStudioErrorContext, what: string, cause: unknown): ModelyardError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ModelyardError({
    kind: 'invalid_response',
    message: `${context.providerId} sent ${what} that cannot be read: ${detail}`,
    ...identity(context),
    cause,
  });
}

/**
 * The error a prediction's stop reason means, or `null` when the answer is complete: `userStopped`
 * (stopped on LM Studio's side before the end) → `aborted`; `modelUnloaded` (the model went away
 * mid-answer) → `unavailable`, retryable; `failed` → `unknown`. Every other reason is a finish.
 */
export function stopReasonError(stopReason: LLMPredictionStopReason, context: LMStudioErrorContext) {
  const kind: ErrorKind | null =
    stopReason === 'userStopped'
      ? 'aborted'
      : stopReason === 'modelUnloaded'
        ? 'unavailable'
        : stopReason === 'failed'
          ? 'unknown'
          : null;
  if (kind === null) return null;
  return new ModelyardError({
    kind,
    message: `${context.providerId} ended the answer early (stop reason "${stopReason}")`,
    ...identity(context),
  });
}

/**
 * Turns anything the SDK threw into a {@link ModelyardError}: the caller's abort → `aborted`; an
 * error LM Studio sent → the kind of its code ({@link lmstudioErrorKind}), with its title and
 * cause in the message; anything else failed on the way to the server (a refused or dropped
 * WebSocket, a closed transport) → `unavailable`, or `timeout` for socket time-outs.
 */
export function classifyLMStudioError(thrown: unknown, context: LMStudioErrorContext): ModelyardError {
  if (ModelyardError.isInstance(thrown)) return thrown;
  if (context.signal?.aborted || isAbortError(thrown)) return abortedError(context, thrown);
  const server = serverFieldsOf(thrown);
  if (server !== undefined) {
    const code = typeof server.displayData?.code === 'string' ? server.displayData.code : undefined;
    const cause = typeof server.cause === 'string' && server.cause.length > 0 ? ` (${server.cause})` : '';
    return new ModelyardError({
      kind: lmstudioErrorKind(code),
      message: `LM Studio (${context.providerId}) answered: ${server.title}${cause}`,
      ...identity(context),
      cause: thrown,
    });
  }
  const core = toModelyardError(thrown, identity(context));
  if (core.kind === 'timeout') return core;
  return unreachableError(context, core.message, thrown);
}
