// The `openai` client pointed at OpenRouter, created at the first request. The API key lives in this
// closure only: the client object stores it as a property, so neither the client nor the key is
// ever reachable from the provider object (JSON.stringify and inspect show no secret).
import { ModelyardError } from '@modelyard/core';
import { createOpenAIClient } from '@modelyard/provider-custom';
import type OpenAI from 'openai';

/** The environment variable the API key is read from when `apiKey` is not passed. */
export const OPENROUTER_API_KEY_ENV = 'OPENROUTER_API_KEY';

/** What {@link createOpenRouterConnection} needs. */
export interface OpenRouterConnectionOptions {
  providerId: string;
  /** The key given in the settings, if any. */
  apiKey: string | undefined;
  /** Reads `OPENROUTER_API_KEY` at the moment of a request. */
  readEnvironmentKey: () => string | undefined;
  baseURL: string;
  /** Headers sent with every request (attribution headers included); undefined values are left out. */
  headers: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch | undefined;
  /** Per-request timeout of the client, in ms. */
  timeoutMs: number;
}

/** Lazily created `openai` clients and the secrets to redact. */
export interface OpenRouterConnection {
  /**
   * The client for a request. With `requireKey`, a missing key rejects with an `auth` error that
   * names both ways to give one; without, the request goes out unauthenticated (the model listing
   * is public).
   */
  client(requireKey: boolean): OpenAI;
  /** The key in use, for redaction (empty when there is none yet). */
  secrets(): string[];
}

/** The key to use: the option, else a non-empty environment value, else `undefined`. */
export function resolveApiKey(option: string | undefined, environmentValue: string | undefined): string | undefined {
  if (option !== undefined) return option;
  return environmentValue === undefined || environmentValue.trim() === '' ? undefined : environmentValue;
}

/** The error of a request that needs a key when none was given. */
export function missingKeyError(providerId: string): ModelyardError {
  return new ModelyardError({
    kind: 'auth',
    message: `No OpenRouter API key: pass apiKey to createOpenRouter() or set ${OPENROUTER_API_KEY_ENV}`,
    providerId,
  });
}

/** Creates the connection; no client exists (and no key is read) until the first request. */
export function createOpenRouterConnection(options: OpenRouterConnectionOptions): OpenRouterConnection {
  let current: { key: string | undefined; client: OpenAI } | undefined;

  const build = (key: string | undefined): OpenAI =>
    createOpenAIClient({
      apiKey: key,
      baseURL: options.baseURL,
      headers: options.headers,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });

  return {
    client(requireKey) {
      // Read at each request until found, so a key set after creating the provider is picked up.
      const key = resolveApiKey(options.apiKey, options.readEnvironmentKey());
      if (key === undefined && requireKey) throw missingKeyError(options.providerId);
      if (current === undefined || current.key !== key) current = { key, client: build(key) };
      return current.client;
    },
    secrets() {
      const key = resolveApiKey(options.apiKey, options.readEnvironmentKey());
      return key === undefined ? [] : [key];
    },
  };
}
