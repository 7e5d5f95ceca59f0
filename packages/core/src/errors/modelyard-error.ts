import { type ErrorKind, isRetryableKind } from './error-kind';
import { redactSecrets } from './redact';

const MODELYARD_ERROR_MARKER = Symbol.for('@modelyard/core.error');

/** What a {@link ModelyardError} is built from. Only `kind` and `message` are required. */
export interface ModelyardErrorOptions {
  /** The error kind (see {@link ErrorKind}). */
  kind: ErrorKind;
  /** Human sentence. Secrets are redacted from it before it is stored. */
  message: string;
  /** Whether the same request may succeed if tried again. Defaults from the kind. */
  retryable?: boolean;
  /** How long the server asked us to wait before retrying, in milliseconds (from Retry-After). */
  retryAfterMs?: number | null;
  /** HTTP status code, when the failure came from an HTTP answer. */
  statusCode?: number | null;
  /** Provider instance id (e.g. `openrouter`, `my-vllm`). */
  providerId?: string | null;
  /** Model id as the provider knows it (may contain `/` and `:`). */
  modelId?: string | null;
  /** The underlying error. Kept for debugging; never serialized beyond its name and redacted message. */
  cause?: unknown;
  /**
   * Secret values (API keys) that must not appear in the message. They are used once, to redact,
   * and not stored.
   */
  secrets?: readonly (string | undefined | null)[];
}

/** The plain-object form of a {@link ModelyardError}, as `toJSON()` writes it and `fromJSON()` reads it. */
export interface SerializedModelyardError {
  name: string;
  kind: ErrorKind;
  message: string;
  retryable: boolean;
  retryAfterMs: number | null;
  statusCode: number | null;
  providerId: string | null;
  modelId: string | null;
  cause?: { name: string; message: string } | undefined;
  [extra: string]: unknown;
}

function describeCause(cause: unknown, secrets: ModelyardErrorOptions['secrets']) {
  if (cause === undefined) return undefined;
  if (cause instanceof Error) return { name: cause.name, message: redactSecrets(cause.message, secrets) };
  if (typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string') {
    const name = 'name' in cause && typeof cause.name === 'string' ? cause.name : 'Error';
    return { name, message: redactSecrets(cause.message, secrets) };
  }
  return { name: typeof cause, message: redactSecrets(String(cause), secrets) };
}

/**
 * The one error class of Modelyard. Every failure a provider, the selector, the fallback runner or
 * the monitor reports is a `ModelyardError` (or a subclass) with a {@link ErrorKind}.
 *
 * Recognise it with {@link ModelyardError.isInstance}, not `instanceof`: two installs of
 * `@modelyard/core` in one app have two classes, but share the `Symbol.for` marker.
 *
 * Secrets: the message is redacted at construction (the provider passes its key in `secrets`,
 * and well-known key shapes are always removed); `toJSON()` and `util.inspect` show the cause only
 * as its name and redacted message.
 */
export class ModelyardError extends Error {
  /** The error kind: what went wrong, as a machine-readable value. */
  readonly kind: ErrorKind;
  /** Whether the same request may succeed if tried again. */
  readonly retryable: boolean;
  /** Server-requested wait before a retry, in milliseconds; `null` when the server said nothing. */
  readonly retryAfterMs: number | null;
  /** HTTP status code, `null` when the failure did not come from an HTTP answer. */
  readonly statusCode: number | null;
  /** Provider instance id, when known. */
  readonly providerId: string | null;
  /** Model id, when known. */
  readonly modelId: string | null;
  /** The cause as name + redacted message: what `toJSON()` and `inspect` show. */
  readonly causeSummary: { name: string; message: string } | undefined;

  constructor(options: ModelyardErrorOptions) {
    super(redactSecrets(options.message, options.secrets));
    this.name = 'ModelyardError';
    this.kind = options.kind;
    this.retryable = options.retryable ?? isRetryableKind(options.kind);
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.statusCode = options.statusCode ?? null;
    this.providerId = options.providerId ?? null;
    this.modelId = options.modelId ?? null;
    this.causeSummary = describeCause(options.cause, options.secrets);
    // Hidden from enumeration so `util.inspect` and spreading don't show the raw cause.
    Object.defineProperty(this, 'cause', { enumerable: false, writable: false, value: options.cause });
    Object.defineProperty(this, 'causeSummary', { enumerable: false });
    Object.defineProperty(this, MODELYARD_ERROR_MARKER, { value: true, enumerable: false });
  }

  /** Whether `value` is a Modelyard error from any install of `@modelyard/core`. */
  static isInstance(value: unknown): value is ModelyardError {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MODELYARD_ERROR_MARKER] === true
    );
  }

  /** A plain, secret-free object that survives `JSON.stringify` and `structuredClone`. */
  toJSON(): SerializedModelyardError {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      statusCode: this.statusCode,
      providerId: this.providerId,
      modelId: this.modelId,
      ...(this.causeSummary ? { cause: this.causeSummary } : {}),
    };
  }

  /** Node's `util.inspect` (console.log) shows the redacted form, never the raw cause. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const cause = this.causeSummary ? `\n  [cause]: ${this.causeSummary.name}: ${this.causeSummary.message}` : '';
    const { name: _name, message: _message, cause: _cause, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  ${JSON.stringify(fields)}${cause}`;
  }
}

/** Shorthand for the common case: `isModelyardError(e) && e.kind === kind`. */
export function isErrorOfKind(value: unknown, kind: ErrorKind): value is ModelyardError {
  return ModelyardError.isInstance(value) && value.kind === kind;
}
