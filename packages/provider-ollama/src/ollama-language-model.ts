// One model of an Ollama server: generate and stream through `/api/chat` with the `ollama`
// client, usage and timings from the server's own counters.
import {
  type CallOptions,
  type Clock,
  type GenerateRequest,
  type GenerateResult,
  generateRequestSchema,
  type LanguageModel,
  type ModelIdentity,
  ModelyardError,
  type ProviderSupports,
  parseResponseWithSchema,
  parseWithSchema,
  type StreamPart,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import type { ChatRequest } from 'ollama';
import { type ChatResponse, chatResponseSchema } from './ollama-api';
import {
  chatBody,
  finishReasonOf,
  type LoadedModelOptions,
  loadMsOf,
  ollamaRequestExtras,
  serverDurationsOf,
  serverTimeToFirstTokenMsOf,
  tokensPerSecondOf,
  usageOf,
} from './ollama-chat';
import { type OllamaConnection, withCall } from './ollama-client';
import { OllamaStreamCutError } from './ollama-ndjson';

/** What an Ollama language model shares with its provider. */
export interface OllamaModelContext {
  providerId: string;
  connection: OllamaConnection;
  clock: Clock;
  supports: ProviderSupports;
  /** Turns a failure into a core error. */
  classify(thrown: unknown, signal: AbortSignal | undefined, modelId?: string): ModelyardError;
}

function abortedError(identity: ModelIdentity): ModelyardError {
  return new ModelyardError({
    kind: 'aborted',
    message: `The call to ${identity.providerId} was aborted`,
    ...identity,
  });
}

function metadataOf(response: ChatResponse, thinking: string): Record<string, unknown> {
  return {
    ...(response.model ? { serverModel: response.model } : {}),
    ...(response.done_reason ? { doneReason: response.done_reason } : {}),
    ...serverDurationsOf(response),
    ...(thinking.length > 0 ? { thinking } : {}),
  };
}

/**
 * The language model `modelId`, with the options it was loaded with (context window, GPU layers,
 * keep-alive), which every request repeats: Ollama reloads a model whose options change.
 */
export function createOllamaLanguageModel(
  context: OllamaModelContext,
  modelId: string,
  loaded: LoadedModelOptions,
): LanguageModel {
  const identity: ModelIdentity = { providerId: context.providerId, modelId };

  function prepare(request: GenerateRequest, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw abortedError(identity);
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const extras = ollamaRequestExtras(parsed.providerOptions);
    const body = chatBody(parsed, modelId, context.supports.generationOptions, loaded, extras);
    const warnings = unsupportedGenerationOptions(parsed, context.supports).map(
      (name) => `${name} is not supported by ${context.providerId} and was not sent`,
    );
    return { body: body as unknown as ChatRequest, warnings };
  }

  const parseLine = (raw: unknown) =>
    parseResponseWithSchema(chatResponseSchema, raw, { ...identity, what: 'a chat answer' });

  return {
    identity,

    async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      const startedAt = context.clock.now();
      const { signal } = options;
      const { body, warnings } = prepare(request, signal);
      const raw = await withCall(context.connection, signal, async ({ client }) => {
        try {
          return await client.chat({ ...body, stream: false });
        } catch (error) {
          throw context.classify(error, signal, modelId);
        }
      });
      const response = parseLine(raw);
      return {
        text: response.message?.content ?? '',
        finishReason: finishReasonOf(response.done_reason),
        usage: usageOf(response),
        timings: {
          totalMs: context.clock.now() - startedAt,
          // Not streamed: the first token is only seen at the end, so the server's own measure is used.
          timeToFirstTokenMs: serverTimeToFirstTokenMsOf(response),
          tokensPerSecond: tokensPerSecondOf(response),
          loadMs: loadMsOf(response),
        },
        model: { ...identity },
        // A local model costs nothing.
        costUsd: 0,
        warnings,
        providerMetadata: metadataOf(response, response.message?.thinking ?? ''),
      };
    },

    async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
      const startedAt = context.clock.now();
      const { signal } = options;
      const { body, warnings } = prepare(request, signal);
      const call = context.connection.open(signal);
      try {
        let lines: AsyncIterable<unknown>;
        try {
          lines = await call.client.chat({ ...body, stream: true });
        } catch (error) {
          throw context.classify(error, signal, modelId);
        }
        yield { type: 'start', model: { ...identity }, warnings };

        let firstTokenAt: number | null = null;
        let last: ChatResponse | undefined;
        let thinking = '';
        try {
          for await (const raw of lines) {
            const line = parseLine(raw);
            thinking += line.message?.thinking ?? '';
            const text = line.message?.content;
            if (text) {
              firstTokenAt ??= context.clock.now();
              yield { type: 'text-delta', text };
            }
            if (line.done) {
              last = line;
              break;
            }
          }
        } catch (error) {
          throw context.classify(error, signal, modelId);
        }
        if (signal?.aborted) throw abortedError(identity);
        // The guard under the client ends a stream without its last line as cut; this is its backstop.
        if (last === undefined) throw context.classify(new OllamaStreamCutError(), signal, modelId);
        const usage = usageOf(last);
        yield { type: 'usage', usage };
        yield {
          type: 'finish',
          finishReason: finishReasonOf(last.done_reason),
          usage,
          timings: {
            totalMs: context.clock.now() - startedAt,
            timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
            tokensPerSecond: tokensPerSecondOf(last),
            loadMs: loadMsOf(last),
          },
          costUsd: 0,
          providerMetadata: metadataOf(last, thinking),
        };
      } finally {
        // Also when the consumer leaves the loop early: the server stops generating.
        call.transport.close();
      }
    },
  };
}
