import type { ModelyardError } from '../errors/modelyard-error';
import type { ModelIdentity } from '../model/identity';
import type { FinishReason, Timings, Usage } from './result';

/** The first part of every stream: which model is answering. */
export interface StreamStartPart {
  type: 'start';
  model: ModelIdentity;
  /** Options the provider did not send (see `GenerateResult.warnings`). */
  warnings: string[];
}

/** A piece of generated text, in order. */
export interface StreamTextDeltaPart {
  type: 'text-delta';
  text: string;
}

/** Token counts as soon as the server reports them (may come before `finish`). */
export interface StreamUsagePart {
  type: 'usage';
  usage: Usage;
}

/** The last part of a successful stream. */
export interface StreamFinishPart {
  type: 'finish';
  finishReason: FinishReason;
  usage: Usage;
  timings: Timings;
  /** Cost in USD; `null` when unknown. */
  costUsd: number | null;
  providerMetadata: Record<string, unknown>;
}

/**
 * The last part of a failed stream, when the failure is delivered in-band instead of thrown.
 * `deliveredText` is how much text reached the consumer before the failure, so nobody mistakes a
 * truncated answer for a complete one.
 */
export interface StreamErrorPart {
  type: 'error';
  error: ModelyardError;
  /** Characters of text emitted before the error. */
  deliveredCharacters: number;
}

/**
 * What a stream yields. A well-formed stream is: one `start`; then `text-delta` and `usage`
 * parts in any number; then exactly one terminal part, `finish` or `error`, and nothing after it.
 * Throwing a ModelyardError from the iterator instead of yielding `error` is equivalent.
 * A stream that simply ends without a terminal part is a bug (a silent truncation).
 */
export type StreamPart = StreamStartPart | StreamTextDeltaPart | StreamUsagePart | StreamFinishPart | StreamErrorPart;

/** The kinds of {@link StreamPart}. */
export const STREAM_PART_TYPES = ['start', 'text-delta', 'usage', 'finish', 'error'] as const;

/** Problems found in a sequence of stream parts; see {@link checkStreamSequence}. */
export interface StreamSequenceReport {
  /** Whether the sequence is well-formed so far. */
  isWellFormed: boolean;
  /** Whether the last part seen is terminal (`finish` or `error`). */
  isComplete: boolean;
  /** Every rule broken, in order, as sentences. */
  problems: string[];
  /** Concatenated text of every `text-delta`. */
  text: string;
}

/**
 * Checks a sequence of parts against the stream rules ({@link StreamPart}). Used by the contract
 * suite and the fallback runner; also handy in users' own tests.
 */
export function checkStreamSequence(parts: readonly StreamPart[]): StreamSequenceReport {
  const problems: string[] = [];
  let text = '';
  let terminalIndex = -1;
  parts.forEach((part, index) => {
    if (index === 0 && part.type !== 'start') problems.push(`part 0 is "${part.type}", expected "start"`);
    if (index > 0 && part.type === 'start') problems.push(`part ${index} is a second "start"`);
    if (terminalIndex !== -1)
      problems.push(`part ${index} ("${part.type}") comes after the terminal part ${terminalIndex}`);
    if (part.type === 'text-delta') text += part.text;
    if ((part.type === 'finish' || part.type === 'error') && terminalIndex === -1) terminalIndex = index;
  });
  if (parts.length === 0) problems.push('the stream yielded no part');
  const last = parts.at(-1);
  const isComplete = last !== undefined && (last.type === 'finish' || last.type === 'error');
  return { isWellFormed: problems.length === 0, isComplete, problems, text };
}
