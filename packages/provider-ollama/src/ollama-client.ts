// One `ollama` client per call, over that call's transport (see ollama-transport.ts). Creating a
// client is cheap (it only formats the host), and a client per call keeps calls from sharing an
// abort: the client's own abort() would stop every stream of a shared client at once.
import { isSecretFieldName } from '@modelyard/core';
import { Ollama } from 'ollama';
import { splitHostCredentials } from './ollama-settings';
import { type CallTransport, createCallTransport } from './ollama-transport';

/** What every call of a provider shares. */
export interface OllamaConnectionOptions {
  /** Resolves the host at each call (the setting, else OLLAMA_HOST, else the default). */
  host(): string;
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch | undefined;
  timeoutMs: number;
}

/** One call: its client and its transport (close the transport when the call ends). */
export interface OllamaCall {
  client: Ollama;
  transport: CallTransport;
}

/** A way to open calls to one Ollama server. */
export interface OllamaConnection {
  /** Opens a call; throws a ConfigError when OLLAMA_HOST is unusable. */
  open(signal: AbortSignal | undefined): OllamaCall;
  /** Values of secret-named headers (`Authorization`, `X-Api-Key`…) and host credentials, to redact from messages. */
  secrets(): string[];
}

/** Creates the connection; nothing is read or sent until a call is opened. */
export function createOllamaConnection(options: OllamaConnectionOptions): OllamaConnection {
  return {
    open(signal) {
      const { host, authorization } = splitHostCredentials(options.host());
      // Read at each call, not captured at creation, so a fetch patched later (test tools) is seen.
      const baseFetch = options.fetch ?? globalThis.fetch;
      const transport = createCallTransport({ fetch: baseFetch, signal, timeoutMs: options.timeoutMs });
      // Headers given in the settings win over credentials written into the host.
      const headers =
        authorization === undefined ? options.headers : { Authorization: authorization, ...options.headers };
      const client = new Ollama({ host, headers, fetch: transport.fetch });
      return { client, transport };
    },
    secrets() {
      // A server may echo the token without its scheme ("Bearer"), so both forms are redacted.
      const fromHeaders = Object.entries(options.headers)
        .filter(([name]) => isSecretFieldName(name))
        .flatMap(([, value]) => {
          const token = value.replace(/^(Bearer|Basic|Token)\s+/i, '');
          return token === value ? [value] : [value, token];
        });
      let fromHost: string[] = [];
      try {
        fromHost = splitHostCredentials(options.host()).secrets;
      } catch {
        // An unusable OLLAMA_HOST holds no credentials we could send.
      }
      return [...fromHeaders, ...fromHost];
    },
  };
}

/**
 * Runs `action` with a fresh call and closes the call afterwards, whatever happens. For requests
 * whose answer is read whole; streams manage their call themselves.
 */
export async function withCall<T>(
  connection: OllamaConnection,
  signal: AbortSignal | undefined,
  action: (call: OllamaCall) => Promise<T>,
): Promise<T> {
  const call = connection.open(signal);
  try {
    return await action(call);
  } finally {
    call.transport.close();
  }
}
