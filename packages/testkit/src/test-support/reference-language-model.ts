// The language model of the reference provider: OpenAI chat completions over fetch, JSON and SSE.
import {
  type CallOptions,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  ModelyardError,
  type StreamPart,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import { errorFromResponse, errorFromThrown, invalidResponse } from './reference-errors';
import type { ReferenceContext } from './reference-provider';

function chatBody(request: GenerateRequest, context: ReferenceContext, modelId: string, stream: boolean) {
  const zeroSafe = <T>(value: T | undefined) => (context.breaks.has('drops-zero-values') ? value || undefined : value);
  return {
    model: modelId,
    messages: [...(request.system ? [{ role: 'system', content: request.system }] : []), ...request.messages],
    max_tokens: request.maxOutputTokens,
    temperature: zeroSafe(request.temperature),
    top_p: request.topP,
    top_k: request.topK,
    stop: request.stop,
    seed: request.seed,
    presence_penalty: request.presencePenalty,
    frequency_penalty: request.frequencyPenalty,
    response_format: request.responseFormat
      ? { type: request.responseFormat.type === 'json' ? 'json_object' : 'text' }
      : undefined,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

async function* sseEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let isDone = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      isDone = done;
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data.length > 0) yield data;
      }
      if (signal?.aborted) return;
    }
  } finally {
    // Cancelling (not just releasing) the reader closes the connection, so the server stops.
    if (!isDone) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

async function drain(events: AsyncGenerator<string>): Promise<void> {
  try {
    for await (const _event of events);
  } catch {
    // Only reading on to show what an early exit must not do; errors don't matter here.
  }
}

export function createReferenceLanguageModel(context: ReferenceContext, modelId: string): LanguageModel {
  const identity = {
    providerId: context.id,
    modelId: context.breaks.has('wrong-identity') ? `${modelId}-other` : modelId,
  };
  const scope = { ...context.errorScope, modelId };

  async function post(request: GenerateRequest, stream: boolean, callOptions: CallOptions): Promise<Response> {
    const signal =
      context.breaks.has('ignores-abort') || context.breaks.has('stream-ignores-abort')
        ? undefined
        : callOptions.signal;
    const send = () =>
      context.fetch(`${context.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${context.apiKey}` },
        body: JSON.stringify(chatBody(request, context, modelId, stream)),
        ...(signal && !context.breaks.has('ignores-abort-during') ? { signal } : {}),
      });
    let response: Response;
    try {
      response = await send();
      if (context.breaks.has('retries-internally') && response.status >= 500) response = await send();
    } catch (error) {
      throw errorFromThrown(error, scope);
    }
    if (!response.ok) throw await errorFromResponse(response, scope);
    return response;
  }

  return {
    identity,
    async generate(request, callOptions = {}): Promise<GenerateResult> {
      const startedAt = Date.now();
      const response = await post(request, false, callOptions);
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw errorFromThrown(error, scope);
      }
      let body: {
        choices?: { message?: { content?: string }; finish_reason?: string }[];
        usage?: Record<string, number>;
      };
      try {
        body = JSON.parse(text);
      } catch {
        throw invalidResponse('the body is not JSON', scope);
      }
      const choice = body.choices?.[0];
      if (typeof choice?.message?.content !== 'string')
        throw invalidResponse('choices[0].message.content is missing', scope);
      const usage = context.breaks.has('no-usage')
        ? { inputTokens: null, outputTokens: null, totalTokens: null }
        : {
            inputTokens: body.usage?.prompt_tokens ?? null,
            outputTokens: body.usage?.completion_tokens ?? null,
            totalTokens: body.usage?.total_tokens ?? null,
          };
      const totalMs = Date.now() - startedAt;
      return {
        text: choice.message.content,
        finishReason: choice.finish_reason === 'length' ? 'length' : 'stop',
        usage,
        timings: { totalMs, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null },
        model: { ...identity },
        costUsd: null,
        warnings: unsupportedGenerationOptions(request, context.supports).map(
          (name) => `${name} is not supported and was not sent`,
        ),
        providerMetadata: {},
      };
    },

    async *stream(request, callOptions = {}): AsyncGenerator<StreamPart> {
      const startedAt = Date.now();
      const ignoresAbort =
        context.breaks.has('stream-ignores-abort') || context.breaks.has('stream-ignores-abort-during');
      const signal = ignoresAbort ? undefined : callOptions.signal;
      const response = await post(request, true, signal ? { signal } : {}).catch((error: unknown) => {
        throw context.breaks.has('stream-errors-unmapped')
          ? new ModelyardError({ kind: 'unknown', message: 'stream failed' })
          : error;
      });
      if (response.body === null) throw invalidResponse('the stream has no body', scope);
      yield { type: 'start', model: { ...identity }, warnings: [] };
      const deltas: string[] = [];
      let finishReason: 'stop' | 'length' = 'stop';
      let usage = {
        inputTokens: null as number | null,
        outputTokens: null as number | null,
        totalTokens: null as number | null,
      };
      let firstTokenAt: number | null = null;
      let sawDone = false;
      const events = sseEvents(response.body, signal);
      const streamError = (error: unknown): ModelyardError => {
        if (ModelyardError.isInstance(error)) return error;
        if (signal?.aborted)
          return new ModelyardError({
            kind: 'aborted',
            message: 'The stream was aborted',
            providerId: context.id,
            modelId,
          });
        const mapped = errorFromThrown(error, scope);
        // A connection cut mid-stream ("terminated") is the server's failure, not ours.
        return mapped.kind === 'unknown'
          ? new ModelyardError({
              kind: 'unavailable',
              message: `The stream was cut: ${mapped.message}`,
              providerId: context.id,
              modelId,
            })
          : mapped;
      };
      // The broken variant hides `return` from the loop, so leaving early keeps the body flowing.
      const source: AsyncIterable<string> = context.breaks.has('stream-keeps-reading')
        ? {
            [Symbol.asyncIterator]: () => ({
              next: () => events.next(),
              return: async () => {
                void drain(events);
                return { done: true, value: undefined };
              },
            }),
          }
        : events;
      try {
        for await (const data of source) {
          if (data === '[DONE]') {
            sawDone = true;
            break;
          }
          let chunk: {
            choices?: { delta?: { content?: string }; finish_reason?: string | null }[];
            usage?: Record<string, number>;
          };
          try {
            chunk = JSON.parse(data);
          } catch {
            if (context.breaks.has('skips-bad-chunks')) continue;
            throw invalidResponse('a stream chunk is not JSON', scope);
          }
          const content = chunk.choices?.[0]?.delta?.content;
          if (content) deltas.push(content);
          if (chunk.choices?.[0]?.finish_reason === 'length') finishReason = 'length';
          if (chunk.usage)
            usage = {
              inputTokens: chunk.usage.prompt_tokens ?? null,
              outputTokens: chunk.usage.completion_tokens ?? null,
              totalTokens: chunk.usage.total_tokens ?? null,
            };
          if (content) {
            firstTokenAt ??= Date.now();
            if (!(context.breaks.has('stream-drops-a-delta') && deltas.length === 2))
              yield { type: 'text-delta', text: content };
          }
        }
      } catch (error) {
        if (!context.breaks.has('silent-truncation')) throw streamError(error);
      } finally {
        if (!context.breaks.has('stream-keeps-reading')) await events.return(undefined);
      }
      if (signal?.aborted) throw streamError(signal.reason);
      if (!sawDone && !context.breaks.has('accepts-truncated-stream') && !context.breaks.has('silent-truncation')) {
        throw new ModelyardError({
          kind: 'unavailable',
          message: 'The stream ended without [DONE]',
          providerId: context.id,
          modelId,
        });
      }
      const finish: StreamPart = {
        type: 'finish',
        finishReason,
        usage,
        timings: {
          totalMs: Date.now() - startedAt,
          timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
          tokensPerSecond: null,
          loadMs: null,
        },
        costUsd: null,
        providerMetadata: {},
      };
      yield finish;
      if (context.breaks.has('double-finish')) yield finish;
    },
  };
}
