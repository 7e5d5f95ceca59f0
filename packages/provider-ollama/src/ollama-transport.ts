// The fetch one call of the `ollama` client goes through. The client passes no AbortSignal on most
// requests (only its own, on streams), reads no headers of an error answer, and logs to the
// console on some; so each call gets a fresh client over this fetch, which adds the caller's
// signal and a silence timeout, turns an HTTP error into a typed failure with its status, body
// message and headers, and guards NDJSON bodies (see ollama-ndjson.ts).
import { guardBody } from './ollama-ndjson';

/** The server answered with an HTTP error status. */
export class OllamaHttpError extends Error {
  constructor(
    readonly status: number,
    /** The server's `error` text, or the body itself when it is not Ollama's `{ error }`. */
    readonly serverMessage: string,
    readonly headers: Headers,
  ) {
    super(serverMessage.length > 0 ? `HTTP ${status}: ${serverMessage}` : `HTTP ${status}`);
    this.name = 'OllamaHttpError';
  }
}

/** The server stayed silent longer than the timeout allows. */
export class OllamaSilenceTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the server sent nothing for ${timeoutMs} ms`);
    // The name core's classifier reads as a timeout, as for AbortSignal.timeout().
    this.name = 'TimeoutError';
  }
}

/**
 * The message of an error body: Ollama's `{ "error": "…" }`, the OpenAI-style
 * `{ "error": { "message": "…" } }` a proxy may send, or the text itself (at most 300 characters).
 */
export function errorMessageOfBody(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 300);
  }
  const error = (value as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return error;
  const nested = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof nested === 'string') return nested;
  return text.trim().slice(0, 300);
}

/** What one call's transport needs. */
export interface CallTransportOptions {
  /** The fetch underneath (the injected one, or the global). */
  fetch: typeof globalThis.fetch;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Longest silence of the server, in ms. */
  timeoutMs: number;
}

/** The fetch of one call, and how to end the call. */
export interface CallTransport {
  readonly fetch: typeof globalThis.fetch;
  /** Ends the call: clears the timer and cuts a connection still open (a stream left early). Idempotent. */
  close(): void;
}

/** Creates the transport of one call. Each request of the call has its own silence timer. */
export function createCallTransport(options: CallTransportOptions): CallTransport {
  const local = new AbortController();
  const pendingTimers = new Set<() => void>();

  const guardedFetch: typeof globalThis.fetch = async (input, init = {}) => {
    const silence = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const disarm = () => {
      clearTimeout(timer);
      pendingTimers.delete(disarm);
    };
    const arm = () => {
      clearTimeout(timer);
      pendingTimers.add(disarm);
      timer = setTimeout(() => {
        silence.abort(new OllamaSilenceTimeoutError(options.timeoutMs));
      }, options.timeoutMs);
    };
    const signals = [local.signal, silence.signal, options.signal, init.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined && signal !== null,
    );
    arm();
    let response: Response;
    try {
      response = await options.fetch(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      disarm();
      throw error;
    }
    if (!response.ok) {
      try {
        const text = await response.text();
        throw new OllamaHttpError(response.status, errorMessageOfBody(text), response.headers);
      } finally {
        disarm();
      }
    }
    if (response.body === null) {
      disarm();
      return response;
    }
    const isNdjson = response.headers.get('content-type')?.includes('application/x-ndjson') ?? false;
    const body = guardBody(response.body, { onActivity: arm, onSettled: disarm }, { lines: isNdjson });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return {
    fetch: guardedFetch,
    close() {
      for (const disarm of [...pendingTimers]) disarm();
      if (!local.signal.aborted) local.abort(new DOMException('The call has ended', 'AbortError'));
    },
  };
}
