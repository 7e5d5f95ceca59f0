// What the contract suite does not pin down for Echo in particular, over real loopback HTTP:
// Echo's own error codes, its limits and prices, and the fake's request reader.
import { checkStreamSequence, isErrorOfKind, type StreamPart } from '@modelyard/core';
import type { FakeServer } from '@modelyard/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEcho } from '../src/index';
import { readEchoRequestOptions, startEchoServer } from './echo-server';

const KEY = 'echo-e2e-key-93c1d7aa';
let server: FakeServer;

beforeAll(async () => {
  server = await startEchoServer({
    apiKey: KEY,
    models: [
      { id: 'echo/tiny', contextTokens: 8 },
      { id: 'echo/priced', pricePerMillion: { input: 1, output: 2 } },
      { id: 'echo/free', free: true },
    ],
  });
});
afterAll(() => server.close());

const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

describe('Echo over HTTP', () => {
  test("a prompt over the model's context window is context_length, not retryable", async () => {
    const model = await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/tiny');
    const error = await model.generate(ask('x'.repeat(100))).catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'context_length')).toBe(true);
    expect(error).toMatchObject({ retryable: false, statusCode: 400, modelId: 'echo/tiny' });
  });

  test('maxOutputTokens cuts the answer with finish reason length; streamed and generated agree', async () => {
    const model = await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/priced');
    const request = { ...ask('one two three'), maxOutputTokens: 2 };
    const result = await model.generate(request);
    expect(result).toMatchObject({ text: 'echo/priced heard: ', finishReason: 'length' });
    const parts: StreamPart[] = [];
    for await (const part of model.stream(request)) parts.push(part);
    expect(checkStreamSequence(parts)).toMatchObject({ isWellFormed: true, isComplete: true, text: result.text });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
  });

  test('a stop sequence ends the answer before it', async () => {
    const model = await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/priced');
    const result = await model.generate({ ...ask('red green blue'), stop: ['green'] });
    expect(result.text).toBe('echo/priced heard: red ');
  });

  test('the cost is what Echo reports: (input × 1 + output × 2) USD per million tokens', async () => {
    const model = await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/priced');
    const result = await model.generate(ask('abcdefgh'));
    // 8 characters → 2 prompt tokens; "echo/priced heard: abcdefgh" → 3 output tokens.
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 3, totalTokens: 5 });
    expect(result.costUsd).toBeCloseTo((2 * 1 + 3 * 2) / 1_000_000, 15);
    const free = await (await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/free')).generate(
      ask('hi'),
    );
    expect(free.costUsd).toBe(0);
  });

  test('a wrong key is auth, and the key the server echoes back is redacted', async () => {
    const wrong = 'echo-wrong-key-55aa01';
    const error = await createEcho({ baseURL: server.url, apiKey: wrong })
      .listModels()
      .catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'auth')).toBe(true);
    expect((error as Error).message).toBe('Echo answered HTTP 401 (unauthorized): Invalid API key: [REDACTED]');
  });

  test('listing reports free models as free', async () => {
    const models = await createEcho({ baseURL: server.url, apiKey: KEY }).listModels();
    expect(models.map((model) => [model.modelId, model.isFree])).toEqual([
      ['echo/tiny', false],
      ['echo/priced', false],
      ['echo/free', true],
    ]);
  });
});

describe('readEchoRequestOptions', () => {
  test("reads Echo's five options in core names, and the usual names of the others", async () => {
    const model = await createEcho({ baseURL: server.url, apiKey: KEY }).loadModel('echo/priced');
    server.reset();
    await model.generate({ ...ask('hi'), maxOutputTokens: 0, temperature: 0, topP: 1, stop: ['x'], seed: 0 });
    const [sent] = server.requests;
    expect(sent && readEchoRequestOptions(sent)).toEqual({
      maxOutputTokens: 0,
      temperature: 0,
      topP: 1,
      stop: ['x'],
      seed: 0,
    });
    const leaky = { ...(sent as NonNullable<typeof sent>), body: { top_k: 3, response_format: { type: 'json' } } };
    expect(readEchoRequestOptions(leaky)).toEqual({ topK: 3, responseFormat: { type: 'json' } });
    expect(readEchoRequestOptions({ ...leaky, body: undefined })).toEqual({});
  });
});
