import { composeFakeAnswer, defaultFakeAnswer, type FakeAnswerFunction, type FakeChatMessage } from './fake-answer';
import type { FakeResponder, FakeServer, RecordedRequest } from './fake-server';
import { startFakeServer } from './fake-server';
import { openRouterModelOf } from './openrouter-catalogue';

/** A model a fake OpenAI-compatible or OpenRouter server serves. */
export interface FakeChatModel {
  id: string;
  /** Display name (OpenRouter's `name`). Defaults to the id. */
  name?: string;
  description?: string;
  /** Context window in tokens; requests that exceed it get the server's context-length error. */
  contextLength?: number;
  /** Max completion tokens (OpenRouter's `top_provider.max_completion_tokens`). */
  maxCompletionTokens?: number;
  /** Prices in USD per token (OpenRouter lists them as decimal strings). Default 0. */
  pricing?: { prompt: number; completion: number; request?: number };
  /** OpenRouter's `supported_parameters`. Defaults to the common sampling parameters. */
  supportedParameters?: string[];
  inputModalities?: string[];
  outputModalities?: string[];
  /** `owned_by` of the OpenAI listing. Defaults to `fake`. */
  ownedBy?: string;
}

/** Options of {@link startOpenAICompatibleFake} and {@link startOpenRouterFake}. */
export interface OpenAICompatibleFakeOptions {
  models: readonly FakeChatModel[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; others get a 401 that echoes what they sent (as real servers do). */
  apiKey?: string;
  /** What the models answer. Defaults to {@link defaultFakeAnswer}. */
  answer?: FakeAnswerFunction;
  /** OpenRouter flavour only: what `/api/v1/key` reports. */
  keyInfo?: { label?: string; limit?: number | null; usage?: number; isFreeTier?: boolean };
}

/** A running OpenAI-compatible fake. `baseURL` is what an OpenAI client takes (`…/v1` or `…/api/v1`). */
export interface OpenAICompatibleFake extends FakeServer {
  readonly baseURL: string;
  readonly flavour: 'openai' | 'openrouter';
}

const CREATED = 1_700_000_000;
const DEFAULT_PARAMETERS = [
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
];

function errorBody(flavour: 'openai' | 'openrouter', status: number, message: string, code: string) {
  return flavour === 'openrouter'
    ? { error: { code: status, message } }
    : { error: { message, type: 'invalid_request_error', param: null, code } };
}

function stopList(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) ? stop.filter((item): item is string => typeof item === 'string') : [];
}

