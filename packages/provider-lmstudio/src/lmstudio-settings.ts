// The settings of createLMStudio(): one zod schema, the single source of defaults and of the error
// message a user sees for a bad value.
import type { Clock, Logger } from '@modelyard/core';
import { ConfigError, clockSchema, parseWithSchema, providerIdSchema } from '@modelyard/core';
import { z } from 'zod';

/** Where LM Studio's server listens unless `baseUrl` says otherwise (its default port, 1234). */
export const DEFAULT_LMSTUDIO_BASE_URL = 'ws://127.0.0.1:1234';

const BASE_URL_EXPECTED =
  'the address of LM Studio\'s server: ws://, wss://, http:// or https:// with a host, such as "ws://127.0.0.1:1234", without a path, query or credentials';

/**
 * The WebSocket base URL @lmstudio/sdk takes, from what a user may write: `ws://` and `wss://` as
 * they are, `http://` → `ws://`, `https://` → `wss://`; a trailing slash is dropped. `null` when the
 * value is not such an address (a path, a query, a hash or credentials in it included: the SDK
 * refuses them).
 */
export function toWebSocketBaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  const protocol = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' }[url.protocol];
  if (protocol === undefined || url.hostname === '') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    return null;
  return `${protocol}//${url.host}`;
}

const durationSchema = z.int().min(1);

/** Schema of {@link LMStudioSettings}. */
export const lmstudioSettingsSchema = z.strictObject({
  id: providerIdSchema.default('lmstudio'),
  baseUrl: z
    .string()
    .refine((value) => toWebSocketBaseUrl(value) !== null, BASE_URL_EXPECTED)
    .transform((value) => toWebSocketBaseUrl(value) as string)
    .default(DEFAULT_LMSTUDIO_BASE_URL),
  connectTimeoutMs: durationSchema.default(5_000),
  timeoutMs: durationSchema.default(600_000),
  cacheTtlMs: z.int().min(0).default(10_000),
  logger: z
    .custom<Logger>(
      (value) =>
        ['debug', 'info', 'warn', 'error'].every(
          (level) => typeof (value as Record<string, unknown> | null | undefined)?.[level] === 'function',
        ),
      'a Logger ({ debug, info, warn, error })',
    )
    .optional(),
  clock: clockSchema.optional(),
});

/** The settings after parsing, defaults applied. */
export type ParsedLMStudioSettings = z.output<typeof lmstudioSettingsSchema>;

function hasCredentials(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/**
 * Parses `settings` (defaults applied) or throws a ConfigError naming every bad field. A base URL
 * with credentials in it is refused without being shown: the error must not carry a password.
 */
export function parseLMStudioSettings(settings: unknown): ParsedLMStudioSettings {
  const baseUrl = (settings as { baseUrl?: unknown } | null | undefined)?.baseUrl;
  if (hasCredentials(baseUrl)) {
    throw new ConfigError('LM Studio settings', [
      { path: 'baseUrl', expected: BASE_URL_EXPECTED, received: 'a URL with credentials (hidden)' },
    ]);
  }
  return parseWithSchema(lmstudioSettingsSchema, settings, 'LM Studio settings');
}

/** Settings of {@link createLMStudio}. Every field is optional. */
export interface LMStudioSettings {
  /** Provider instance id, for several LM Studio machines side by side (`lmstudio`, `lmstudio.gpu-box`). Default `lmstudio`. */
  id?: string;
  /**
   * LM Studio's server: `ws://127.0.0.1:1234` (the default), `ws://gpu-box:1234`; `http://` and
   * `https://` are read as `ws://` and `wss://`. The SDK opens one WebSocket per API namespace
   * under it (`/llm`, `/system`, `/files`).
   */
  baseUrl?: string;
  /**
   * How long to wait for LM Studio to accept a connection and answer its authentication, in ms.
   * Default 5,000. A server that is down fails at once (connection refused); this bounds the
   * cases that would otherwise hang (a host that drops packets, a server that never answers).
   */
  connectTimeoutMs?: number;
  /** The longest one call (listing, load, generation) may take, in ms. Default 600,000 (10 minutes). */
  timeoutMs?: number;
  /** How long the model listing is cached, in ms. Default 10,000; `0` disables the cache. */
  cacheTtlMs?: number;
  /**
   * Receives the SDK's own logging (and this provider's debug lines). Default: nothing is logged;
   * the SDK never writes to the console.
   */
  logger?: Logger;
  /** The clock of the listing cache and of timings. Default: the system clock. */
  clock?: Clock;
}
