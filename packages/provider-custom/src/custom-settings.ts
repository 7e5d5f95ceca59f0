// The settings of createCustomProvider(): one zod schema, the single source of defaults and of the
// error message a user sees for a bad value.
import {
  type Clock,
  clockSchema,
  GENERATION_OPTIONS,
  type GenerationOptionName,
  providerIdSchema,
} from '@modelyard/core';
import { z } from 'zod';
import { type DeclaredModel, declaredModelSchema } from './custom-models';

/** Schema of {@link CustomProviderSettings}. */
export const customProviderSettingsSchema = z
  .strictObject({
    name: providerIdSchema,
    baseURL: z
      .url({
        protocol: /^https?$/,
        error: 'an http(s) URL of the server\'s OpenAI API, such as "http://localhost:8000/v1"',
      })
      .transform((url) => url.replace(/\/+$/, '')),
    apiKey: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    models: z.array(declaredModelSchema).default([]),
    discover: z.boolean().default(true),
    locality: z.enum(['local', 'remote']).default('remote'),
    generationOptions: z.array(z.enum(GENERATION_OPTIONS)).default([...GENERATION_OPTIONS]),
    fetch: z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'a fetch function').optional(),
    timeoutMs: z.int().min(1).default(600_000),
    cacheTtlMs: z.int().min(0).default(60_000),
    clock: clockSchema.optional(),
  })
  .superRefine((settings, context) => {
    const seen = new Set<string>();
    settings.models.forEach((model, index) => {
      if (seen.has(model.id)) {
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'id'],
          message: 'an id not declared twice',
          input: model.id,
        });
      }
      seen.add(model.id);
    });
    if (!settings.discover && settings.models.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['models'],
        message: 'at least one declared model when discover is false (nothing to list otherwise)',
        input: settings.models,
      });
    }
  });

/** The settings after parsing, defaults applied. */
export type ParsedCustomProviderSettings = z.output<typeof customProviderSettingsSchema>;

/** Settings of {@link createCustomProvider}. `name` and `baseURL` are required. */
export interface CustomProviderSettings {
  /**
   * This provider's instance id (`my-vllm`, `lab.llama-cpp`): lower-case letters, digits, `.`, `_`,
   * `-`. Distinct names let several custom providers run side by side.
   */
  name: string;
  /** Base URL of the server's OpenAI API, ending where `/models` and `/chat/completions` start (`http://localhost:8000/v1`). */
  baseURL: string;
  /** Bearer token for servers that need one. Never shown in errors, logs or `JSON.stringify(provider)`. */
  apiKey?: string;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** Models declared with their metadata; a declaration wins over what discovery says of the same id. */
  models?: DeclaredModel[];
  /** Ask the server for its models (`GET /models`). Default `true`; turn it off for servers without that endpoint. */
  discover?: boolean;
  /** Where discovered models run (declared ones may say otherwise). Default `remote`. */
  locality?: 'local' | 'remote';
  /**
   * Generation options the server accepts; the others are not sent and come back as warnings.
   * Default: all of them. Hosted APIs without `top_k` want it left out.
   */
  generationOptions?: GenerationOptionName[];
  /** The fetch implementation the `openai` client uses. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Timeout of one HTTP request, in ms. Default 600,000 (10 minutes: local models can be slow). */
  timeoutMs?: number;
  /** How long the discovered listing is cached, in ms. Default 60,000; `0` disables the cache. */
  cacheTtlMs?: number;
  /** The clock of the listing cache and of timings. Default: the system clock. */
  clock?: Clock;
}
