// Core requests → the body of an OpenAI-compatible chat completion, and its answers → core values.
import {
  type ChatMessage,
  type FinishReason,
  type GenerateRequest,
  type GenerationOptionName,
  type MessagePart,
  parseWithSchema,
  type ResponseFormat,
  type Usage,
} from '@modelyard/core';
import { z } from 'zod';
import type { ServerUsage } from './custom-api';

type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** One message of a chat completion request. */
export interface ChatMessageBody {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

function contentPartOf(part: MessagePart): ContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const url = 'url' in part ? part.url : `data:${part.mediaType};base64,${part.data}`;
  return { type: 'image_url', image_url: { url } };
}

function messageOf(message: ChatMessage): ChatMessageBody {
  return {
    role: message.role,
    content: typeof message.content === 'string' ? message.content : message.content.map(contentPartOf),
  };
}

/** The request's messages, with `system` first as a system message. */
export function chatMessagesOf(request: GenerateRequest): ChatMessageBody[] {
  const system: ChatMessageBody[] = request.system === undefined ? [] : [{ role: 'system', content: request.system }];
  return [...system, ...request.messages.map(messageOf)];
}

/** Core's response format in OpenAI's words: `json_object` for any JSON, `json_schema` with a schema. */
export function responseFormatBody(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  // OpenAI-style servers require a schema name; "response" when the caller gave none.
  return { type: 'json_schema', json_schema: { name: format.name ?? 'response', schema: format.schema, strict: true } };
}

/** Each generation option's field in an OpenAI chat completion body, and its value there. */
const OPTION_FIELDS: { [Name in GenerationOptionName]: [string, (request: GenerateRequest) => unknown] } = {
  maxOutputTokens: ['max_tokens', (request) => request.maxOutputTokens],
  temperature: ['temperature', (request) => request.temperature],
  topP: ['top_p', (request) => request.topP],
  topK: ['top_k', (request) => request.topK],
  stop: ['stop', (request) => request.stop],
  seed: ['seed', (request) => request.seed],
  presencePenalty: ['presence_penalty', (request) => request.presencePenalty],
  frequencyPenalty: ['frequency_penalty', (request) => request.frequencyPenalty],
  responseFormat: [
    'response_format',
    (request) => (request.responseFormat === undefined ? undefined : responseFormatBody(request.responseFormat)),
  ],
};

/** Body fields the request's own fields set; providerOptions may not override them. */
export const RESERVED_BODY_FIELDS: readonly string[] = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_completion_tokens',
  ...Object.values(OPTION_FIELDS).map(([field]) => field),
];

/**
 * A zod refinement for provider options that become body fields: each field of
 * {@link RESERVED_BODY_FIELDS} present is an issue at its path (they are set through the request
 * itself: messages, maxOutputTokens, temperature…).
 */
export function rejectReservedBodyFields(options: Record<string, unknown>, context: z.RefinementCtx): void {
  for (const field of RESERVED_BODY_FIELDS) {
    if (field in options) {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: 'no such field here: set it through the request itself (messages, maxOutputTokens, temperature…)',
        input: options[field],
      });
    }
  }
}

/**
 * `request.providerOptions.custom`: extra body fields for the server, passed through as given
 * (vLLM's `repetition_penalty` or `min_p`, llama.cpp's `cache_prompt`…). Fields the request itself
 * sets (`model`, `messages`, `temperature`…) are rejected.
 */
export const customRequestOptionsSchema = z.record(z.string(), z.unknown()).superRefine(rejectReservedBodyFields);

/** The custom fields of `providerOptions`, validated; `{}` when there are none. */
export function customRequestExtras(providerOptions: GenerateRequest['providerOptions']): Record<string, unknown> {
  const extras = providerOptions?.custom;
  if (extras === undefined) return {};
  return parseWithSchema(customRequestOptionsSchema, extras, 'providerOptions.custom');
}

/**
 * The chat completion body for `request` on `modelId`: messages, every supported generation option
 * that is set (0 included: `temperature: 0` is sent as 0), then the extras.
 */
export function chatCompletionBody(
  request: GenerateRequest,
  modelId: string,
  supported: readonly GenerationOptionName[],
  extras: Record<string, unknown>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const name of supported) {
    const [field, read] = OPTION_FIELDS[name];
    const value = read(request);
    if (value !== undefined) options[field] = value;
  }
  return { model: modelId, messages: chatMessagesOf(request), ...options, ...extras };
}

/** OpenAI's finish reasons in core's words; `null`/absent → `unknown`, anything else → `other`. */
export function finishReasonOf(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content_filter':
    case 'tool_calls':
      return reason;
    case 'function_call':
      return 'tool_calls';
    // TGI reports the end-of-sequence token as its own reason.
    case 'eos_token':
      return 'stop';
    case null:
    case undefined:
      return 'unknown';
    default:
      return 'other';
  }
}

function countOf(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The server's token counts in core's shape; what it did not report stays `null`. */
export function usageOf(usage: ServerUsage | null | undefined): Usage {
  return {
    inputTokens: countOf(usage?.prompt_tokens),
    outputTokens: countOf(usage?.completion_tokens),
    totalTokens: countOf(usage?.total_tokens),
  };
}
