// One OpenRouter model: the OpenAI-compatible chat model of @modelyard/provider-custom, with what
// OpenRouter adds: its request fields, a key for every call, the cost it reports, and the model
// that answered when a fallback list let another one serve.
import {
  type Clock,
  estimateCost,
  type LanguageModel,
  type ModelIdentity,
  type Pricing,
  type ProviderSupports,
  type Usage,
} from '@modelyard/core';
import { type ChatAnswerFacts, createOpenAICompatibleModel } from '@modelyard/provider-custom';
import { type OpenRouterUsage, openRouterChunkSchema, openRouterCompletionSchema } from './openrouter-api';
import { openRouterRequestExtras } from './openrouter-chat';
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

/** What OpenRouter says about an answer besides its text. */
interface OpenRouterAnswerFacts extends ChatAnswerFacts {
  /** The upstream that served the call. */
  provider?: string | null | undefined;
  usage?: OpenRouterUsage | null | undefined;
}

/** The language model `modelId` of an OpenRouter provider. */
export function createOpenRouterLanguageModel(context: OpenRouterModelContext, modelId: string): LanguageModel {
  const { providerId, connection, clock } = context;
  const identity: ModelIdentity = { providerId, modelId };

  // The cost OpenRouter reported, else the listed prices times the counted tokens.
  function costOf(answeredModelId: string, usage: Usage, reported: OpenRouterUsage | null | undefined): number | null {
    if (typeof reported?.cost === 'number' && reported.cost >= 0) return reported.cost;
    const pricing = context.pricingOf(answeredModelId) ?? context.pricingOf(modelId);
    return pricing === null ? null : estimateCost(pricing, usage);
  }

  return createOpenAICompatibleModel<OpenRouterAnswerFacts>({
    identity,
    clock,
    supports: context.supports,
    serverName: 'OpenRouter',
    abortedMessage: 'The OpenRouter call was aborted',
    streamCutMessage: 'The OpenRouter stream ended before the answer was finished (the connection was cut)',
    client: () => connection.client(true),
    classify: (thrown, signal) =>
      classifyOpenRouterError(thrown, { ...identity, secrets: connection.secrets(), signal, nowMs: clock.now() }),
    requestExtras: openRouterRequestExtras,
    completionSchema: openRouterCompletionSchema,
    chunkSchema: openRouterChunkSchema,
    readAnswer(facts, usage, call) {
      // With a fallback list another model may answer: it is named, warned about and priced.
      const answeredModelId = facts.model || modelId;
      const substituted = answeredModelId !== modelId;
      return {
        model: { providerId, modelId: answeredModelId },
        costUsd: costOf(answeredModelId, usage, facts.usage),
        warnings: substituted ? [`OpenRouter answered with ${answeredModelId} instead of ${modelId}`] : [],
        providerMetadata: {
          ...(facts.id ? { requestId: facts.id } : {}),
          ...(facts.provider ? { upstreamProvider: facts.provider } : {}),
          // A stream's start part names the model asked for; its finish says who answered.
          ...(call === 'stream' && substituted ? { answeredModelId } : {}),
        },
      };
    },
  });
}
