// Zod schemas of an OpenAI-compatible server's responses. They read only the fields this package
// uses: vLLM, llama.cpp server, LocalAI, TGI and hosted APIs all add fields of their own.
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
export const serverUsageSchema = z.object({
  prompt_tokens: countSchema,
  completion_tokens: countSchema,
  total_tokens: countSchema,
});

/** Token counts as the server reports them; see {@link serverUsageSchema}. */
export type ServerUsage = z.output<typeof serverUsageSchema>;

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
  usage: serverUsageSchema.nullish(),
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
  usage: serverUsageSchema.nullish(),
});

/** The `error` object of an OpenAI-style error body (`{ error: { message, type, code } }`). */
export const serverErrorBodySchema = z.object({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

/** See {@link serverErrorBodySchema}. */
export type ServerErrorBody = z.output<typeof serverErrorBodySchema>;
