import { isAbortError, ModelyardError, toModelyardError } from '@modelyard/core';
import { InsufficientMemoryError } from 'node-llama-cpp';

const LOCAL_MODEL_ERROR_MARKER = Symbol.for('@modelyard/provider-local.model-error');

/**
 * What is wrong with a model file:
 * - `missing`: no file at the path (kind `not_found`);
 * - `unreadable`: it exists but cannot be read (permissions, a folder) (kind `bad_request`);
 * - `not_gguf`: not a GGUF file, or a truncated/corrupted one (kind `bad_request`);
 * - `unsupported`: a GGUF whose architecture this llama.cpp build cannot run (kind `bad_request`);
 * - `too_large`: it needs more memory than the machine or `maxMemoryBytes` allows (kind `unavailable`, not retryable);
 * - `load_failed`: llama.cpp refused to load it for another reason (kind `bad_request`).
 */
export const LOCAL_MODEL_PROBLEMS = [
  'missing',
  'unreadable',
  'not_gguf',
  'unsupported',
  'too_large',
  'load_failed',
] as const;

/** One of {@link LOCAL_MODEL_PROBLEMS}. */
export type LocalModelProblem = (typeof LOCAL_MODEL_PROBLEMS)[number];

const KIND_OF_PROBLEM = {
  missing: 'not_found',
  unreadable: 'bad_request',
  not_gguf: 'bad_request',
  unsupported: 'bad_request',
  too_large: 'unavailable',
  load_failed: 'bad_request',
} as const;

/** Where a failure happened: which provider, model and file. */
export interface LocalErrorContext {
  providerId: string;
  modelId?: string | null;
  /** The model file, when one is involved. */
  path?: string | null;
}

/**
 * A model file that cannot be used. A {@link ModelyardError} (kinds above, never retryable)
 * with the {@link LocalModelProblem} and the file's path; recognise it with
 * {@link LocalModelError.isInstance}.
 */
export class LocalModelError extends ModelyardError {
  /** What is wrong with the file. */
  readonly problem: LocalModelProblem;
  /** The model file. */
  readonly path: string | null;

  constructor(problem: LocalModelProblem, message: string, context: LocalErrorContext & { cause?: unknown }) {
    super({
      kind: KIND_OF_PROBLEM[problem],
      message,
      retryable: false,
      providerId: context.providerId,
      modelId: context.modelId ?? null,
      cause: context.cause,
    });
    this.name = 'LocalModelError';
    this.problem = problem;
    this.path = context.path ?? null;
    Object.defineProperty(this, LOCAL_MODEL_ERROR_MARKER, { value: true, enumerable: false });
  }

  /** Whether `value` is a LocalModelError from any install of this package. */
  static override isInstance(value: unknown): value is LocalModelError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[LOCAL_MODEL_ERROR_MARKER] === true
    );
  }

  override toJSON() {
    return { ...super.toJSON(), problem: this.problem, path: this.path };
  }
}

const GGUF_PARSER_ERRORS = new Set(['InvalidGgufMagicError', 'UnsupportedGgufValueTypeError']);

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** The {@link LocalModelProblem} a file-system or node-llama-cpp error means, if it means one. */
export function problemOf(error: unknown): LocalModelProblem | undefined {
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') return 'unreadable';
  // node-llama-cpp does not export its GGUF parser's error classes; their class names are stable API.
  if (typeof error === 'object' && error !== null && GGUF_PARSER_ERRORS.has(error.constructor.name)) return 'not_gguf';
  if (error instanceof InsufficientMemoryError) return 'too_large';
  return undefined;
}

const PROBLEM_MESSAGES: Record<LocalModelProblem, string> = {
  missing: 'no such file',
  unreadable: 'the file cannot be read',
  not_gguf: 'not a GGUF model file (or a truncated one)',
  unsupported: 'a GGUF model this llama.cpp build cannot run',
  too_large: 'the model needs more memory than is available',
  load_failed: 'llama.cpp could not load the model',
};

/** A {@link LocalModelError} with the standard sentence for `problem`, plus `detail` when given. */
export function localModelError(
  problem: LocalModelProblem,
  context: LocalErrorContext & { cause?: unknown; detail?: string },
): LocalModelError {
  const subject = context.path ? `Model file ${context.path}` : `Model ${context.modelId ?? ''}`.trim();
  const detail = context.detail ? ` (${context.detail})` : '';
  return new LocalModelError(problem, `${subject}: ${PROBLEM_MESSAGES[problem]}${detail}`, context);
}

/**
 * Turns anything thrown while reading, loading or running a local model into a ModelyardError:
 * Modelyard errors pass through; file-system and node-llama-cpp errors with a known meaning
 * become a {@link LocalModelError}; the rest goes through core's classifier (which makes an
 * `AbortError` an `aborted` error).
 * `whileLoading` marks failures of `loadModel` itself as `load_failed`.
 */
export function classifyLocalError(
  error: unknown,
  context: LocalErrorContext & { whileLoading?: boolean },
): ModelyardError {
  if (ModelyardError.isInstance(error)) return error;
  // An abort is never a problem with the file, even while loading.
  if (isAbortError(error)) return toModelyardError(error, identity(context));
  const problem = problemOf(error) ?? (context.whileLoading ? 'load_failed' : undefined);
  if (problem !== undefined) return localModelError(problem, { ...context, cause: error });
  return toModelyardError(error, identity(context));
}

function identity(context: LocalErrorContext) {
  return { providerId: context.providerId, modelId: context.modelId ?? null };
}

/** The error every call rejects with once the signal is aborted. */
export function abortedError(context: LocalErrorContext): ModelyardError {
  return new ModelyardError({ kind: 'aborted', message: 'The operation was aborted', ...identity(context) });
}
