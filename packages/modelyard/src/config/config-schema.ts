import { z } from 'zod';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const settingsObject = z.custom<Record<string, unknown>>(isRecord, "an object of the provider's settings");
const providerSection = z.custom<false | Record<string, unknown>>(
  (value) => value === false || isRecord(value),
  "false (never use it), or an object of the provider's settings",
);
const section = (what: string) => z.custom<Record<string, unknown>>(isRecord, `an object of ${what}`);

/**
 * The shape of a `modelyard.config.*` file. Sections are checked here for their shape, then by the
 * package each one configures (provider settings by the provider, `selection` by the selector,
 * `fallback` by the fallback runner, `monitor` by the monitor), so every error names the field
 * where it was written (`providers.custom[0].baseURL`, `fallback.maxRetries`).
 *
 * ```json
 * {
 *   "providers": {
 *     "openrouter": { "appTitle": "my app" },
 *     "custom": [{ "name": "gpu-box", "baseURL": "http://gpu-box:8000/v1", "locality": "local" }],
 *     "ollama": false
 *   },
 *   "selection": { "weights": { "cost": 0.5 } },
 *   "fallback": { "maxRetries": 1, "timeouts": { "totalMs": 60000 } }
 * }
 * ```
 */
export const modelyardConfigSchema = z.strictObject({
  /** Providers to use; a section set to `false` is never used, even when its env var is set. */
  providers: z
    .strictObject({
      /** `@modelyard/provider-openrouter` settings; used when present or when `OPENROUTER_API_KEY` is set. */
      openrouter: providerSection.optional(),
      /** `@modelyard/provider-local` settings; used when present, when `MODELYARD_MODELS_DIR` is set, or when the default folder has models. */
      local: providerSection.optional(),
      /** Ollama settings (`host`); used when present, when `OLLAMA_HOST` is set, or when a local Ollama answers. */
      ollama: providerSection.optional(),
      /** LM Studio settings (`host`); used when present, when `LMSTUDIO_HOST` is set, or when a local LM Studio answers. */
      lmstudio: providerSection.optional(),
      /** `@modelyard/provider-custom` settings, one per OpenAI-compatible server (`name`, `baseURL`…). */
      custom: z.array(settingsObject).default([]),
    })
    .prefault({}),
  /** Selector options: `weights`, `taskProfiles`, `preferFree`, `memoryContextLength`. */
  selection: section('selection options').optional(),
  /** Fallback runner options: `strategy`, `maxRetries`, `retryDelayMs`, `timeouts`, `breaker`… */
  fallback: section('fallback options').optional(),
  /** Monitor options: `windows`, `statsWindow`, `relativeAccuracy`, `maxModels`… */
  monitor: section('monitor options').optional(),
  /** `"detect"` (default), `"none"` (no hardware sizing), or a HardwareProfile object. */
  hardware: z
    .custom<'detect' | 'none' | Record<string, unknown>>(
      (value) => value === 'detect' || value === 'none' || isRecord(value),
      '"detect", "none" or a HardwareProfile object',
    )
    .default('detect'),
  /** Discovery: `cacheTtlMs` (default 60,000), `timeoutMs` (default 10,000). */
  discovery: z
    .strictObject({
      cacheTtlMs: z.number().finite().min(0).optional(),
      timeoutMs: z.number().finite().min(1).optional(),
    })
    .optional(),
});

/** A config file's content after the shape check; see {@link modelyardConfigSchema}. */
export type ModelyardConfig = z.output<typeof modelyardConfigSchema>;

/** What a config file may hold; see {@link modelyardConfigSchema}. */
export type ModelyardConfigInput = z.input<typeof modelyardConfigSchema>;
