// The `openai` client pointed at an OpenAI-compatible server, created at the first request. The
// API key lives in this closure only: the client object stores it as a property, so neither the
// client nor the key is ever reachable from the provider object.
import OpenAI from 'openai';

/** What {@link createOpenAIClient} needs. */
export interface OpenAIClientOptions {
  /** Bearer token for servers that need one; without it no Authorization header is sent. */
  apiKey: string | undefined;
  baseURL: string;
  /** Headers sent with every request; the client leaves out those whose value is undefined. */
  headers: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch | undefined;
  /** Per-request timeout of the client, in ms. */
  timeoutMs: number;
}

/**
 * An `openai` client for an OpenAI-compatible server, set up the way Modelyard providers need it:
 * no retries (the fallback runner's job), no logging, no `OPENAI_*` variables read, and no
 * `Authorization` header without a key. Keep the client (and so the key) in a closure.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
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
}

/** What {@link createCustomConnection} needs. */
export interface CustomConnectionOptions extends OpenAIClientOptions {
  /** Headers sent with every request. */
  headers: Record<string, string>;
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
      client ??= createOpenAIClient(options);
      return client;
    },
    secrets: () => (options.apiKey === undefined ? [] : [options.apiKey]),
  };
}
