// One Echo model: generate (JSON) and stream (NDJSON lines) over `POST /v1/echo/chat`.
import {
  type CallOptions,
  type GenerateRequest,
  type GenerateResult,
  generateRequestSchema,
  type LanguageModel,
  ModelyardError,
  type ProviderSupports,
  parseWithSchema,
  type StreamPart,
  type Usage,
} from '@modelyard/core';
import { type EchoUsage, readEchoChatResponse, readEchoStreamEvent } from './echo-api';
import type { EchoClient } from './echo-client';
import { echoAborted, echoErrorFromThrown, invalidEchoResponse, truncatedEchoStream } from './echo-error';
import { readNdjsonLines } from './echo-ndjson';
import { ECHO_CHAT_PATH, echoChatBody, echoWarnings } from './echo-request';

function usageOf(usage: EchoUsage): Usage {
  const { inputTokens, outputTokens } = usage;
  const totalTokens = inputTokens === null || outputTokens === null ? null : inputTokens + outputTokens;
  return { inputTokens, outputTokens, totalTokens };
}

/** A handle on one Echo model. Creating it does no I/O; an unknown model fails at the first call (`not_found`). */
export function createEchoLanguageModel(
  client: EchoClient,
  modelId: string,
  supports: ProviderSupports,
): LanguageModel {
  const identity = { providerId: client.providerId, modelId };

  async function post(request: GenerateRequest, stream: boolean, signal: AbortSignal | undefined) {
    const valid = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const body = echoChatBody(valid, modelId, stream, client.scope(modelId));
    const response = await client.send({
      method: 'POST',
      path: ECHO_CHAT_PATH,
      body,
      headers: valid.headers,
      signal,
      modelId,
    });
    return { response, warnings: echoWarnings(valid, supports) };
  }

  async function generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
    const startedAt = client.clock.now();
    const { response, warnings } = await post(request, false, options.signal);
    const chat = readEchoChatResponse(await client.readJson(response, { signal: options.signal, modelId }));
    if (!chat.success) throw invalidEchoResponse(chat.issue, client.scope(modelId));
    const { requestId, text, finishReason, usage } = chat.data;
    return {
      text,
      finishReason,
      usage: usageOf(usage),
      timings: {
        totalMs: client.clock.now() - startedAt,
        timeToFirstTokenMs: null,
        tokensPerSecond: null,
        loadMs: null,
      },
      model: { ...identity },
      costUsd: usage.costUsd,
      warnings,
      providerMetadata: requestId === null ? {} : { requestId },
    };
  }

  async function* stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
    const { signal } = options;
    const startedAt = client.clock.now();
    const { response, warnings } = await post(request, true, signal);
    if (response.body === null) throw invalidEchoResponse('the stream has no body', client.scope(modelId));
    yield { type: 'start', model: { ...identity }, warnings };
    let firstTextAt: number | null = null;
    try {
      for await (const line of readNdjsonLines(response.body)) {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw invalidEchoResponse('a stream line is not JSON', client.scope(modelId));
        }
        const event = readEchoStreamEvent(json);
        if (!event.success) throw invalidEchoResponse(`a stream line: ${event.issue}`, client.scope(modelId));
        if (event.data.type === 'delta' && event.data.text !== '') {
          firstTextAt ??= client.clock.now();
          yield { type: 'text-delta', text: event.data.text };
          // The consumer may abort while holding the delta; stop before reading further.
          if (signal?.aborted) throw echoAborted(client.scope(modelId));
        } else if (event.data.type === 'done') {
          const { finishReason, usage } = event.data;
          yield {
            type: 'finish',
            finishReason,
            usage: usageOf(usage),
            timings: {
              totalMs: client.clock.now() - startedAt,
              timeToFirstTokenMs: firstTextAt === null ? null : firstTextAt - startedAt,
              tokensPerSecond: null,
              loadMs: null,
            },
            costUsd: usage.costUsd,
            providerMetadata: {},
          };
          return;
        }
      }
    } catch (error) {
      if (ModelyardError.isInstance(error)) throw error;
      const failure = echoErrorFromThrown(error, client.scope(modelId), signal);
      // A connection cut mid-body ("terminated") is the server's failure, and worth a retry.
      throw failure.kind === 'unknown' ? truncatedEchoStream(failure.message, client.scope(modelId)) : failure;
    }
    if (signal?.aborted) throw echoAborted(client.scope(modelId));
    throw truncatedEchoStream('the body ended without a "done" line', client.scope(modelId));
  }

  return { identity, generate, stream };
}
