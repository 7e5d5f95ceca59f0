import { isErrorOfKind, type StreamPart } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, test } from 'vitest';
import { createEcho } from './echo-provider';
import { chunkedResponse, jsonResponse, ndjson, scriptedFetch } from './test-support/scripted-fetch';

const KEY = 'echo-unit-key-0a1b2c3d';
const REQUEST = { messages: [{ role: 'user' as const, content: 'hello' }] };
const CHAT = {
  id: 'chat-1',
  text: 'echo heard: hello',
  finish_reason: 'stop',
  usage: { input_tokens: 2, output_tokens: 3, cost_usd: 0.25 },
};
const DONE = { type: 'done', finish_reason: 'length', usage: { input_tokens: 2, output_tokens: 2 } };

function setup(answer: () => Response | Promise<Response>, clock = createFakeClock({ now: 1_000 })) {
  const scripted = scriptedFetch(answer);
  const provider = createEcho({ baseURL: 'http://echo.test', apiKey: KEY, fetch: scripted.fetch, clock });
  return { ...scripted, provider, clock };
}

async function collect(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe('generate', () => {
  test('sends the chat body with our key, and reads the answer', async () => {
    const { provider, calls } = setup(() => jsonResponse(CHAT));
    const model = await provider.loadModel('echo/small:v1');
    const result = await model.generate({ ...REQUEST, system: 'be brief', temperature: 0, maxOutputTokens: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: 'http://echo.test/v1/echo/chat', method: 'POST' });
    expect(calls[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json' });
    expect(calls[0]?.body).toEqual({
      model: 'echo/small:v1',
      system: 'be brief',
      messages: [{ role: 'user', content: 'hello' }],
      max_tokens: 0,
      temperature: 0,
      stream: false,
    });
    expect(result).toEqual({
      text: 'echo heard: hello',
      finishReason: 'stop',
      usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 },
      timings: { totalMs: 0, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null },
      model: { providerId: 'echo', modelId: 'echo/small:v1' },
      costUsd: 0.25,
      warnings: [],
      providerMetadata: { requestId: 'chat-1' },
    });
  });

  test('totalMs is measured with the injected clock', async () => {
    const clock = createFakeClock({ now: 1_000 });
    const { provider } = setup(async () => {
      await clock.advance(40);
      return jsonResponse(CHAT);
    }, clock);
    const result = await (await provider.loadModel('m')).generate(REQUEST);
    expect(result.timings.totalMs).toBe(40);
  });

  test('every supported option is sent under its Echo name; the others are warnings and not sent', async () => {
    const { provider, calls } = setup(() => jsonResponse(CHAT));
    const result = await (await provider.loadModel('m')).generate({
      ...REQUEST,
      maxOutputTokens: 48,
      temperature: 0.7,
      topP: 0.5,
      stop: ['END'],
      seed: 42,
      topK: 7,
      presencePenalty: 0.25,
      frequencyPenalty: 0,
      responseFormat: { type: 'json' },
    });
    expect(calls[0]?.body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hello' }],
      max_tokens: 48,
      temperature: 0.7,
      top_p: 0.5,
      stop: ['END'],
      seed: 42,
      stream: false,
    });
    expect(result.warnings).toEqual([
      'topK is not supported by Echo and was not sent',
      'presencePenalty is not supported by Echo and was not sent',
      'frequencyPenalty is not supported by Echo and was not sent',
      'responseFormat is not supported by Echo and was not sent',
    ]);
  });

  test('text parts are joined; request headers are sent, but never replace our authorization', async () => {
    const { provider, calls } = setup(() => jsonResponse(CHAT));
    await (await provider.loadModel('m')).generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hel' },
            { type: 'text', text: 'lo' },
          ],
        },
      ],
      headers: { 'x-trace': 't-1', authorization: 'Bearer stolen' },
    });
    expect(calls[0]?.body).toMatchObject({ messages: [{ role: 'user', content: 'hello' }] });
    expect(calls[0]?.headers).toMatchObject({ 'x-trace': 't-1', authorization: `Bearer ${KEY}` });
  });

  test('an image part is refused before any I/O', async () => {
    const { provider, calls } = setup(() => jsonResponse(CHAT));
    const model = await provider.loadModel('m');
    const request = {
      messages: [{ role: 'user' as const, content: [{ type: 'image' as const, url: 'https://img.example/a.png' }] }],
    };
    const error = await model.generate(request).catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'bad_request')).toBe(true);
    expect((error as Error).message).toBe('Echo reads text only; this request has an image part');
    expect(calls).toHaveLength(0);
  });

  test('an invalid request is a ConfigError naming the field, before any I/O', async () => {
    const { provider, calls } = setup(() => jsonResponse(CHAT));
    const error = await (await provider.loadModel('m'))
      .generate({ ...REQUEST, maxTokens: 5 } as never)
      .catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'bad_request')).toBe(true);
    expect((error as Error).message).toContain('unknown field "maxTokens"');
    expect(calls).toHaveLength(0);
  });

  test('usage with an unknown count has an unknown total; no id, no metadata', async () => {
    const { provider } = setup(() => jsonResponse({ text: 'x', finish_reason: 'stop', usage: { input_tokens: 2 } }));
    const result = await (await provider.loadModel('m')).generate(REQUEST);
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: null, totalTokens: null });
    expect(result.costUsd).toBeNull();
    expect(result.providerMetadata).toEqual({});
  });

  test('an answer of the wrong shape is an invalid_response naming the field', async () => {
    const { provider } = setup(() => jsonResponse({ text: 3, finish_reason: 'stop' }));
    const error = await (await provider.loadModel('m')).generate(REQUEST).catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'invalid_response')).toBe(true);
    expect((error as Error).message).toBe("Echo's answer is not valid: text: expected a string, received 3");
  });
});

