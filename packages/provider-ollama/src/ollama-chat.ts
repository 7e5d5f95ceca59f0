// Core requests → the body of Ollama's `/api/chat`, and the server's counters → core usage and
// timings. Ollama reports durations in nanoseconds; core speaks milliseconds.
import {
  type ChatMessage,
  type FinishReason,
  type GenerateRequest,
  type GenerationOptionName,
  type MessagePart,
  ModelyardError,
  parseWithSchema,
  type ResponseFormat,
  type Usage,
} from '@modelyard/core';
import { z } from 'zod';
import type { GenerationCounters } from './ollama-api';

/** One message of an `/api/chat` request. */
export interface OllamaMessageBody {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Base64 image data (no `data:` prefix), for vision models. */
  images?: string[];
}

const DATA_URL = /^data:[^;,]*;base64,(.*)$/s;

function imageDataOf(part: Extract<MessagePart, { type: 'image' }>, modelId: string): string {
  if ('data' in part) return part.data;
  const match = DATA_URL.exec(part.url);
  if (match !== null) return match[1] as string;
  throw new ModelyardError({
    kind: 'bad_request',
    message: `Ollama takes images as base64 data, not as URLs (${part.url.slice(0, 60)}): pass { type: 'image', data, mediaType } instead`,
    modelId,
  });
}

function messageOf(message: ChatMessage, modelId: string): OllamaMessageBody {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  const images = message.content.flatMap((part) => (part.type === 'image' ? [imageDataOf(part, modelId)] : []));
  return { role: message.role, content: text, ...(images.length > 0 ? { images } : {}) };
}

/** The request's messages, with `system` first as a system message; images as base64 data. */
export function chatMessagesOf(request: GenerateRequest, modelId: string): OllamaMessageBody[] {
  const system: OllamaMessageBody[] = request.system === undefined ? [] : [{ role: 'system', content: request.system }];
  return [...system, ...request.messages.map((message) => messageOf(message, modelId))];
}

/** Core's response format in Ollama's words: `"json"` for any JSON, the schema itself for a schema, nothing for text. */
export function formatOf(format: ResponseFormat | undefined): string | Record<string, unknown> | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  return format.schema ?? 'json';
}

/** Each generation option's field in `/api/chat`'s `options` (responseFormat goes to `format`). */
const OPTION_FIELDS: { [Name in Exclude<GenerationOptionName, 'responseFormat'>]: string } = {
  maxOutputTokens: 'num_predict',
  temperature: 'temperature',
  topP: 'top_p',
  topK: 'top_k',
  stop: 'stop',
  seed: 'seed',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
};

const RESERVED_OPTIONS = new Set([...Object.values(OPTION_FIELDS), 'num_ctx', 'num_gpu']);

/**
 * `request.providerOptions.ollama`: `options`, more Modelfile parameters passed through as given
 * (`repeat_penalty`, `min_p`, `mirostat`…; those the request or loadModel set are rejected), and
 * `think` for thinking models (`true`/`false`, or `"low"`, `"medium"`, `"high"`).
 */
export const ollamaRequestOptionsSchema = z.strictObject({
  options: z
    .record(z.string(), z.unknown())
    .superRefine((options, context) => {
      for (const field of Object.keys(options)) {
        if (RESERVED_OPTIONS.has(field)) {
          context.addIssue({
            code: 'custom',
            path: [field],
            message:
              'no such option here: set it through the request (maxOutputTokens, temperature…) or loadModel (contextLength, gpuOffload)',
            input: options[field],
          });
        }
      }
    })
    .optional(),
  think: z.union([z.boolean(), z.enum(['low', 'medium', 'high'])]).optional(),
});

/** The Ollama fields of `providerOptions`, validated. */
export type OllamaRequestOptions = z.output<typeof ollamaRequestOptionsSchema>;

/** The Ollama fields of `providerOptions`, validated; `{}` when there are none. */
export function ollamaRequestExtras(providerOptions: GenerateRequest['providerOptions']): OllamaRequestOptions {
  const extras = providerOptions?.ollama;
  if (extras === undefined) return {};
  return parseWithSchema(ollamaRequestOptionsSchema, extras, 'providerOptions.ollama');
}

