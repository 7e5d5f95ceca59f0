// Zod schemas of an OpenAI-compatible server's responses. They read only the fields this package
// uses: vLLM, llama.cpp server, LocalAI, TGI and hosted APIs all add fields of their own.
import { ModelyardError } from '@modelyard/core';
import { z } from 'zod';

const countSchema = z.number().nullish();

/** The body of `GET /v1/models`: the ids of the models the server serves. */
export const modelListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      owned_by: z.string().nullish(),
    }),
  ),
});

/** Token counts of a call. */
const usageSchema = z.object({
  prompt_tokens: countSchema,
  completion_tokens: countSchema,
  total_tokens: countSchema,
});

/** Token counts as the server reports them; see {@link usageSchema}. */
export type ServerUsage = z.output<typeof usageSchema>;

/** The body of a non-streamed `POST /v1/chat/completions`. */
export const chatCompletionSchema = z.object({
  id: z.string().nullish(),
  /** The model name the server reports (llama.cpp server reports its own file name). */
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema.nullish(),
});

/** One server-sent chunk of a streamed chat completion. */
export const chatCompletionChunkSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema.nullish(),
});

/** The `error` object of an OpenAI-style error body (`{ error: { message, type, code } }`). */
export const serverErrorBodySchema = z.object({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

/** See {@link serverErrorBodySchema}. */
export type ServerErrorBody = z.output<typeof serverErrorBodySchema>;

/** Where a response came from, for the `invalid_response` errors {@link parseResponse} raises. */
export interface ResponseContext {
  providerId: string;
  modelId?: string | null;
  /** What was read, in words (`a model listing`). */
  what: string;
}

/**
 * Parses a server response with `schema`; a response that does not fit is an `invalid_response`
 * error (retryable: usually a proxy's garbled body) naming every field that failed.
 */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  context: ResponseContext,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
  throw new ModelyardError({
    kind: 'invalid_response',
    message: `${context.providerId} sent ${context.what} that cannot be read: ${problems}`,
    providerId: context.providerId,
    modelId: context.modelId,
    cause: result.error,
  });
}
