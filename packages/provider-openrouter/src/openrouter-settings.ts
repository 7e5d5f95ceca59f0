// The settings of createOpenRouter(): one zod schema, the single source of defaults and of the
// error message a user sees for a bad value.
import { type Clock, clockSchema, providerIdSchema } from '@modelyard/core';
import { z } from 'zod';

/** OpenRouter's API, as the `openai` client takes it. */
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

const priceCapSchema = z.number().finite().min(0).optional();

/** Schema of {@link OpenRouterSettings}. */
export const openRouterSettingsSchema = z.strictObject({
  id: providerIdSchema.default('openrouter'),
  apiKey: z.string().min(1).optional(),
  baseURL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL such as "https://openrouter.ai/api/v1"' })
    .default(OPENROUTER_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  headers: z.record(z.string(), z.string()).default({}),
  appUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL of your app' }).optional(),
  appTitle: z.string().min(1).optional(),
  fetch: z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'a fetch function').optional(),
  timeoutMs: z.int().min(1).default(600_000),
  cacheTtlMs: z.int().min(0).default(300_000),
  freeOnly: z.boolean().default(false),
  maxInputPricePerToken: priceCapSchema,
  maxOutputPricePerToken: priceCapSchema,
  clock: clockSchema.optional(),
});

/** The settings after parsing, defaults applied. */
export type ParsedOpenRouterSettings = z.output<typeof openRouterSettingsSchema>;

/** Settings of {@link createOpenRouter}. Every field is optional. */
export interface OpenRouterSettings {
  /** Provider instance id, for several OpenRouter accounts side by side. Default `openrouter`. */
  id?: string;
  /**
   * OpenRouter API key. Read at the first request, not at creation; when absent,
   * `OPENROUTER_API_KEY` is read instead. Never shown in errors, logs or `JSON.stringify(provider)`.
   */
  apiKey?: string;
  /** API base URL. Default `https://openrouter.ai/api/v1`; point it at a proxy or a test fake. */
  baseURL?: string;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** Your app's URL, sent as the `HTTP-Referer` attribution header (OpenRouter's app rankings). */
  appUrl?: string;
  /** Your app's name, sent as the `X-Title` attribution header. */
  appTitle?: string;
  /** The fetch implementation the `openai` client uses. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one HTTP request, in ms. Default 600,000 (10 minutes, long generations). */
  timeoutMs?: number;
  /** How long the model listing is cached, in ms. Default 300,000 (5 minutes); `0` disables the cache. */
  cacheTtlMs?: number;
  /** List only free models (`:free` variants and zero-priced ones). Default `false`. */
  freeOnly?: boolean;
  /** List only models whose input price is known and at most this, in USD per token. */
  maxInputPricePerToken?: number;
  /** List only models whose output price is known and at most this, in USD per token. */
  maxOutputPricePerToken?: number;
  /** The clock of the listing cache and of timings. Default: the system clock. */
  clock?: Clock;
}
