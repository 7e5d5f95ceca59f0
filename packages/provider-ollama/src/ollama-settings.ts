// The settings of createOllama(): one zod schema, the single source of defaults and of the error
// message a user sees for a bad value.
import { type Clock, ConfigError, clockSchema, providerIdSchema } from '@modelyard/core';
import { z } from 'zod';

/** The environment variable read, at each request, when no `host` is given. */
export const OLLAMA_HOST_ENV = 'OLLAMA_HOST';

/** Where Ollama listens when neither `host` nor `OLLAMA_HOST` says otherwise. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/**
 * Whether `value` is a host the `ollama` client can reach: an http(s) URL, or Ollama's own short
 * forms (`localhost`, `gpu-box:11434`, `:11434`, `0.0.0.0`), which the client completes with
 * `http://` and port 11434.
 */
export function isOllamaHost(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return false;
  const withProtocol = trimmed.includes('://')
    ? trimmed
    : `http://${trimmed.startsWith(':') ? `127.0.0.1${trimmed}` : trimmed}`;
  try {
    const url = new URL(withProtocol);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const HOST_EXPECTED = 'an Ollama address such as "http://127.0.0.1:11434", "gpu-box:11434" or "localhost"';

const durationSchema = z.int().min(0);

/** Schema of {@link OllamaSettings}. */
export const ollamaSettingsSchema = z.strictObject({
  id: providerIdSchema.default('ollama'),
  host: z.string().refine(isOllamaHost, HOST_EXPECTED).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  fetch: z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'a fetch function').optional(),
  timeoutMs: z.int().min(1).default(600_000),
  keepAliveMs: durationSchema.optional(),
  cacheTtlMs: durationSchema.default(60_000),
  showConcurrency: z.int().min(1).max(32).default(4),
  clock: clockSchema.optional(),
});

/** The settings after parsing, defaults applied. */
export type ParsedOllamaSettings = z.output<typeof ollamaSettingsSchema>;

/** Settings of {@link createOllama}. Every field is optional. */
export interface OllamaSettings {
  /** Provider instance id, for several Ollama servers side by side (`ollama`, `ollama.gpu-box`). Default `ollama`. */
  id?: string;
  /**
   * The Ollama server: `http://127.0.0.1:11434`, `gpu-box:11434`, `https://ollama.example.com`.
   * When absent, `OLLAMA_HOST` is read at each request (not at creation), then
   * `http://127.0.0.1:11434`. Short forms get `http://` and port 11434, as in Ollama's own CLI.
   */
  host?: string;
  /** Extra HTTP headers sent with every request (a proxy's `Authorization`). Their values never show in errors. */
  headers?: Record<string, string>;
  /** The fetch implementation the `ollama` client uses. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * How long the server may stay silent, in ms: before it starts answering (Ollama answers a
   * non-streamed chat only when it is done) and between two streamed lines. Default 600,000
   * (10 minutes: loading a large model from disk is slow).
   */
  timeoutMs?: number;
  /**
   * How long Ollama keeps a model in memory after a call, in ms, sent as `keep_alive` with every
   * load and chat. Default: not sent (the server's own default, 5 minutes). `loadModel`'s
   * `keepAliveMs` overrides it per model.
   */
  keepAliveMs?: number;
  /** How long the model listing is cached, in ms. Default 60,000; `0` disables the cache. */
  cacheTtlMs?: number;
  /** How many `/api/show` requests the listing sends at once (one per model not seen before). Default 4. */
  showConcurrency?: number;
  /** The clock of the listing cache and of timings. Default: the system clock. */
  clock?: Clock;
}

/**
 * The host to talk to: the setting, else `OLLAMA_HOST` from `environment`, else the default.
 * @throws ConfigError naming `OLLAMA_HOST` when the variable holds something that is not an address.
 */
export function resolveOllamaHost(host: string | undefined, environment: NodeJS.ProcessEnv): string {
  if (host !== undefined) return host.trim();
  const fromEnvironment = environment[OLLAMA_HOST_ENV]?.trim();
  if (fromEnvironment === undefined || fromEnvironment === '') return DEFAULT_OLLAMA_HOST;
  if (!isOllamaHost(fromEnvironment)) {
    throw new ConfigError('Ollama settings', [
      { path: OLLAMA_HOST_ENV, expected: HOST_EXPECTED, received: JSON.stringify(fromEnvironment.slice(0, 60)) },
    ]);
  }
  return fromEnvironment;
}

/** A host without the user name and password written into it, and those credentials as a Basic `Authorization`. */
export interface HostCredentials {
  /** The host without credentials (what fetch accepts, and what messages may show). */
  host: string;
  /** `Basic <base64(user:password)>`, when the host carried credentials. */
  authorization?: string;
  /** The password and the encoded credentials, to redact from messages. */
  secrets: string[];
}

/**
 * Takes the credentials out of a host such as `http://user:secret@proxy:8080`: fetch refuses URLs
 * with credentials, so they are sent as a Basic `Authorization` header instead.
 */
export function splitHostCredentials(host: string): HostCredentials {
  let url: URL;
  try {
    url = new URL(host.includes('://') ? host : `http://${host}`);
  } catch {
    return { host, secrets: [] };
  }
  if (url.username === '' && url.password === '') return { host, secrets: [] };
  const rawPassword = url.password;
  const password = decodeURIComponent(rawPassword);
  const credentials = `${decodeURIComponent(url.username)}:${password}`;
  const encoded = Buffer.from(credentials, 'utf8').toString('base64');
  url.username = '';
  url.password = '';
  return {
    host: url.href.replace(/\/$/, ''),
    authorization: `Basic ${encoded}`,
    secrets: [...new Set([password, rawPassword, encoded])].filter((value) => value.length > 0),
  };
}

/** The host as messages may show it: without a user name or password written into the URL. */
export function displayHost(host: string): string {
  return splitHostCredentials(host).host;
}
