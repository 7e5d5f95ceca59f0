// The LMStudioClient of one provider: created at the first call (creating a provider does no I/O),
// quiet (its logging goes to the provider's logger), and reached only after a bounded check that
// LM Studio answers: the SDK itself waits as long as the operating system lets a connection hang.
import { randomUUID } from 'node:crypto';
import { LMStudioClient } from '@lmstudio/sdk';
import type { Logger, ModelyardError } from '@modelyard/core';
import { abortedError, type LMStudioErrorContext, unreachableError } from './lmstudio-error';
import { toSdkLogger } from './lmstudio-logger';

/** What a connection needs. */
export interface LMStudioConnectionOptions {
  providerId: string;
  /** `ws://host:port`, without a trailing slash. */
  baseUrl: string;
  /** Bound of the connection check, in ms. */
  connectTimeoutMs: number;
  logger: Logger;
}

/** How long dispose() waits for the SDK to close its sockets, in ms. */
const DISPOSE_WAIT_MS = 1000;

function describeFailure(event: Event): string {
  const error = (event as Event & { error?: unknown }).error;
  const code =
    (error as { cause?: { code?: unknown }; code?: unknown } | undefined)?.cause?.code ??
    (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `the connection failed (${code})` : 'the connection failed';
}

/**
 * Opens a WebSocket to `<baseUrl>/system`, sends an authentication packet as the SDK does and waits
 * for LM Studio's `{ success: true }`; rejects with an `unavailable` error when the connection
 * fails, is refused, closes, or takes longer than `timeoutMs`, and with `aborted` when `signal`
 * fires. The socket is closed in every case.
 */
export function checkLMStudioConnection(
  context: LMStudioErrorContext,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let isSettled = false;
    const socket = new WebSocket(`${context.baseUrl}/system`);
    const settle = (error?: ModelyardError) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => settle(abortedError(context, signal?.reason));
    const timer = setTimeout(
      () => settle(unreachableError(context, `no answer to the connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.addEventListener('open', () => {
      socket.send(
        JSON.stringify({
          authVersion: 1,
          clientIdentifier: `modelyard-check-${randomUUID()}`,
          clientPasskey: randomUUID(),
        }),
      );
    });
    socket.addEventListener('message', (event) => {
      const answer = parseAnswer(String(event.data));
      if (answer?.success === true) return settle();
      const detail =
        typeof answer?.error === 'string'
          ? `it refused the connection (${answer.error})`
          : "it answered something that is not LM Studio's";
      settle(unreachableError(context, detail));
    });
    socket.addEventListener('error', (event) => settle(unreachableError(context, describeFailure(event))));
    socket.addEventListener('close', () =>
      settle(unreachableError(context, 'the connection closed before LM Studio answered')),
    );
    if (signal?.aborted) onAbort();
  });
}

/** The fields of an error LM Studio serialized (what the SDK's message schema keeps of it). */
interface SerializedLMStudioError {
  title?: unknown;
  cause?: unknown;
  suggestion?: unknown;
  displayData?: unknown;
  errorData?: unknown;
}

/**
 * Rebuilds an error LM Studio sent (`rpcError`, `channelError`) as an `Error` that keeps its
 * fields: `title` as the message, and `title`, `cause`, `suggestion`, `displayData` (with the error
 * code) and `errorData` as properties.
 */
export function readLMStudioError(serialized: unknown): Error {
  const fields = (typeof serialized === 'object' && serialized !== null ? serialized : {}) as SerializedLMStudioError;
  const title = typeof fields.title === 'string' ? fields.title : 'Unknown error';
  const error = new Error(title);
  Object.assign(error, {
    title,
    ...(typeof fields.cause === 'string' ? { cause: fields.cause } : {}),
    ...(typeof fields.suggestion === 'string' ? { suggestion: fields.suggestion } : {}),
    ...(typeof fields.displayData === 'object' && fields.displayData !== null
      ? { displayData: fields.displayData }
      : {}),
    ...(typeof fields.errorData === 'object' && fields.errorData !== null ? { errorData: fields.errorData } : {}),
  });
  return error;
}

// The client's connections this provider uses, one per namespace.
const PORT_NAMES = ['llmPort', 'systemPort', 'filesPort'] as const;

/**
 * Makes the client keep LM Studio's error codes: @lmstudio/sdk 1.5 rebuilds server errors with a
 * pretty-printing deserializer that drops `displayData` (and with it the code this provider maps
 * to error kinds). Each port of the client holds its deserializer as a plain property; it is
 * replaced with {@link readLMStudioError}. Returns how many ports took it (3 with SDK 1.5.0).
 */
export function keepLMStudioErrorCodes(client: LMStudioClient): number {
  let replaced = 0;
  for (const name of PORT_NAMES) {
    const port = (client as unknown as Record<string, unknown>)[name];
    if (typeof port === 'object' && port !== null && 'errorDeserializer' in port) {
      (port as { errorDeserializer: unknown }).errorDeserializer = readLMStudioError;
      replaced++;
    }
  }
  return replaced;
}

/** LM Studio's answer to the authentication packet; `null` when the text is not a JSON object. */
function parseAnswer(text: string): { success?: unknown; error?: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

/** The SDK client of one provider, checked before use and re-checked after a connection failure. */
export class LMStudioConnection {
  readonly #options: LMStudioConnectionOptions;
  #client: LMStudioClient | null = null;
  #check: Promise<void> | null = null;
  #isChecked = false;
  #lifetime = new AbortController();

  constructor(options: LMStudioConnectionOptions) {
    this.#options = options;
  }

  #context(): LMStudioErrorContext {
    return { providerId: this.#options.providerId, baseUrl: this.#options.baseUrl };
  }

  /** The client, after LM Studio answered a connection check (once, until {@link markBroken}). */
  async ready(signal?: AbortSignal): Promise<LMStudioClient> {
    if (!this.#isChecked) {
      this.#check ??= checkLMStudioConnection(this.#context(), this.#options.connectTimeoutMs).then(
        () => {
          this.#isChecked = true;
          this.#check = null;
        },
        (error: unknown) => {
          this.#check = null;
          throw error;
        },
      );
      await raceAbort(this.#check, signal, () => abortedError(this.#context(), signal?.reason));
    }
    if (this.#client === null) {
      const client = new LMStudioClient({
        baseUrl: this.#options.baseUrl,
        logger: toSdkLogger(this.#options.logger),
        verboseErrorMessages: false,
      });
      keepLMStudioErrorCodes(client);
      this.#client = client;
    }
    return this.#client;
  }

  /** Fires when {@link dispose} is called: calls still running end then instead of waiting. */
  get disposedSignal(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** Forgets the last check: the next call checks the connection again (after a connection error). */
  markBroken(): void {
    this.#isChecked = false;
  }

  /**
   * Closes the client's sockets. The SDK waits for calls still open to end; that wait is cut after
   * a second, so dispose never hangs on a server that stopped answering.
   */
  async dispose(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#isChecked = false;
    this.#lifetime.abort();
    this.#lifetime = new AbortController();
    if (client === null) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client[Symbol.asyncDispose]().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, DISPOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}

/** `promise`, or the abort error as soon as `signal` fires. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(onAbort());
  let listener: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    listener = () => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
  });
  promise.catch(() => undefined);
  return Promise.race([promise, aborted]).finally(() => {
    if (listener) signal.removeEventListener('abort', listener);
  });
}