/** What a loaded model adds to every request: its context window, GPU layers and keep-alive. */
export interface LoadedModelOptions {
  /** `num_ctx`, in tokens. */
  contextLength?: number | undefined;
  /** `num_gpu`: layers on the GPU. */
  gpuLayers?: number | undefined;
  /** `keep_alive`, in ms. */
  keepAliveMs?: number | undefined;
}

/** A keep-alive in ms as Ollama reads it: a Go duration (`300000ms`), or `0` to unload now. */
export function keepAliveOf(ms: number): string | number {
  return ms === 0 ? 0 : `${ms}ms`;
}

/** The model options of the loaded model (`num_ctx`, `num_gpu`), without the unset ones. */
export function loadOptionsOf(loaded: LoadedModelOptions): Record<string, number> {
  return {
    ...(loaded.contextLength === undefined ? {} : { num_ctx: loaded.contextLength }),
    ...(loaded.gpuLayers === undefined ? {} : { num_gpu: loaded.gpuLayers }),
  };
}

/**
 * The `/api/chat` body for `request` on `modelId`: messages, every supported generation option
 * that is set (0 included: `temperature: 0` is sent as 0), the loaded model's options, then the
 * extras. `stream` is left to the caller.
 */
export function chatBody(
  request: GenerateRequest,
  modelId: string,
  supported: readonly GenerationOptionName[],
  loaded: LoadedModelOptions,
  extras: OllamaRequestOptions,
): Record<string, unknown> {
  const options: Record<string, unknown> = { ...extras.options, ...loadOptionsOf(loaded) };
  let format: string | Record<string, unknown> | undefined;
  for (const name of supported) {
    if (name === 'responseFormat') format = formatOf(request.responseFormat);
    else if (request[name] !== undefined) options[OPTION_FIELDS[name]] = request[name];
  }
  return {
    model: modelId,
    messages: chatMessagesOf(request, modelId),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(format === undefined ? {} : { format }),
    ...(loaded.keepAliveMs === undefined ? {} : { keep_alive: keepAliveOf(loaded.keepAliveMs) }),
    ...(extras.think === undefined ? {} : { think: extras.think }),
  };
}

/** Ollama's `done_reason` in core's words: `stop`, `length`; absent → `unknown`; anything else → `other`. */
export function finishReasonOf(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'length') return reason;
  if (reason === null || reason === undefined || reason === '') return 'unknown';
  return 'other';
}

function countOf(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function nanosecondsOf(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Token counts from `prompt_eval_count` and `eval_count`; what the server did not report stays `null`. */
export function usageOf(counters: GenerationCounters): Usage {
  const inputTokens = countOf(counters.prompt_eval_count);
  const outputTokens = countOf(counters.eval_count);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens === null || outputTokens === null ? null : inputTokens + outputTokens,
  };
}

/** Output tokens per second of generation: `eval_count / eval_duration × 10⁹`; `null` without both (or a zero duration). */
export function tokensPerSecondOf(counters: GenerationCounters): number | null {
  const tokens = countOf(counters.eval_count);
  const duration = nanosecondsOf(counters.eval_duration);
  if (tokens === null || duration === null || duration === 0) return null;
  return tokens / (duration / 1e9);
}

/** Time the server spent loading the model for this call (`load_duration`), in ms; `0` is a value. */
export function loadMsOf(counters: GenerationCounters): number | null {
  const duration = nanosecondsOf(counters.load_duration);
  return duration === null ? null : duration / 1e6;
}

/**
 * Time to the first token as the server measured it: everything before generation
 * (`total_duration - eval_duration`: loading and reading the prompt), in ms; `null` without both.
 */
export function serverTimeToFirstTokenMsOf(counters: GenerationCounters): number | null {
  const total = nanosecondsOf(counters.total_duration);
  const generation = nanosecondsOf(counters.eval_duration);
  if (total === null || generation === null) return null;
  return Math.max(0, total - generation) / 1e6;
}

/** The server's own durations, in ms, for `providerMetadata` (only those reported). */
export function serverDurationsOf(counters: GenerationCounters): Record<string, number> {
  const entries: [string, number | null][] = [
    ['serverTotalMs', nanosecondsOf(counters.total_duration)],
    ['promptEvalMs', nanosecondsOf(counters.prompt_eval_duration)],
    ['evalMs', nanosecondsOf(counters.eval_duration)],
  ];
  return Object.fromEntries(
    entries.flatMap(([name, nanoseconds]) => (nanoseconds === null ? [] : [[name, nanoseconds / 1e6]])),
  );
}
