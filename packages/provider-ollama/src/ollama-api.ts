// Zod schemas of the Ollama API's answers (https://docs.ollama.com/api). They read only the fields
// this package uses, and tolerate the many fields (and versions) they do not name. They are read
// with core's parseResponseWithSchema: an answer that does not fit is `invalid_response`.
import { z } from 'zod';

const numberSchema = z.number().nullish();
const textSchema = z.string().nullish();

/** `details` of a model in `/api/tags`, `/api/show` and `/api/ps`. */
export const modelDetailsSchema = z.object({
  format: textSchema,
  family: textSchema,
  families: z.array(z.string()).nullish(),
  parameter_size: textSchema,
  quantization_level: textSchema,
});

/** `GET /api/tags`: the installed models. */
export const tagsSchema = z.object({
  models: z.array(
    z.object({
      name: z.string().min(1),
      size: numberSchema,
      digest: textSchema,
      modified_at: textSchema,
      details: modelDetailsSchema.nullish(),
    }),
  ),
});

/** One installed model, as `/api/tags` lists it. */
export type TagsEntry = z.output<typeof tagsSchema>['models'][number];

/** `POST /api/show`: what the server knows of one model. */
export const showSchema = z.object({
  details: modelDetailsSchema.nullish(),
  /** GGUF metadata: `general.architecture`, `<architecture>.context_length`, `general.parameter_count`… */
  model_info: z.record(z.string(), z.unknown()).nullish(),
  /** `completion`, `tools`, `vision`, `embedding`, `thinking`, `insert` (Ollama 0.6.4 and later). */
  capabilities: z.array(z.string()).nullish(),
});

/** What `/api/show` says of a model; see {@link showSchema}. */
export type ShowResponse = z.output<typeof showSchema>;

/** `GET /api/ps`: the models loaded in memory now. */
export const psSchema = z.object({
  models: z.array(
    z.object({
      name: z.string().min(1),
      /** Bytes of memory the loaded model takes. */
      size: numberSchema,
      /** Of which in VRAM. */
      size_vram: numberSchema,
      /** When the server unloads it (an RFC 3339 time). */
      expires_at: textSchema,
      /** The context window it was loaded with, in tokens (newer servers). */
      context_length: numberSchema,
    }),
  ),
});

/** One loaded model, as `/api/ps` lists it. */
export type PsEntry = z.output<typeof psSchema>['models'][number];

/** `GET /api/version`. */
export const versionSchema = z.object({ version: z.string() });

/** The counters of a finished generation (in the last line of a stream). All durations in nanoseconds. */
export const generationCountersSchema = z.object({
  done_reason: textSchema,
  total_duration: numberSchema,
  load_duration: numberSchema,
  prompt_eval_count: numberSchema,
  prompt_eval_duration: numberSchema,
  eval_count: numberSchema,
  eval_duration: numberSchema,
});

/** Counters of a generation; see {@link generationCountersSchema}. */
export type GenerationCounters = z.output<typeof generationCountersSchema>;

/** `POST /api/chat`: an answer, or one line of a streamed answer. */
export const chatResponseSchema = generationCountersSchema.extend({
  model: textSchema,
  message: z.object({ content: textSchema, thinking: textSchema }).nullish(),
  done: z.boolean(),
});

/** One chat answer or stream line; see {@link chatResponseSchema}. */
export type ChatResponse = z.output<typeof chatResponseSchema>;

/** `POST /api/generate` with an empty prompt: the answer to a load or an unload. */
export const loadResponseSchema = z.object({
  done: z.boolean().nullish(),
  done_reason: textSchema,
  load_duration: numberSchema,
});

/** One line of `POST /api/pull`. */
export const pullProgressSchema = z.object({
  status: z.string(),
  digest: textSchema,
  total: numberSchema,
  completed: numberSchema,
});
