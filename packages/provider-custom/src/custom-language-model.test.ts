import { ConfigError, type GenerateRequest, isErrorOfKind, type StreamPart } from '@modelyard/core';
import {
  createFakeClock,
  type FakeServer,
  type OpenAICompatibleFake,
  startFakeServer,
  startOpenAICompatibleFake,
} from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCustomProvider } from './custom-provider';
import type { CustomProviderSettings } from './custom-settings';

let server: OpenAICompatibleFake;

beforeAll(async () => {
  server = await startOpenAICompatibleFake({ models: [{ id: 'priced', contextLength: 64 }, { id: 'plain' }] });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const settings: CustomProviderSettings = {
  name: 'my-vllm',
  baseURL: '',
  models: [
    {
      id: 'priced',
      contextLength: 64,
      pricing: { inputPerToken: 0.000001, outputPerToken: 0.000002, perRequest: 0.0001 },
    },
  ],
};
async function modelOn(baseURL: string, modelId = 'priced', overrides: Partial<CustomProviderSettings> = {}) {
  const provider = createCustomProvider({ ...settings, clock: createFakeClock({ now: 0 }), ...overrides, baseURL });
  return provider.loadModel(modelId);
}
const hello: GenerateRequest = { messages: [{ role: 'user', content: 'hello there' }] };

async function collect(stream: AsyncIterable<StreamPart>) {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe('generate', () => {
  it('answers with text, usage, timings, the declared-price cost and the server metadata', async () => {
    const result = await (await modelOn(server.baseURL)).generate(hello);
    // 3 prompt tokens (11 characters / 4, rounded up), 4 output tokens ("priced heard: hello there").
    expect(result).toEqual({
      text: 'priced heard: hello there',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      timings: { totalMs: 0, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null },
      model: { providerId: 'my-vllm', modelId: 'priced' },
      costUsd: 3 * 0.000001 + 4 * 0.000002 + 0.0001,
      warnings: [],
      providerMetadata: { requestId: expect.stringMatching(/^chatcmpl-fake-/), serverModel: 'priced' },
    });
    expect(result.costUsd).toBeCloseTo(0.000111, 12);
  });

  it('prices only declared models: a model the server merely lists costs null', async () => {
    const result = await (await modelOn(server.baseURL, 'plain')).generate(hello);
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(result.costUsd).toBeNull();
  });

  it('keeps the model asked for as the answering model, whatever name the server reports', async () => {
    const model = await modelOn(server.baseURL, 'plain');
    server.injectFault({
      type: 'status',
      status: 200,
      body: {
        model: '/models/qwen2.5-7b-q4_k_m.gguf',
        choices: [{ message: { content: 'hi' }, finish_reason: 'eos_token' }],
      },
    });
    const result = await model.generate(hello);
    expect(result.model).toEqual({ providerId: 'my-vllm', modelId: 'plain' });
    expect(result.finishReason).toBe('stop');
    expect(result.providerMetadata).toEqual({ serverModel: '/models/qwen2.5-7b-q4_k_m.gguf' });
    expect(result.usage).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null });
    expect(result.costUsd).toBeNull();
  });

  it('does not send options the server does not accept, and warns about them', async () => {
    const model = await modelOn(server.baseURL, 'priced', { generationOptions: ['temperature', 'maxOutputTokens'] });
    const result = await model.generate({ ...hello, temperature: 0, topK: 5, seed: 1, maxOutputTokens: 2 });
    expect(result.warnings).toEqual([
      'topK is not supported by my-vllm and was not sent',
      'seed is not supported by my-vllm and was not sent',
    ]);
    expect(server.requests[0]?.body).toEqual({
      model: 'priced',
      messages: [{ role: 'user', content: 'hello there' }],
      max_tokens: 2,
      temperature: 0,
    });
    expect(result.finishReason).toBe('length');
  });

  it('passes providerOptions.custom to the server, and request headers with the call', async () => {
    const model = await modelOn(server.baseURL);
    await model.generate({ ...hello, providerOptions: { custom: { min_p: 0.05 } }, headers: { 'X-Trace': 'abc' } });
    expect(server.requests[0]?.body).toMatchObject({ min_p: 0.05 });
    expect(server.requests[0]?.headers['x-trace']).toBe('abc');
  });

  it('rejects a bad request or an aborted signal before any request', async () => {
    const model = await modelOn(server.baseURL);
    const invalid = await model.generate({ ...hello, temperature: -1 }).catch((error) => error);
    expect(ConfigError.isInstance(invalid) && invalid.subject).toBe('GenerateRequest');
    const aborted = await model.generate(hello, { signal: AbortSignal.abort() }).catch((error) => error);
    expect(aborted).toMatchObject({ kind: 'aborted', message: 'The call to my-vllm was aborted', modelId: 'priced' });
    // Refused here, not by the client: no client error underneath.
    expect((aborted as Error).cause).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it("reads the server's context-length 400 and unknown-model 404", async () => {
    const model = await modelOn(server.baseURL);
    const long = { messages: [{ role: 'user' as const, content: 'word '.repeat(100) }] };
    expect(await model.generate(long).catch((error) => error)).toMatchObject({
      kind: 'context_length',
      statusCode: 400,
    });
    const gone = await modelOn(server.baseURL, 'declared-but-gone', { models: [{ id: 'declared-but-gone' }] });
    expect(await gone.generate(hello).catch((error) => error)).toMatchObject({ kind: 'not_found', statusCode: 404 });
  });

  it('rejects an answer without choices as invalid_response', async () => {
    const model = await modelOn(server.baseURL);
    server.injectFault({ type: 'status', status: 200, body: { choices: [] } });
    const failure = await model.generate(hello).catch((error) => error);
    expect(failure).toMatchObject({ kind: 'invalid_response', modelId: 'priced' });
    expect((failure as Error).message).toBe(
      'my-vllm sent a chat completion that cannot be read: choices: Too small: expected array to have >=1 items',
    );
  });

  it('reads a null content as empty text, and times the call on the clock', async () => {
    let now = 1000;
    const clock = { now: () => (now += 100), sleep: async () => undefined };
    const model = await modelOn(server.baseURL, 'priced', { clock });
    server.injectFault({
      type: 'status',
      status: 200,
      body: { choices: [{ message: { content: null }, finish_reason: 'stop' }] },
    });
    const result = await model.generate(hello);
    expect(result.text).toBe('');
    // The call starts at 1100 and its answer is read at 1200.
    expect(result.timings.totalMs).toBe(100);
  });
});

describe('stream', () => {
  it('yields start, deltas, usage and a finish with cost', async () => {
    const { parts, error } = await collect((await modelOn(server.baseURL)).stream(hello));
    expect(error).toBeUndefined();
    expect(parts.map((part) => part.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      timings: { totalMs: 0, timeToFirstTokenMs: 0, tokensPerSecond: null, loadMs: null },
      costUsd: 3 * 0.000001 + 4 * 0.000002 + 0.0001,
      providerMetadata: { requestId: expect.stringMatching(/^chatcmpl-fake-/), serverModel: 'priced' },
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('measures time to first token and tokens per second on the clock', async () => {
    let now = 5000;
    const clock = { now: () => now, sleep: async () => undefined };
    const model = await modelOn(server.baseURL, 'priced', { clock });
    const parts: StreamPart[] = [];
    for await (const part of model.stream(hello)) {
      parts.push(part);
      now += 100;
    }
    const finish = parts.at(-1);
    // Deltas read at 100, 200, 300 and 400 ms: 4 tokens in 300 ms; the finish at 600 ms.
    expect(finish?.type === 'finish' && finish.timings).toEqual({
      totalMs: 600,
      timeToFirstTokenMs: 100,
      tokensPerSecond: 4 / 0.3,
      loadMs: null,
    });
  });

  it('ends with aborted when the caller aborts mid-stream', async () => {
    const model = await modelOn(server.baseURL);
    server.injectFault({ type: 'trickle', chunkDelayMs: 200 }, { path: '/v1/chat/completions' });
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    let error: unknown;
    try {
      for await (const part of model.stream(hello, { signal: controller.signal })) {
        parts.push(part);
        if (part.type === 'text-delta') controller.abort();
      }
    } catch (thrown) {
      error = thrown;
    }
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(error).toMatchObject({ kind: 'aborted', message: 'The call to my-vllm was aborted', modelId: 'priced' });
  });

  it('fails before the start part on an HTTP error, and without a request when aborted', async () => {
    const model = await modelOn(server.baseURL);
    server.injectFault({
      type: 'status',
      status: 503,
      headers: { 'retry-after': '4' },
      body: { error: { message: 'busy' } },
    });
    const failed = await collect(model.stream(hello));
    expect(failed.parts).toEqual([]);
    expect(failed.error).toMatchObject({ kind: 'unavailable', retryAfterMs: 4000 });
    server.reset();
    const aborted = await collect(model.stream(hello, { signal: AbortSignal.abort() }));
    expect(isErrorOfKind(aborted.error, 'aborted')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});

describe('stream endings the fake cannot script', () => {
  let custom: FakeServer;
  let script: string[] = [];
  beforeAll(async () => {
    custom = await startFakeServer({
      routes: [
        {
          method: 'POST',
          path: '/v1/chat/completions',
          handle: (_request, respond) => respond.stream('text/event-stream', script, { malformedPiece: 'data: {\n\n' }),
        },
      ],
    });
  });
  afterAll(() => custom.close());

  const event = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
  const delta = (content: string) => event({ choices: [{ delta: { content }, finish_reason: null }] });
  const customModel = () => modelOn(`${custom.url}/v1`, 'plain', { discover: false, models: [{ id: 'plain' }] });

  it('ends a stream closed without a finish reason in a retryable error, never a finish', async () => {
    script = [delta('Hel'), delta('lo')];
    const { parts, error } = await collect((await customModel()).stream(hello));
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect((error as Error).message).toBe(
      'The stream from my-vllm ended before the answer was finished (the connection was cut)',
    );
  });

  it('turns an error event mid-stream into an error', async () => {
    script = [delta('Hel'), event({ error: { message: 'CUDA out of memory' } })];
    const { parts, error } = await collect((await customModel()).stream(hello));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(error).toMatchObject({
      kind: 'unavailable',
      message: 'my-vllm reported an error during the stream: CUDA out of memory',
    });
  });

  it('rejects a chunk that does not fit the schema as invalid_response', async () => {
    script = [event({ choices: [{ delta: 'text' }] })];
    const { error } = await collect((await customModel()).stream(hello));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toBe(
      'my-vllm sent a stream chunk that cannot be read: choices.0.delta: Invalid input: expected object, received string',
    );
  });

  it('keeps the server model name, the finish reason and the usage from any chunk', async () => {
    script = [
      event({ id: 'cmpl-7', model: 'server-name', choices: [{ delta: { content: 'Hi' }, finish_reason: null }] }),
      event({
        choices: [{ delta: {}, finish_reason: 'length' }],
        usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
      }),
      'data: [DONE]\n\n',
    ];
    const { parts } = await collect((await customModel()).stream(hello));
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'length',
      costUsd: null,
      usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
      providerMetadata: { requestId: 'cmpl-7', serverModel: 'server-name' },
    });
  });
});