describe('stream', () => {
  test('start, one delta per line, then finish with timings from the injected clock', async () => {
    const clock = createFakeClock({ now: 0 });
    const { provider, calls } = setup(async () => {
      await clock.advance(15);
      return chunkedResponse([ndjson({ type: 'delta', text: 'echo ' }), ndjson({ type: 'delta', text: 'hi' }, DONE)]);
    }, clock);
    const { parts, error } = await collect((await provider.loadModel('m')).stream({ ...REQUEST, topK: 3 }));
    expect(error).toBeUndefined();
    expect(calls[0]?.body).toMatchObject({ stream: true });
    expect(parts).toEqual([
      {
        type: 'start',
        model: { providerId: 'echo', modelId: 'm' },
        warnings: ['topK is not supported by Echo and was not sent'],
      },
      { type: 'text-delta', text: 'echo ' },
      { type: 'text-delta', text: 'hi' },
      {
        type: 'finish',
        finishReason: 'length',
        usage: { inputTokens: 2, outputTokens: 2, totalTokens: 4 },
        timings: { totalMs: 15, timeToFirstTokenMs: 15, tokensPerSecond: null, loadMs: null },
        costUsd: null,
        providerMetadata: {},
      },
    ]);
  });

  test('empty deltas and unknown event types are skipped; nothing after done is read', async () => {
    const { provider } = setup(() =>
      chunkedResponse([
        ndjson({ type: 'delta', text: '' }, { type: 'heartbeat' }, { type: 'delta', text: 'a' }, DONE),
        'not json, never read\n',
      ]),
    );
    const { parts, error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(error).toBeUndefined();
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'finish']);
  });

  test('a stream that ends without done is a retryable unavailable error, never a finish', async () => {
    const { provider } = setup(() => chunkedResponse([ndjson({ type: 'delta', text: 'a' })]));
    const { parts, error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(isErrorOfKind(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toBe(
      'The Echo stream was cut before its end: the body ended without a "done" line',
    );
  });

  test('a line that is not JSON is an invalid_response', async () => {
    const { provider } = setup(() => chunkedResponse(['{"type": "delta", "text": \n']));
    const { error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(isErrorOfKind(error, 'invalid_response')).toBe(true);
    expect((error as Error).message).toBe("Echo's answer is not valid: a stream line is not JSON");
  });

  test('a line of the wrong shape is an invalid_response naming the field', async () => {
    const { provider } = setup(() => chunkedResponse([ndjson({ type: 'delta', text: 1 })]));
    const { error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect((error as Error).message).toBe(
      "Echo's answer is not valid: a stream line: text: expected a string, received 1",
    );
  });

  test('a response without a body is an invalid_response', async () => {
    const { provider } = setup(() => new Response(null, { status: 200 }));
    const { parts, error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(parts).toEqual([]);
    expect(isErrorOfKind(error, 'invalid_response')).toBe(true);
  });

  test('a body cut mid-read ("terminated") is a retryable unavailable error', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(ndjson({ type: 'delta', text: 'a' })));
      },
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const { provider } = setup(() => new Response(body));
    const { parts, error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(isErrorOfKind(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toBe('The Echo stream was cut before its end: terminated');
  });

  test('an abort by the consumer after a delta ends the stream with aborted before reading on', async () => {
    const { provider } = setup(() =>
      chunkedResponse([ndjson({ type: 'delta', text: 'a' }, { type: 'delta', text: 'b' }, DONE)]),
    );
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of (await provider.loadModel('m')).stream(REQUEST, { signal: controller.signal })) {
        parts.push(part);
        if (part.type === 'text-delta') controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(isErrorOfKind(error, 'aborted')).toBe(true);
  });

  test('an error answer rejects before the start part', async () => {
    const { provider } = setup(() => jsonResponse({ error: { code: 'model_not_found', message: 'no' } }, 404));
    const { parts, error } = await collect((await provider.loadModel('m')).stream(REQUEST));
    expect(parts).toEqual([]);
    expect(isErrorOfKind(error, 'not_found')).toBe(true);
  });
});
