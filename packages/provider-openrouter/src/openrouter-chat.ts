// OpenRouter's own request fields (`providerOptions.openrouter`). The rest of the chat completion
// body is the OpenAI-compatible one of @modelyard/provider-custom.
import type { GenerateRequest } from '@modelyard/core';
import { parseWithSchema } from '@modelyard/core';
import { rejectReservedBodyFields } from '@modelyard/provider-custom';
import { z } from 'zod';

/**
 * `request.providerOptions.openrouter`: OpenRouter's own request fields, passed through as given.
 * `models` is a fallback list (OpenRouter tries them in order when the first is down or refuses);
 * `provider` holds routing preferences (`order`, `sort`, `allow_fallbacks`, `data_collection`…).
 * Other fields (`transforms`, `reasoning`, `user`…) pass through unchecked; fields the request itself
 * sets (`model`, `messages`, `temperature`…) are rejected.
 */
export const openRouterRequestOptionsSchema = z
  .object({
    models: z.array(z.string().min(1)).min(1).optional(),
    provider: z.record(z.string(), z.unknown()).optional(),
  })
  .catchall(z.unknown())
  .superRefine(rejectReservedBodyFields);

/** The OpenRouter fields of `providerOptions`, validated; `{}` when there are none. */
export function openRouterRequestExtras(providerOptions: GenerateRequest['providerOptions']): Record<string, unknown> {
  const extras = providerOptions?.openrouter;
  if (extras === undefined) return {};
  return parseWithSchema(openRouterRequestOptionsSchema, extras, 'providerOptions.openrouter');
}
