import {
  type GenerateRequest,
  isErrorOfKind,
  type Pricing,
  type ProviderSupports,
  type StreamPart,
} from '@modelyard/core';
import {
  createFakeClock,
  type FakeServer,
  type OpenAICompatibleFake,
  startFakeServer,
  startOpenRouterFake,
} from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenRouterConnection } from './openrouter-client';
import { createOpenRouterLanguageModel, type OpenRouterModelContext } from './openrouter-language-model';
import { OPENROUTER_SUPPORTS } from './openrouter-provider';

const KEY = 'sk-or-v1-language-model-key';
const PAID: Pricing = { inputPerToken: 0.000003, outputPerToken: 0.000015, perRequest: 0 };
let server: OpenAICompatibleFake;

beforeAll(async () => {
  server = await startOpenRouterFake({
    apiKey: KEY,
    models: [{ id: 'vendor/paid', contextLength: 64 }, { id: 'vendor/backup' }],
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

function modelOn(
  baseURL: string,
  modelId = 'vendor/paid',
  overrides: Partial<Pick<OpenRouterModelContext, 'clock' | 'supports' | 'pricingOf'>> = {},
  apiKey: string | null = KEY,
) {
  const context: OpenRouterModelContext = {
    providerId: 'openrouter',
    connection: createOpenRouterConnection({
      providerId: 'openrouter',
      apiKey: apiKey ?? undefined,
      readEnvironmentKey: () => undefined,
      baseURL,
      headers: {},
      fetch: undefined,
      timeoutMs: 5000,
    }),
    clock: createFakeClock({ now: 1000 }),
    supports: OPENROUTER_SUPPORTS,
    pricingOf: (id) => (id === 'vendor/paid' ? PAID : null),
    ...overrides,
  };
  return createOpenRouterLanguageModel(context, modelId);
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
  it('answers with text, usage, the listed-price cost and metadata', async () => {
    const result = await modelOn(server.baseURL).generate(hello);
    // The fake counts ceil(11 characters / 4) = 3 prompt tokens and one token per word of
    // "vendor/paid heard: hello there" = 4 output tokens.
    expect(result).toEqual({
      text: 'vendor/paid heard: hello there',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      timings: { totalMs: 0, timeToFirstTokenMs: null, tokensPerSecond: null, loadMs: null },
      model: { providerId: 'openrouter', modelId: 'vendor/paid' },
      costUsd: 3 * 0.000003 + 4 * 0.000015,
      warnings: [],
      providerMetadata: { requestId: expect.stringMatching(/^chatcmpl-fake-/), upstreamProvider: 'FakeUpstream' },
    });
    expect(result.costUsd).toBeCloseTo(0.000069, 12);
  });

  it('reads a reported cost of 0 as free, and a null one as not reported', async () => {
    const answer = (cost: number | null) => ({
      type: 'status' as const,
      status: 200,
      body: {
        choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, cost },
      },
    });
    server.injectFault(answer(0));
    expect((await modelOn(server.baseURL).generate(hello)).costUsd).toBe(0);
    server.injectFault(answer(null));
    expect((await modelOn(server.baseURL).generate(hello)).costUsd).toBeCloseTo(10 * 0.000003 + 0.000015, 15);
    server.injectFault(answer(-1));
    expect((await modelOn(server.baseURL).generate(hello)).costUsd).toBeCloseTo(10 * 0.000003 + 0.000015, 15);
  });

  it('prefers the cost OpenRouter reports over the listed prices', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: {
        model: 'vendor/paid',
        choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, cost: 0.0042 },
      },
    });
    expect((await modelOn(server.baseURL).generate(hello)).costUsd).toBe(0.0042);
  });

  it('leaves the cost unknown without prices, and zero with free ones', async () => {
    expect(
      (await modelOn(server.baseURL, 'vendor/paid', { pricingOf: () => null }).generate(hello)).costUsd,
    ).toBeNull();
    const free = { inputPerToken: 0, outputPerToken: 0, perRequest: 0 };
    expect((await modelOn(server.baseURL, 'vendor/paid', { pricingOf: () => free }).generate(hello)).costUsd).toBe(0);
  });

  it('names the model that answered when OpenRouter fell back to another, and prices that one', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: {
        model: 'vendor/backup',
        choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
      },
    });
    const backupPrice: Pricing = { inputPerToken: 0.000001, outputPerToken: 0.000002, perRequest: 0.001 };
    const model = modelOn(server.baseURL, 'vendor/paid', {
      pricingOf: (id) => (id === 'vendor/backup' ? backupPrice : PAID),
    });
    const result = await model.generate({ ...hello, providerOptions: { openrouter: { models: ['vendor/backup'] } } });
    expect(result.model).toEqual({ providerId: 'openrouter', modelId: 'vendor/backup' });
    expect(result.warnings).toEqual(['OpenRouter answered with vendor/backup instead of vendor/paid']);
    // 1000 × 0.000001 + 100 × 0.000002 + 0.001 = 0.001 + 0.0002 + 0.001
    expect(result.costUsd).toBeCloseTo(0.0022, 12);
    expect(server.requests[0]?.body).toMatchObject({ models: ['vendor/backup'] });
  });

  it('falls back to the asked model prices when the answering model is unlisted', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: {
        model: 'vendor/unlisted',
        choices: [{ message: { content: null }, finish_reason: null }],
        usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 },
      },
    });
    const result = await modelOn(server.baseURL).generate(hello);
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('unknown');
    expect(result.costUsd).toBeCloseTo(0.000003, 15);
    expect(result.providerMetadata).toEqual({});
  });

  it('reports options its provider does not support as warnings, and does not send them', async () => {
    const supports: ProviderSupports = { ...OPENROUTER_SUPPORTS, generationOptions: ['temperature'] };
    const result = await modelOn(server.baseURL, 'vendor/paid', { supports }).generate({
      ...hello,
      temperature: 0.5,
      seed: 3,
    });
    expect(result.warnings).toEqual(['seed is not supported by OpenRouter and was not sent']);
  });

  it('rejects an already aborted call without a request', async () => {
    const failure = await modelOn(server.baseURL)
      .generate(hello, { signal: AbortSignal.abort() })
      .catch((error) => error);
    expect(failure).toMatchObject({
      kind: 'aborted',
      message: 'The OpenRouter call was aborted',
      modelId: 'vendor/paid',
    });
    // The abort is the caller's decision and wins over a missing key.
    const keyless = await modelOn(server.baseURL, 'vendor/paid', {}, null)
      .generate(hello, { signal: AbortSignal.abort() })
      .catch((error) => error);
    expect(isErrorOfKind(keyless, 'aborted')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('maps 402, 403 moderation and the context-length 400 to their kinds', async () => {
    const model = modelOn(server.baseURL);
    server.injectFault({
      type: 'status',
      status: 402,
      body: { error: { code: 402, message: 'Insufficient credits' } },
    });
    expect(await model.generate(hello).catch((error) => error)).toMatchObject({
      kind: 'auth',
      statusCode: 402,
      retryable: false,
    });
    server.injectFault({
      type: 'status',
      status: 403,
      body: { error: { code: 403, message: 'flagged', metadata: { reasons: ['violence'], flagged_input: 'hello' } } },
    });
    expect(await model.generate(hello).catch((error) => error)).toMatchObject({
      kind: 'content_filter',
      retryable: false,
    });
    // The fake refuses prompts over the 64-token window with OpenRouter's 400.
    const long = { messages: [{ role: 'user' as const, content: 'word '.repeat(100) }] };
    expect(await model.generate(long).catch((error) => error)).toMatchObject({
      kind: 'context_length',
      statusCode: 400,
    });
  });

  it('rejects an answer without choices as invalid_response', async () => {
    server.injectFault({ type: 'status', status: 200, body: { choices: [] } });
    const failure = await modelOn(server.baseURL)
      .generate(hello)
      .catch((error) => error);
    expect(failure).toMatchObject({ kind: 'invalid_response', modelId: 'vendor/paid' });
    expect((failure as Error).message).toBe(
      'OpenRouter sent a chat completion that cannot be read: choices: Too small: expected array to have >=1 items',
    );
  });
});

describe('stream', () => {
  it('yields start, deltas, usage and a finish with timings and cost', async () => {
    const { parts, error } = await collect(modelOn(server.baseURL).stream(hello));
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
    expect(parts[0]).toEqual({
      type: 'start',
      model: { providerId: 'openrouter', modelId: 'vendor/paid' },
      warnings: [],
    });
    expect(
      parts
        .filter((part) => part.type === 'text-delta')
        .map((part) => part.text)
        .join(''),
    ).toBe('vendor/paid heard: hello there');
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      timings: { totalMs: 0, timeToFirstTokenMs: 0, tokensPerSecond: null, loadMs: null },
      costUsd: 3 * 0.000003 + 4 * 0.000015,
      providerMetadata: { requestId: expect.stringMatching(/^chatcmpl-fake-/), upstreamProvider: 'FakeUpstream' },
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('needs a key to stream, and says so before any request', async () => {
    const { parts, error } = await collect(modelOn(server.baseURL, 'vendor/paid', {}, null).stream(hello));
    expect(parts).toEqual([]);
    expect(error).toMatchObject({ kind: 'auth', message: expect.stringContaining('OPENROUTER_API_KEY') });
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an already aborted stream without a request', async () => {
    const { parts, error } = await collect(modelOn(server.baseURL).stream(hello, { signal: AbortSignal.abort() }));
    expect(parts).toEqual([]);
    expect(isErrorOfKind(error, 'aborted')).toBe(true);
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
          path: '/api/v1/chat/completions',
          handle: (_request, respond) => respond.stream('text/event-stream', script, { malformedPiece: 'data: {\n\n' }),
        },
      ],
    });
  });
  afterAll(() => custom.close());

  const event = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
  const delta = (content: string) => event({ choices: [{ delta: { content }, finish_reason: null }] });

  it('ends a stream closed without a finish reason in a retryable error, never a finish', async () => {
    script = [delta('Hello '), delta('wor')];
    const { parts, error } = await collect(modelOn(`${custom.url}/api/v1`).stream(hello));
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect((error as Error).message).toBe(
      'The OpenRouter stream ended before the answer was finished (the connection was cut)',
    );
  });

  it('rejects a chunk that does not fit the schema as invalid_response', async () => {
    script = [event({ choices: 'not a list' })];
    const { error } = await collect(modelOn(`${custom.url}/api/v1`).stream(hello));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toBe(
      'OpenRouter sent a stream chunk that cannot be read: choices: Invalid input: expected array, received string',
    );
  });

  it('keeps the answering model, the finish reason and the usage from any chunk', async () => {
    script = [
      event({
        id: 'gen-9',
        model: 'vendor/backup',
        provider: 'Upstream',
        choices: [{ delta: { content: 'Hi' }, finish_reason: null }],
      }),
      event({
        choices: [{ delta: {}, finish_reason: 'length' }],
        usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3, cost: 0.5 },
      }),
      'data: [DONE]\n\n',
    ];
    const { parts } = await collect(modelOn(`${custom.url}/api/v1`).stream(hello));
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'length',
      costUsd: 0.5,
      usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
      providerMetadata: { requestId: 'gen-9', upstreamProvider: 'Upstream', answeredModelId: 'vendor/backup' },
    });
  });
});
