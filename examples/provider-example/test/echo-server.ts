// A fake of the Echo API, built on the testkit's `startFakeServer`: loopback, real HTTP, every
// request recorded, and every answer given through the fault-aware `respond.json` /
// `respond.stream`, so the contract suite can make it fail in every way a real server fails.
import type { GenerationOptionName } from '@modelyard/core';
import {
  composeFakeAnswer,
  defaultFakeAnswer,
  type FakeChatMessage,
  type FakeResponder,
  type FakeServer,
  type RecordedRequest,
  startFakeServer,
} from '@modelyard/testkit';
import { ECHO_CHAT_PATH, ECHO_MODELS_PATH } from '../src/index';

/** A model the fake serves, in the Echo API's own terms. */
export interface EchoServerModel {
  id: string;
  name?: string;
  /** Prompt + output limit in tokens; a request over it gets a 400 `context_length_exceeded`. */
  contextTokens?: number;
  maxOutputTokens?: number;
  /** USD per million tokens. */
  pricePerMillion?: { input: number; output: number };
  free?: boolean;
}

/** Options of {@link startEchoServer}. */
export interface EchoServerOptions {
  /** The key requests must carry as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  models: readonly EchoServerModel[];
}

/** What a malformed fault writes instead of the first stream line: a JSON document cut short. */
const MALFORMED_LINE = '{"type": "delta", "text": \n';

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function isAuthorized(request: RecordedRequest, respond: FakeResponder, apiKey: string): boolean {
  const sent = request.headers.authorization ?? '';
  if (sent === `Bearer ${apiKey}`) return true;
  // Real servers echo what they got; the provider must keep it out of its errors.
  const given = sent.replace(/^Bearer\s+/i, '') || '(none)';
  respond.json(401, errorBody('unauthorized', `Invalid API key: ${given}`));
  return false;
}

function listingOf(model: EchoServerModel) {
  return {
    id: model.id,
    ...(model.name === undefined ? {} : { name: model.name }),
    ...(model.contextTokens === undefined ? {} : { context_tokens: model.contextTokens }),
    ...(model.maxOutputTokens === undefined ? {} : { max_output_tokens: model.maxOutputTokens }),
    ...(model.pricePerMillion === undefined ? {} : { price_per_million: model.pricePerMillion }),
    free: model.free ?? false,
  };
}

function costOf(model: EchoServerModel, inputTokens: number, outputTokens: number): number | undefined {
  const prices = model.pricePerMillion;
  if (model.free) return 0;
  return prices === undefined ? undefined : (inputTokens * prices.input + outputTokens * prices.output) / 1_000_000;
}

async function handleChat(
  request: RecordedRequest,
  respond: FakeResponder,
  options: EchoServerOptions,
  requestId: string,
) {
  if (!isAuthorized(request, respond, options.apiKey)) return;
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
    return respond.json(400, errorBody('invalid_request', 'model and a non-empty messages array are required'));
  }
  const model = options.models.find((candidate) => candidate.id === body.model);
  if (model === undefined) return respond.json(404, errorBody('model_not_found', `No model "${body.model}"`));
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : undefined;
  const answer = composeFakeAnswer({
    modelId: model.id,
    messages: body.messages as FakeChatMessage[],
    answer: defaultFakeAnswer,
    maxTokens,
    stop: Array.isArray(body.stop) ? body.stop.filter((stop): stop is string => typeof stop === 'string') : [],
  });
  const requested = answer.promptTokens + (maxTokens ?? 0);
  if (model.contextTokens !== undefined && requested > model.contextTokens) {
    const message = `${requested} tokens requested, the context window is ${model.contextTokens}`;
    return respond.json(400, errorBody('context_length_exceeded', message));
  }
  const cost = costOf(model, answer.promptTokens, answer.completionTokens);
  const usage = {
    input_tokens: answer.promptTokens,
    output_tokens: answer.completionTokens,
    ...(cost === undefined ? {} : { cost_usd: cost }),
  };
  if (body.stream !== true) {
    return respond.json(200, {
      id: requestId,
      model: model.id,
      text: answer.text,
      finish_reason: answer.finishReason,
      usage,
    });
  }
  const lines = [
    ...answer.tokens.map((text) => `${JSON.stringify({ type: 'delta', text })}\n`),
    `${JSON.stringify({ type: 'done', finish_reason: answer.finishReason, usage })}\n`,
  ];
  await respond.stream('application/x-ndjson', lines, { malformedPiece: MALFORMED_LINE });
}

/**
 * Starts a fake Echo API on 127.0.0.1 (a free port): `GET /v1/echo/models`, `POST /v1/echo/chat`
 * (JSON, or NDJSON lines with `stream: true`: one `delta` line per word, then a `done` line).
 * Bearer-key auth (401 echoing the key sent), unknown model → 404 `model_not_found`, prompt over
 * the context window → 400 `context_length_exceeded`. Answers are deterministic
 * (`<model> heard: <last user message>`), honouring `max_tokens` and `stop`.
 */
export function startEchoServer(options: EchoServerOptions): Promise<FakeServer> {
  let chatCount = 0;
  return startFakeServer({
    routes: [
      {
        method: 'GET',
        path: ECHO_MODELS_PATH,
        handle(request, respond) {
          if (isAuthorized(request, respond, options.apiKey))
            respond.json(200, { models: options.models.map(listingOf) });
        },
      },
      {
        method: 'POST',
        path: ECHO_CHAT_PATH,
        handle(request, respond) {
          chatCount += 1;
          return handleChat(request, respond, options, `echo-chat-${chatCount}`);
        },
      },
    ],
    notFound: (request, respond) =>
      respond.json(404, errorBody('not_found', `No route for ${request.method} ${request.path}`)),
  });
}

/**
 * The generation options of a recorded chat request, in core names: the contract suite's
 * `readSentOptions` for Echo. Echo reads five options (`max_tokens`, `temperature`, `top_p`,
 * `stop`, `seed`); the reader also looks for the usual names of the others (`top_k`,
 * `presence_penalty`, `frequency_penalty`, `response_format`), so a provider that sends an option
 * Echo ignores is caught instead of passing silently.
 */
export function readEchoRequestOptions(request: RecordedRequest): Partial<Record<GenerationOptionName, unknown>> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const read: Partial<Record<GenerationOptionName, unknown>> = {
    maxOutputTokens: body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: body.stop,
    seed: body.seed,
    topK: body.top_k,
    presencePenalty: body.presence_penalty,
    frequencyPenalty: body.frequency_penalty,
    responseFormat: body.response_format,
  };
  return Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined));
}
