import {
  type ErrorKind,
  type FinishReason,
  type GenerateRequest,
  type ModelIdentity,
  ModelyardError,
  type Usage,
} from '@modelyard/core';
import { tokenize } from '../fakes/fake-answer';

/** A successful answer. */
export interface MockAnswer {
  /** The whole answer text. */
  text: string;
  /** How `stream` splits the text; their concatenation must equal `text`. Defaults to words with their trailing spaces. */
  chunks?: string[];
  /** Defaults to `stop`. */
  finishReason?: FinishReason;
  /** Overrides the counted usage (see {@link countUsage}). */
  usage?: Partial<Usage>;
  /** Cost in USD reported with the answer. Defaults to `null` (unknown). */
  costUsd?: number | null;
  /** Warnings reported with the answer. */
  warnings?: string[];
  /** Wait before the answer (and before the first chunk of a stream), in ms of the mock's clock. */
  latencyMs?: number;
  /** Wait between stream chunks, in ms of the mock's clock. */
  chunkDelayMs?: number;
}

/** What a scripted failure is built from when not given as a ready error. */
export interface MockErrorSpec {
  kind: ErrorKind;
  message?: string;
  retryAfterMs?: number | null;
  statusCode?: number | null;
  retryable?: boolean;
}

/** A failure: the call rejects, or a stream fails after some chunks. */
export interface MockFailure {
  /** The error, as a spec (the mock fills in provider and model ids) or a ready error. */
  error: MockErrorSpec | ModelyardError;
  /** Wait before failing, in ms of the mock's clock. */
  latencyMs?: number;
  /** Streams only: emit this many chunks of `text` first, then fail. Defaults to 0. */
  afterChunks?: number;
  /** Streams only: the text whose chunks come before the failure. */
  text?: string;
  /** Streams only: the chunks of `text`. Defaults to words with their trailing spaces. */
  chunks?: string[];
  /** Wait between stream chunks, in ms of the mock's clock. */
  chunkDelayMs?: number;
  /** Streams only: deliver the failure as an `error` part (`part`) or by throwing (`throw`, the default). */
  delivery?: 'throw' | 'part';
}

/** No answer until the caller aborts (a stall). */
export interface MockHang {
  hang: true;
  /** Streams only: emit this many chunks of `text` before stalling. Defaults to 0. */
  afterChunks?: number;
  text?: string;
}

/** One scripted behaviour of one call. */
export type MockStep = MockAnswer | MockFailure | MockHang;

/** A call a mock model received. */
export interface MockCall {
  /** 0-based index of the call on this model. */
  index: number;
  method: 'generate' | 'stream';
  request: GenerateRequest;
  /** The mock clock's time when the call started. */
  startedAt: number;
  /** How the call ended; `pending` until then. */
  outcome: 'pending' | 'ok' | ErrorKind;
}

/** The steps of successive calls (the last one repeats), or a function of the call. */
export type MockScript = readonly MockStep[] | ((call: MockCall) => MockStep);

/** Whether the step is a failure. */
export function isMockFailure(step: MockStep): step is MockFailure {
  return 'error' in step;
}

/** Whether the step is a stall. */
export function isMockHang(step: MockStep): step is MockHang {
  return 'hang' in step;
}

/** Splits text into words that keep their trailing whitespace, so the pieces join back exactly. */
export const splitIntoChunks: (text: string) => string[] = tokenize;

/**
 * The deterministic usage a mock reports: input tokens = characters of the request's text / 4,
 * rounded up; output tokens = number of chunks of the answer.
 */
export function countUsage(request: GenerateRequest, chunkCount: number): Usage {
  let characters = request.system?.length ?? 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else for (const part of message.content) if (part.type === 'text') characters += part.text.length;
  }
  const inputTokens = Math.ceil(characters / 4);
  return { inputTokens, outputTokens: chunkCount, totalTokens: inputTokens + chunkCount };
}

/** The error a failure step produces, with the model's identity filled in. */
export function errorOfStep(
  step: MockFailure,
  model: ModelIdentity | { providerId: string; modelId: null },
): ModelyardError {
  if (ModelyardError.isInstance(step.error)) return step.error;
  const spec = step.error;
  // A provider-level failure (listing, health) names the provider alone.
  const subject = model.modelId === null ? model.providerId : `${model.providerId}/${model.modelId}`;
  return new ModelyardError({
    kind: spec.kind,
    message: spec.message ?? `Scripted ${spec.kind} failure of ${subject}`,
    retryAfterMs: spec.retryAfterMs ?? null,
    statusCode: spec.statusCode ?? null,
    ...(spec.retryable === undefined ? {} : { retryable: spec.retryable }),
    providerId: model.providerId,
    modelId: model.modelId,
  });
}
