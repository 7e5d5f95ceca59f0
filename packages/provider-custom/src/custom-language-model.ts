// One model of an OpenAI-compatible server: generate and stream through chat completions with the
// `openai` client. The call itself (request body, stream reading, timings, errors) is shared with
// services built on this package; what sets one apart comes in as OpenAICompatibleModelOptions.
import {
  type CallOptions,
  type Clock,
  estimateCost,
  type FinishReason,
  type GenerateRequest,
  type GenerateResult,
  generateRequestSchema,
  type LanguageModel,
  type ModelIdentity,
  ModelyardError,
  type Pricing,
  type ProviderSupports,
  parseResponseWithSchema,
  parseWithSchema,
  type StreamPart,
  type Usage,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources';
import type { z } from 'zod';
import { chatCompletionChunkSchema, chatCompletionSchema, type ServerUsage } from './custom-api';
import { chatCompletionBody, customRequestExtras, finishReasonOf, usageOf } from './custom-chat';
import type { CustomConnection } from './custom-client';
import { classifyCustomError } from './custom-error';

/** What a chat completion, or one chunk of a streamed one, says besides its choices. */
export interface ChatAnswerFacts {
  id?: string | null | undefined;
  /** The model name the server reports. */
  model?: string | null | undefined;
  usage?: ServerUsage | null | undefined;
}

/** A non-streamed chat completion, as far as the shared call reads it. */
export type ChatCompletionOf<Facts extends ChatAnswerFacts> = Facts & {
  choices: { message: { content?: string | null | undefined }; finish_reason?: string | null | undefined }[];
};

/** One chunk of a streamed chat completion, as far as the shared call reads it. */
export type ChatCompletionChunkOf<Facts extends ChatAnswerFacts> = Facts & {
  choices?:
    | {
        delta?: { content?: string | null | undefined } | null | undefined;
        finish_reason?: string | null | undefined;
      }[]
    | null
    | undefined;
};

/** What a service makes of an answer: see {@link OpenAICompatibleModelOptions.readAnswer}. */
export interface ChatAnswerReading {
  /** The model that answered (`GenerateResult.model`). */
  model: ModelIdentity;
  costUsd: number | null;
  /** Warnings added to those of the request (`generate` only). */
  warnings: string[];
  providerMetadata: Record<string, unknown>;
}

/** What sets one OpenAI-compatible service's language models apart; see {@link createOpenAICompatibleModel}. */
export interface OpenAICompatibleModelOptions<Facts extends ChatAnswerFacts = ChatAnswerFacts> {
  identity: ModelIdentity;
  clock: Clock;
  /** What the provider supports: options outside `generationOptions` are not sent, and warned about. */
  supports: ProviderSupports;
  /** How warnings and error messages name the server (`OpenRouter`, or a provider instance id). */
  serverName: string;
  /** The message of an aborted call. */
  abortedMessage: string;
  /** The message of a stream that ended without a finish reason. */
  streamCutMessage: string;
  /** The client for a call; it may throw a ModelyardError (a missing key), which is passed on. */
  client(): OpenAI;
  /** Turns anything the client threw into a ModelyardError (see `classifyOpenAICompatibleError`). */
  classify(thrown: unknown, signal: AbortSignal | undefined): ModelyardError;
  /** The validated extra body fields of the request's `providerOptions`; `{}` for none. */
  requestExtras(providerOptions: GenerateRequest['providerOptions']): Record<string, unknown>;
  /** The schema of a non-streamed answer; a body that does not fit is `invalid_response`. */
  completionSchema: z.ZodType<NoInfer<ChatCompletionOf<Facts>>>;
  /** The schema of one stream chunk; a chunk that does not fit is `invalid_response`. */
  chunkSchema: z.ZodType<NoInfer<ChatCompletionChunkOf<Facts>>>;
  /**
   * The answering model, cost, extra warnings and metadata, from what the server said besides the
   * text: a completion's fields, or for a stream the last non-empty value of each field over all
   * chunks.
   */
  readAnswer(facts: Facts, usage: Usage, call: 'generate' | 'stream'): ChatAnswerReading;
}

// A completion or chunk without its choices and empty fields: what readAnswer is given.
function factsOf<Facts extends ChatAnswerFacts>(
  answer: Facts & { choices?: unknown },
  into: Partial<Facts> = {},
): Facts {
  for (const [field, value] of Object.entries(answer)) {
    if (field !== 'choices' && value) (into as Record<string, unknown>)[field] = value;
  }
  return into as Facts;
}

/**
 * A language model over an OpenAI-compatible chat completions API with the `openai` client:
 * validates the request (a ConfigError before any request), sends every supported option that is
 * set (0 included) plus the extras, reads the answer with the given schemas, and streams `start`,
 * `text-delta`, `usage` and `finish` parts with timings on the clock. An aborted call rejects with
 * `aborted` (before any request when the signal already fired); a stream that ends without a
 * finish reason rejects with `unavailable`, never finishes.
 */
export function createOpenAICompatibleModel<Facts extends ChatAnswerFacts>(
  options: OpenAICompatibleModelOptions<Facts>,
): LanguageModel {
  const { identity, clock } = options;
  const aborted = () => new ModelyardError({ kind: 'aborted', message: options.abortedMessage, ...identity });

  function prepare(request: GenerateRequest, signal: AbortSignal | undefined) {
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const extras = options.requestExtras(parsed.providerOptions);
    const body = chatCompletionBody(parsed, identity.modelId, options.supports.generationOptions, extras);
    const warnings = unsupportedGenerationOptions(parsed, options.supports).map(
      (name) => `${name} is not supported by ${options.serverName} and was not sent`,
    );
    if (signal?.aborted) throw aborted();
    return { body, warnings, requestOptions: { signal, headers: parsed.headers } };
  }

  const read = (schema: z.ZodType, raw: unknown, what: string) =>
    parseResponseWithSchema(schema, raw, { ...identity, what, source: options.serverName });

  return {
    identity,

    async generate(request: GenerateRequest, callOptions: CallOptions = {}): Promise<GenerateResult> {
      const startedAt = clock.now();
      const { signal } = callOptions;
      const { body, warnings, requestOptions } = prepare(request, signal);
      let raw: unknown;
      try {
        raw = await options
          .client()
          .chat.completions.create(body as unknown as ChatCompletionCreateParamsNonStreaming, requestOptions);
      } catch (error) {
        throw options.classify(error, signal);
      }
      const completion = read(options.completionSchema, raw, 'a chat completion') as ChatCompletionOf<Facts>;
      const choice = completion.choices[0];
      const usage = usageOf(completion.usage);
      const answer = options.readAnswer(factsOf(completion), usage, 'generate');
      return {
        text: choice?.message.content ?? '',
        finishReason: finishReasonOf(choice?.finish_reason),
        usage,
        timings: { totalMs: clock.now() - startedAt, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null },
        model: answer.model,
        costUsd: answer.costUsd,
        warnings: [...warnings, ...answer.warnings],
        providerMetadata: answer.providerMetadata,
      };
    },

    async *stream(request: GenerateRequest, callOptions: CallOptions = {}): AsyncGenerator<StreamPart> {
      const startedAt = clock.now();
      const { signal } = callOptions;
      const { body, warnings, requestOptions } = prepare(request, signal);
      let chunks: AsyncIterable<unknown>;
      try {
        const streamBody = { ...body, stream: true, stream_options: { include_usage: true } };
        chunks = await options
          .client()
          .chat.completions.create(streamBody as unknown as ChatCompletionCreateParamsStreaming, requestOptions);
      } catch (error) {
        throw options.classify(error, signal);
      }
      yield { type: 'start', model: { ...identity }, warnings };

      const facts: Partial<Facts> = {};
      let finishReason: FinishReason | undefined;
      let usage: Usage = { inputTokens: null, outputTokens: null, totalTokens: null };
      let firstTokenAt: number | null = null;
      let lastTokenAt: number | null = null;
      try {
        for await (const raw of chunks) {
          const chunk = read(options.chunkSchema, raw, 'a stream chunk') as ChatCompletionChunkOf<Facts>;
          factsOf(chunk, facts);
          if (chunk.usage) {
            usage = usageOf(chunk.usage);
            yield { type: 'usage', usage };
          }
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finishReason = finishReasonOf(choice.finish_reason);
          const text = choice?.delta?.content;
          if (text) {
            const now = clock.now();
            firstTokenAt ??= now;
            lastTokenAt = now;
            yield { type: 'text-delta', text };
          }
        }
      } catch (error) {
        throw options.classify(error, signal);
      }
      // The client ends the iteration quietly when the signal fires; the caller must hear of it.
      if (signal?.aborted) throw aborted();
      if (finishReason === undefined) {
        throw new ModelyardError({ kind: 'unavailable', message: options.streamCutMessage, ...identity });
      }
      const generationMs = firstTokenAt === null || lastTokenAt === null ? 0 : lastTokenAt - firstTokenAt;
      const answer = options.readAnswer(facts as Facts, usage, 'stream');
      yield {
        type: 'finish',
        finishReason,
        usage,
        timings: {
          totalMs: clock.now() - startedAt,
          timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
          tokensPerSecond:
            usage.outputTokens !== null && generationMs > 0 ? usage.outputTokens / (generationMs / 1000) : null,
          loadMs: null,
        },
        costUsd: answer.costUsd,
        providerMetadata: answer.providerMetadata,
      };
    },
  };
}

/** What a custom language model shares with its provider. */
export interface CustomModelContext {
  providerId: string;
  connection: CustomConnection;
  clock: Clock;
  supports: ProviderSupports;
  /** The declared prices of a model (USD per token), `null` when unknown. */
  pricingOf(modelId: string): Pricing | null;
}

/** The language model `modelId` of a custom provider. */
export function createCustomLanguageModel(context: CustomModelContext, modelId: string): LanguageModel {
  const { providerId, connection, clock } = context;
  const identity: ModelIdentity = { providerId, modelId };
  const pricing = () => context.pricingOf(modelId);
  return createOpenAICompatibleModel<ChatAnswerFacts>({
    identity,
    clock,
    supports: context.supports,
    serverName: providerId,
    abortedMessage: `The call to ${providerId} was aborted`,
    streamCutMessage: `The stream from ${providerId} ended before the answer was finished (the connection was cut)`,
    client: () => connection.client(),
    classify: (thrown, signal) =>
      classifyCustomError(thrown, { ...identity, secrets: connection.secrets(), signal, nowMs: clock.now() }),
    requestExtras: customRequestExtras,
    completionSchema: chatCompletionSchema,
    chunkSchema: chatCompletionChunkSchema,
    // Servers name models their own way (llama.cpp reports its file name): the model asked for is
    // the one that answered; what the server called it goes to the metadata.
    readAnswer(facts, usage) {
      const prices = pricing();
      return {
        model: { ...identity },
        costUsd: prices === null ? null : estimateCost(prices, usage),
        warnings: [],
        providerMetadata: {
          ...(facts.id ? { requestId: facts.id } : {}),
          ...(facts.model ? { serverModel: facts.model } : {}),
        },
      };
    },
  });
}
