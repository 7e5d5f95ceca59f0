// One model of an OpenAI-compatible server: generate and stream through chat completions with the
// `openai` client.
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
  parseWithSchema,
  type StreamPart,
  type Usage,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources';
import { chatCompletionChunkSchema, chatCompletionSchema, parseResponse } from './custom-api';
import { chatCompletionBody, customRequestExtras, finishReasonOf, usageOf } from './custom-chat';
import type { CustomConnection } from './custom-client';
import { classifyCustomError } from './custom-error';

/** What a custom language model shares with its provider. */
export interface CustomModelContext {
  providerId: string;
  connection: CustomConnection;
  clock: Clock;
  supports: ProviderSupports;
  /** The declared prices of a model (USD per token), `null` when unknown. */
  pricingOf(modelId: string): Pricing | null;
}

function abortedError(identity: ModelIdentity): ModelyardError {
  return new ModelyardError({
    kind: 'aborted',
    message: `The call to ${identity.providerId} was aborted`,
    ...identity,
  });
}

/** The language model `modelId` of a custom provider. */
export function createCustomLanguageModel(context: CustomModelContext, modelId: string): LanguageModel {
  const identity: ModelIdentity = { providerId: context.providerId, modelId };
  const errorContext = (signal: AbortSignal | undefined) => ({
    ...identity,
    secrets: context.connection.secrets(),
    signal,
    nowMs: context.clock.now(),
  });

  function prepare(request: GenerateRequest, signal: AbortSignal | undefined) {
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const extras = customRequestExtras(parsed.providerOptions);
    const body = chatCompletionBody(parsed, modelId, context.supports.generationOptions, extras);
    const warnings = unsupportedGenerationOptions(parsed, context.supports).map(
      (name) => `${name} is not supported by ${context.providerId} and was not sent`,
    );
    return { body, warnings, requestOptions: { signal, headers: parsed.headers } };
  }

  function costOf(usage: Usage): number | null {
    const pricing = context.pricingOf(modelId);
    return pricing === null ? null : estimateCost(pricing, usage);
  }

  return {
    identity,

    async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      const startedAt = context.clock.now();
      const { body, warnings, requestOptions } = prepare(request, options.signal);
      let raw: unknown;
      try {
        const client = context.connection.client();
        raw = await client.chat.completions.create(
          body as unknown as ChatCompletionCreateParamsNonStreaming,
          requestOptions,
        );
      } catch (error) {
        throw classifyCustomError(error, errorContext(options.signal));
      }
      const completion = parseResponse(chatCompletionSchema, raw, { ...identity, what: 'a chat completion' });
      const choice = completion.choices[0];
      const usage = usageOf(completion.usage);
      return {
        text: choice?.message.content ?? '',
        finishReason: finishReasonOf(choice?.finish_reason),
        usage,
        timings: {
          totalMs: context.clock.now() - startedAt,
          timeToFirstTokenMs: null,
          tokensPerSecond: null,
          loadMs: null,
        },
        // Servers name models their own way (llama.cpp reports its file name): the model asked for is
        // the one that answered; what the server called it goes to the metadata.
        model: { ...identity },
        costUsd: costOf(usage),
        warnings,
        providerMetadata: {
          ...(completion.id ? { requestId: completion.id } : {}),
          ...(completion.model ? { serverModel: completion.model } : {}),
        },
      };
    },

    async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
      const startedAt = context.clock.now();
      const { signal } = options;
      const { body, warnings, requestOptions } = prepare(request, signal);
      let chunks: AsyncIterable<unknown>;
      try {
        const client = context.connection.client();
        const streamBody = { ...body, stream: true, stream_options: { include_usage: true } };
        chunks = await client.chat.completions.create(
          streamBody as unknown as ChatCompletionCreateParamsStreaming,
          requestOptions,
        );
      } catch (error) {
        throw classifyCustomError(error, errorContext(signal));
      }
      yield { type: 'start', model: { ...identity }, warnings };

      let finishReason: FinishReason | undefined;
      let usage: Usage = { inputTokens: null, outputTokens: null, totalTokens: null };
      let firstTokenAt: number | null = null;
      let lastTokenAt: number | null = null;
      let requestId: string | undefined;
      let serverModel: string | undefined;
      try {
        for await (const raw of chunks) {
          const chunk = parseResponse(chatCompletionChunkSchema, raw, { ...identity, what: 'a stream chunk' });
          if (chunk.id) requestId = chunk.id;
          if (chunk.model) serverModel = chunk.model;
          if (chunk.usage) {
            usage = usageOf(chunk.usage);
            yield { type: 'usage', usage };
          }
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finishReason = finishReasonOf(choice.finish_reason);
          const text = choice?.delta?.content;
          if (text) {
            const now = context.clock.now();
            firstTokenAt ??= now;
            lastTokenAt = now;
            yield { type: 'text-delta', text };
          }
        }
      } catch (error) {
        throw classifyCustomError(error, errorContext(signal));
      }
      // The client ends the iteration quietly when the signal fires; the caller must hear of it.
      if (signal?.aborted) throw abortedError(identity);
      if (finishReason === undefined) {
        throw new ModelyardError({
          kind: 'unavailable',
          message: `The stream from ${context.providerId} ended before the answer was finished (the connection was cut)`,
          ...identity,
        });
      }
      const generationMs = firstTokenAt === null || lastTokenAt === null ? 0 : lastTokenAt - firstTokenAt;
      yield {
        type: 'finish',
        finishReason,
        usage,
        timings: {
          totalMs: context.clock.now() - startedAt,
          timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
          tokensPerSecond:
            usage.outputTokens !== null && generationMs > 0 ? usage.outputTokens / (generationMs / 1000) : null,
          loadMs: null,
        },
        costUsd: costOf(usage),
        providerMetadata: { ...(requestId ? { requestId } : {}), ...(serverModel ? { serverModel } : {}) },
      };
    },
  };
}