function startChatServer(flavour: 'openai' | 'openrouter', options: OpenAICompatibleFakeOptions) {
  const prefix = flavour === 'openrouter' ? '/api/v1' : '/v1';
  const answer = options.answer ?? defaultFakeAnswer;
  let completionCount = 0;

  function authorized(request: RecordedRequest, respond: FakeResponder): boolean {
    if (options.apiKey === undefined) return true;
    const sent = request.headers.authorization ?? '';
    if (sent === `Bearer ${options.apiKey}`) return true;
    const given = sent.replace(/^Bearer\s+/i, '');
    respond.json(401, errorBody(flavour, 401, `Incorrect API key provided: ${given || '(none)'}`, 'invalid_api_key'));
    return false;
  }

  return startFakeServer({
    routes: [
      {
        method: 'GET',
        path: `${prefix}/models`,
        handle(request, respond) {
          if (flavour === 'openai' && !authorized(request, respond)) return;
          const data =
            flavour === 'openrouter'
              ? options.models.map((model) => openRouterModelOf(model, CREATED, DEFAULT_PARAMETERS))
              : options.models.map((model) => ({
                  id: model.id,
                  object: 'model',
                  created: CREATED,
                  owned_by: model.ownedBy ?? 'fake',
                }));
          respond.json(200, flavour === 'openrouter' ? { data } : { object: 'list', data });
        },
      },
      {
        method: 'GET',
        path: '/api/v1/key',
        handle(request, respond) {
          if (flavour !== 'openrouter') return respond.json(404, errorBody(flavour, 404, 'Not found', 'not_found'));
          if (!authorized(request, respond)) return;
          const info = options.keyInfo ?? {};
          const limit = info.limit ?? null;
          const usage = info.usage ?? 0;
          respond.json(200, {
            data: {
              label: info.label ?? 'sk-or-v1-fak...key',
              limit,
              usage,
              limit_remaining: limit === null ? null : Math.max(0, limit - usage),
              is_free_tier: info.isFreeTier ?? false,
              is_provisioning_key: false,
              rate_limit: { requests: 1000, interval: '10s' },
            },
          });
        },
      },
      {
        method: 'POST',
        path: `${prefix}/chat/completions`,
        async handle(request, respond) {
          if (!authorized(request, respond)) return;
          const body = (request.body ?? {}) as Record<string, unknown>;
          if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
            return respond.json(
              400,
              errorBody(flavour, 400, 'model and a non-empty messages array are required', 'invalid_request'),
            );
          }
          const model = options.models.find((candidate) => candidate.id === body.model);
          if (model === undefined) {
            const message =
              flavour === 'openrouter'
                ? `No endpoints found for ${body.model}.`
                : `The model \`${body.model}\` does not exist or you do not have access to it.`;
            return respond.json(404, errorBody(flavour, 404, message, 'model_not_found'));
          }
          const maxTokens =
            typeof body.max_completion_tokens === 'number'
              ? body.max_completion_tokens
              : typeof body.max_tokens === 'number'
                ? body.max_tokens
                : undefined;
          const result = composeFakeAnswer({
            modelId: model.id,
            messages: body.messages as FakeChatMessage[],
            answer,
            maxTokens,
            stop: stopList(body.stop),
          });
          if (model.contextLength !== undefined && result.promptTokens + (maxTokens ?? 0) > model.contextLength) {
            const message = `This model's maximum context length is ${model.contextLength} tokens. However, you requested ${result.promptTokens + (maxTokens ?? 0)} tokens.`;
            return respond.json(400, errorBody(flavour, 400, message, 'context_length_exceeded'));
          }
          completionCount += 1;
          const id = `chatcmpl-fake-${completionCount}`;
          const usage = {
            prompt_tokens: result.promptTokens,
            completion_tokens: result.completionTokens,
            total_tokens: result.promptTokens + result.completionTokens,
          };
          const extra = flavour === 'openrouter' ? { provider: 'FakeUpstream' } : { system_fingerprint: 'fp_fake' };
          if (body.stream !== true) {
            return respond.json(200, {
              id,
              object: 'chat.completion',
              created: CREATED,
              model: model.id,
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant', content: result.text, refusal: null },
                  logprobs: null,
                  finish_reason: result.finishReason,
                },
              ],
              usage,
              ...extra,
            });
          }
          const chunk = (choices: unknown[], more: Record<string, unknown> = {}) =>
            `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: model.id, choices, ...extra, ...more })}\n\n`;
          const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
          const pieces = [
            ...(flavour === 'openrouter' ? [': OPENROUTER PROCESSING\n\n'] : []),
            chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
            ...result.tokens.map((token) =>
              chunk([{ index: 0, delta: { content: token }, logprobs: null, finish_reason: null }]),
            ),
            chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: result.finishReason }]),
            ...(streamOptions?.include_usage === true || flavour === 'openrouter' ? [chunk([], { usage })] : []),
            'data: [DONE]\n\n',
          ];
          await respond.stream('text/event-stream', pieces, {
            malformedPiece: 'data: {"id": "broken", "choices": [\n\n',
          });
        },
      },
    ],
    notFound(request, respond) {
      respond.json(404, errorBody(flavour, 404, `No route for ${request.method} ${request.path}`, 'not_found'));
    },
  });
}

/**
 * A loopback fake of an OpenAI-compatible server (vLLM, llama.cpp server, LocalAI, hosted APIs):
 * `GET /v1/models`, `POST /v1/chat/completions` as JSON or SSE (`stream: true`, with
 * `stream_options.include_usage`). Answers are deterministic; `max_tokens` and `stop` are honoured;
 * unknown models get a 404, prompts over the context window a 400 `context_length_exceeded`.
 */
export async function startOpenAICompatibleFake(options: OpenAICompatibleFakeOptions): Promise<OpenAICompatibleFake> {
  const server = await startChatServer('openai', options);
  return Object.assign(server, { baseURL: `${server.url}/v1`, flavour: 'openai' as const });
}

/**
 * A loopback fake of OpenRouter: `GET /api/v1/models` in OpenRouter's model schema (prices as
 * decimal strings in USD per token, `top_provider`, `supported_parameters`, architecture
 * modalities), `GET /api/v1/key`, and `POST /api/v1/chat/completions` (JSON or SSE, with
 * OpenRouter's `: OPENROUTER PROCESSING` comments and usage in the last chunk).
 */
export async function startOpenRouterFake(options: OpenAICompatibleFakeOptions): Promise<OpenAICompatibleFake> {
  const server = await startChatServer('openrouter', options);
  return Object.assign(server, { baseURL: `${server.url}/api/v1`, flavour: 'openrouter' as const });
}
