// Zod schemas of OpenRouter's responses. They read only the fields this package uses and tolerate
// every other one, so a new field on OpenRouter's side never breaks a listing. The chat schemas are
// the OpenAI-compatible ones of @modelyard/provider-custom plus OpenRouter's own fields.
import {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  serverErrorBodySchema,
  serverUsageSchema,
} from '@modelyard/provider-custom';
import { z } from 'zod';

const countSchema = z.number().nullish();

/** A price as OpenRouter writes it: a decimal string in USD per token (a number is tolerated). */
const priceSchema = z.union([z.string(), z.number()]).nullish();

/** One entry of `GET /api/v1/models`. */
export const openRouterModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  /** Largest context any upstream serves, in tokens. */
  context_length: countSchema,
  architecture: z
    .object({
      input_modalities: z.array(z.string()).nullish(),
      output_modalities: z.array(z.string()).nullish(),
    })
    .nullish(),
  /** USD per token (`prompt`, `completion`) and per request (`request`), as decimal strings. */
  pricing: z.object({ prompt: priceSchema, completion: priceSchema, request: priceSchema }).nullish(),
  /** The upstream OpenRouter routes to by default. */
  top_provider: z
    .object({
      context_length: countSchema,
      max_completion_tokens: countSchema,
      is_moderated: z.boolean().nullish(),
    })
    .nullish(),
  /** Request parameters the model accepts (`tools`, `response_format`, `structured_outputs`, `reasoning`…). */
  supported_parameters: z.array(z.string()).nullish(),
});

/** One entry of OpenRouter's model listing; see {@link openRouterModelSchema}. */
export type OpenRouterModel = z.output<typeof openRouterModelSchema>;

/** The body of `GET /api/v1/models`. */
export const openRouterModelListSchema = z.object({ data: z.array(openRouterModelSchema) });

/** The body of `GET /api/v1/key`: the key's label, spending and limits, in USD. */
export const openRouterKeySchema = z.object({
  data: z.object({
    label: z.string(),
    /** USD spent with this key so far. */
    usage: z.number(),
    /** Credit limit of the key in USD; `null` when unlimited. */
    limit: z.number().nullish(),
    /** USD left under the limit; `null` when unlimited. */
    limit_remaining: z.number().nullish(),
    is_free_tier: z.boolean(),
    rate_limit: z.object({ requests: z.number(), interval: z.string() }).nullish(),
  }),
});

/** Token counts and OpenRouter's own cost of a call (USD). */
const usageSchema = serverUsageSchema.extend({
  /** What OpenRouter charged for the call, in USD (credits). */
  cost: z.number().nullish(),
});

/** Token counts as OpenRouter reports them; see {@link usageSchema}. */
export type OpenRouterUsage = z.output<typeof usageSchema>;

/** What OpenRouter adds to an OpenAI chat completion and to each of its stream chunks. */
const answerFields = {
  /** The upstream that served the call. */
  provider: z.string().nullish(),
  usage: usageSchema.nullish(),
};

/**
 * The body of a non-streamed `POST /api/v1/chat/completions`. Its `model` is the model that
 * answered (it may differ from the one asked, with a fallback list).
 */
export const openRouterCompletionSchema = chatCompletionSchema.extend(answerFields);

/** One server-sent chunk of a streamed chat completion. */
export const openRouterChunkSchema = chatCompletionChunkSchema.extend(answerFields);

/** The `error` object of an OpenRouter error body (`{ error: { code, message, metadata } }`). */
export const openRouterErrorBodySchema = serverErrorBodySchema.extend({
  /** Moderation errors carry `reasons` and `flagged_input` here. */
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

/** See {@link openRouterErrorBodySchema}. */
export type OpenRouterErrorBody = z.output<typeof openRouterErrorBodySchema>;
