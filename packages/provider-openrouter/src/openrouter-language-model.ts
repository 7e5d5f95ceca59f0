// One OpenRouter model: generate and stream through chat completions with the `openai` client.
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
import { chatCompletionChunkSchema, chatCompletionSchema, type OpenRouterUsage, parseResponse } from './openrouter-api';
import { chatCompletionBody, finishReasonOf, openRouterRequestExtras, usageOf } from './openrouter-chat';
import type { OpenRouterConnection } from './openrouter-client';
import { classifyOpenRouterError } from './openrouter-error';

/** What an OpenRouter language model shares with its provider. */
export interface OpenRouterModelContext {
  providerId: string;
  connection: OpenRouterConnection;
  clock: Clock;
  supports: ProviderSupports;
  /** The listed prices of a model (USD per token), when the listing is known; `null` otherwise. */
  pricingOf(modelId: string): Pricing | null;
}

function abortedError(identity: ModelIdentity): ModelyardError {
  return new ModelyardError({ kind: 'aborted', message: 'The OpenRouter call was aborted', ...identity });
}

/** The language model `modelId` of an OpenRouter provider. */
export function createOpenRouterLanguageModel(context: OpenRouterModelContext, modelId: string): LanguageModel {
  const identity: ModelIdentity = { providerId: context.providerId, modelId };
  const errorContext = (signal: AbortSignal | undefined) => ({
    ...identity,
    secrets: context.connection.secrets(),
    signal,
    nowMs: context.clock.now(),
  });

  function prepare(request: GenerateRequest, signal: AbortSignal | undefined) {
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const body = chatCompletionBody(parsed, modelId, openRouterRequestExtras(parsed.providerOptions));
    const warnings = unsupportedGenerationOptions(parsed, context.supports).map(
      (name) => `${name} is not supported by OpenRouter and was not sent`,
    );
    if (signal?.aborted) throw abortedError(identity);
    return { body, warnings, requestOptions: { signal, headers: parsed.headers } };
  }

  // The cost OpenRouter reported, else the listed prices times the counted tokens.
  function costOf(answeredModelId: string, usage: Usage, reported: OpenRouterUsage | null | undefined): number | null {
    if (typeof reported?.cost === 'number' && reported.cost >= 0) return reported.cost;
    const pricing = context.pricingOf(answeredModelId) ?? context.pricingOf(modelId);
    return pricing === null ? null : estimateCost(pricing, usage);
  }

  function substitutionWarnings(answeredModelId: string): string[] {
    return answeredModelId === modelId ? [] : [`OpenRouter answered with ${answeredModelId} instead of ${modelId}`];
  }

  return {
    identity,

    async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      const startedAt = context.clock.now();
      const { body, warnings, requestOptions } = prepare(request, options.signal);
      let raw: unknown;
      try {
        const client = context.connection.client(true);
        raw = await client.chat.completions.create(
          body as unknown as ChatCompletionCreateParamsNonStreaming,
          requestOptions,
        );
      } catch (error) {
        throw classifyOpenRouterError(error, errorContext(options.signal));
      }
      const completion = parseResponse(chatCompletionSchema, raw, { ...identity, what: 'a chat completion' });
      const choice = completion.choices[0];
      const answeredModelId = completion.model || modelId;
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
        model: { providerId: context.providerId, modelId: answeredModelId },
        costUsd: costOf(answeredModelId, usage, completion.usage),
        warnings: [...warnings, ...substitutionWarnings(answeredModelId)],
        providerMetadata: {
          ...(completion.id ? { requestId: completion.id } : {}),
          ...(completion.provider ? { upstreamProvider: completion.provider } : {}),
        },
      };
    },

    async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
      const startedAt = context.clock.now();
      const { signal } = options;
      const { body, warnings, requestOptions } = prepare(request, signal);
      let chunks: AsyncIterable<unknown>;
      try {
        const client = context.connection.client(true);
        const streamBody = { ...body, stream: true, stream_options: { include_usage: true } };
        chunks = await client.chat.completions.create(
          streamBody as unknown as ChatCompletionCreateParamsStreaming,
          requestOptions,
        );
      } catch (error) {
        throw classifyOpenRouterError(error, errorContext(signal));
      }
      yield { type: 'start', model: { ...identity }, warnings };

      let answeredModelId = modelId;
      let finishReason: FinishReason | undefined;
      let usage: Usage = { inputTokens: null, outputTokens: null, totalTokens: null };
      let reportedUsage: OpenRouterUsage | null | undefined;
      let firstTokenAt: number | null = null;
      let lastTokenAt: number | null = null;
      let requestId: string | undefined;
      let upstreamProvider: string | undefined;
      try {
        for await (const raw of chunks) {
          const chunk = parseResponse(chatCompletionChunkSchema, raw, { ...identity, what: 'a stream chunk' });
          if (chunk.model) answeredModelId = chunk.model;
          if (chunk.id) requestId = chunk.id;
          if (chunk.provider) upstreamProvider = chunk.provider;
          if (chunk.usage) {
            reportedUsage = chunk.usage;
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
        throw classifyOpenRouterError(error, errorContext(signal));
      }
      // The client ends the iteration quietly when the signal fires; the caller must hear of it.
      if (signal?.aborted) throw abortedError(identity);
      if (finishReason === undefined) {
        throw new ModelyardError({
          kind: 'unavailable',
          message: 'The OpenRouter stream ended before the answer was finished (the connection was cut)',
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
        costUsd: costOf(answeredModelId, usage, reportedUsage),
        providerMetadata: {
          ...(requestId ? { requestId } : {}),
          ...(upstreamProvider ? { upstreamProvider } : {}),
          ...(answeredModelId === modelId ? {} : { answeredModelId }),
        },
      };
    },
  };
}
