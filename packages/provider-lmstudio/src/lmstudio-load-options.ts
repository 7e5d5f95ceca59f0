// loadModel's options as LM Studio's load config, checked against what LM Studio accepts.

import type { LLMLoadModelConfig } from '@lmstudio/sdk';
import { type LoadModelOptions, parseWithSchema } from '@modelyard/core';
import { z } from 'zod';

/** Schema of the load options this provider reads. */
export const lmstudioLoadOptionsSchema = z.object({
  contextLength: z.int().min(1).optional(),
  gpuOffload: z
    .custom<'auto' | 'off' | number>(
      (value) => value === 'auto' || value === 'off' || (typeof value === 'number' && value >= 0 && value <= 1),
      '"auto", "off", or the fraction of layers to put on the GPU (0–1)',
    )
    .optional(),
  keepAliveMs: z
    .int()
    .refine((value) => value >= 1, "a number ≥ 1 (LM Studio's idle time to live, in ms)")
    .optional(),
});

/** What `client.llm.load` takes, from loadModel's options. */
export interface LMStudioLoadPlan {
  /** `undefined` when nothing is asked: LM Studio's (or the model's saved) defaults apply. */
  config: LLMLoadModelConfig | undefined;
  /** Idle time to live, in whole seconds (the SDK's unit), when asked. */
  ttlSeconds: number | undefined;
}

/**
 * The load plan of `options`: `contextLength` as is; `gpuOffload` `'off'` as `'off'`, a fraction
 * as the offload ratio, `'auto'` as nothing (LM Studio decides); `keepAliveMs` as a TTL in seconds, rounded up.
 * A bad value throws a ConfigError naming the field.
 */
export function loadPlanOf(options: LoadModelOptions): LMStudioLoadPlan {
  const parsed = parseWithSchema(
    lmstudioLoadOptionsSchema,
    { contextLength: options.contextLength, gpuOffload: options.gpuOffload, keepAliveMs: options.keepAliveMs },
    'LoadModelOptions for LM Studio',
  );
  const config: LLMLoadModelConfig = {};
  if (parsed.contextLength !== undefined) config.contextLength = parsed.contextLength;
  if (parsed.gpuOffload !== undefined && parsed.gpuOffload !== 'auto') config.gpu = { ratio: parsed.gpuOffload };
  const hasConfig = Object.keys(config).length > 0;
  return {
    config: hasConfig ? config : undefined,
    // LM Studio's TTL is in whole seconds (the SDK multiplies by 1,000 and wants an integer).
    ttlSeconds: parsed.keepAliveMs === undefined ? undefined : Math.ceil(parsed.keepAliveMs / 1000),
  };
}
