import type { GenerationOptionName } from '@modelyard/core';
import type { RecordedRequest } from './fake-server';

type SentOptions = Partial<Record<GenerationOptionName, unknown>>;

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
}

function withoutUndefined(options: SentOptions): SentOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Core's `responseFormat` from an OpenAI `response_format`. */
function responseFormatOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  if (value.type === 'text') return { type: 'text' };
  if (value.type === 'json_object') return { type: 'json' };
  if (
    value.type === 'json_schema' &&
    'json_schema' in value &&
    typeof value.json_schema === 'object' &&
    value.json_schema !== null
  ) {
    const spec = value.json_schema as { name?: string; schema?: unknown };
    return {
      type: 'json',
      ...(spec.schema === undefined ? {} : { schema: spec.schema }),
      ...(spec.name === undefined ? {} : { name: spec.name }),
    };
  }
  return value;
}

/**
 * The generation options of a recorded OpenAI-compatible chat request, in core names: the reader
 * the contract suite's `readSentOptions` takes for providers on the OpenAI protocol.
 * `max_completion_tokens` wins over `max_tokens`; a single `stop` string reads as a one-item list.
 */
export function readOpenAIRequestOptions(request: RecordedRequest): SentOptions {
  const body = bodyOf(request);
  return withoutUndefined({
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    topK: body.top_k,
    stop: typeof body.stop === 'string' ? [body.stop] : body.stop,
    seed: body.seed,
    presencePenalty: body.presence_penalty,
    frequencyPenalty: body.frequency_penalty,
    responseFormat: responseFormatOf(body.response_format),
  });
}

/**
 * The generation options of a recorded Ollama `/api/chat` or `/api/generate` request, in core
 * names: `options.num_predict`, `options.temperature`, … and `format` (`"json"` or a JSON schema).
 */
export function readOllamaRequestOptions(request: RecordedRequest): SentOptions {
  const body = bodyOf(request);
  const options = (typeof body.options === 'object' && body.options !== null ? body.options : {}) as Record<
    string,
    unknown
  >;
  let responseFormat: unknown;
  if (body.format === 'json') responseFormat = { type: 'json' };
  else if (typeof body.format === 'object' && body.format !== null)
    responseFormat = { type: 'json', schema: body.format };
  return withoutUndefined({
    maxOutputTokens: options.num_predict,
    temperature: options.temperature,
    topP: options.top_p,
    topK: options.top_k,
    stop: options.stop,
    seed: options.seed,
    presencePenalty: options.presence_penalty,
    frequencyPenalty: options.frequency_penalty,
    responseFormat,
  });
}
