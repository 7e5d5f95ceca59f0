// Core requests → the body of OpenRouter's chat completions, and its answers → core values.
import type { ChatMessage, FinishReason, GenerateRequest, MessagePart, ResponseFormat, Usage } from '@modelyard/core';
import { parseWithSchema } from '@modelyard/core';
import { z } from 'zod';
import type { OpenRouterUsage } from './openrouter-api';

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

/** Body fields the request's own fields set; providerOptions may not override them. */
const RESERVED_FIELDS = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
] as const;

/**
 * `request.providerOptions.openrouter`: OpenRouter's own request fields, passed through as given.
 * `models` is a fallback list (OpenRouter tries them in order when the first is down or refuses);
 * `provider` holds routing preferences (`order`, `sort`, `allow_fallbacks`, `data_collection`…).
 * Other fields (`transforms`, `reasoning`, `user`…) pass through unchecked.
 */
export const openRouterRequestOptionsSchema = z
  .object({
    models: z.array(z.string().min(1)).min(1).optional(),
    provider: z.record(z.string(), z.unknown()).optional(),
  })
  .catchall(z.unknown())
  .superRefine((options, context) => {
    for (const field of RESERVED_FIELDS) {
      if (field in options) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: 'no such field here: set it through the request itself (messages, maxOutputTokens, temperature…)',
          input: options[field],
        });
      }
    }
  });

/** The OpenRouter fields of `providerOptions`, validated; `{}` when there are none. */
export function openRouterRequestExtras(providerOptions: GenerateRequest['providerOptions']): Record<string, unknown> {
  const extras = providerOptions?.openrouter;
  if (extras === undefined) return {};
  return parseWithSchema(openRouterRequestOptionsSchema, extras, 'providerOptions.openrouter');
}

/**
 * The chat completion body for `request` on `modelId`: messages, every generation option that is
 * set (0 included: `temperature: 0` is sent as 0), then OpenRouter's extras.
 */
export function chatCompletionBody(
  request: GenerateRequest,
  modelId: string,
  extras: Record<string, unknown>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {
    max_tokens: request.maxOutputTokens,
    temperature: request.temperature,
    top_p: request.topP,
    top_k: request.topK,
    stop: request.stop,
    seed: request.seed,
    presence_penalty: request.presencePenalty,
    frequency_penalty: request.frequencyPenalty,
    response_format: request.responseFormat === undefined ? undefined : responseFormatBody(request.responseFormat),
  };
  const setOptions = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { model: modelId, messages: chatMessagesOf(request), ...setOptions, ...extras };
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
export function usageOf(usage: OpenRouterUsage | null | undefined): Usage {
  return {
    inputTokens: countOf(usage?.prompt_tokens),
    outputTokens: countOf(usage?.completion_tokens),
    totalTokens: countOf(usage?.total_tokens),
  };
}
