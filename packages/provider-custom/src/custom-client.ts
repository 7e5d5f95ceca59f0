// The `openai` client pointed at an OpenAI-compatible server, created at the first request. The
// API key lives in this closure only: the client object stores it as a property, so neither the
// client nor the key is ever reachable from the provider object.
import OpenAI from 'openai';

/** What {@link createCustomConnection} needs. */
export interface CustomConnectionOptions {
  /** Bearer token for servers that need one; without it no Authorization header is sent. */
  apiKey: string | undefined;
  baseURL: string;
  /** Headers sent with every request. */
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch | undefined;
  /** Per-request timeout of the client, in ms. */
  timeoutMs: number;
}

/** A lazily created `openai` client and the secrets to redact. */
export interface CustomConnection {
  client(): OpenAI;
  /** The key in use, for redaction (empty without one). */
  secrets(): string[];
}

/** Creates the connection; no client exists until the first request. */
export function createCustomConnection(options: CustomConnectionOptions): CustomConnection {
  let client: OpenAI | undefined;
  return {
    client() {
      client ??= new OpenAI({
        // Without a key the Authorization header is removed below; the client only insists on a value.
        apiKey: options.apiKey ?? 'no-key',
        // Explicit nulls keep the client from reading OPENAI_* variables meant for OpenAI itself.
        adminAPIKey: null,
        organization: null,
        project: null,
        webhookSecret: null,
        baseURL: options.baseURL,
        fetch: options.fetch,
        // Retrying is the fallback runner's decision, made with the whole picture; a hidden retry
        // here would double waits and hide failures from it.
        maxRetries: 0,
        timeout: options.timeoutMs,
        logLevel: 'off',
        defaultHeaders: options.apiKey === undefined ? { ...options.headers, Authorization: null } : options.headers,
      });
      return client;
    },
    secrets: () => (options.apiKey === undefined ? [] : [options.apiKey]),
  };
}
