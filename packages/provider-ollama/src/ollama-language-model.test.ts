import { ConfigError, checkStreamSequence, type StreamPart } from '@modelyard/core';
import { createFakeClock, type OllamaFake, startOllamaFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOllama } from './ollama-provider';

let server: OllamaFake;

beforeAll(async () => {
  server = await startOllamaFake({
    models: [
      { name: 'llama3.2:1b' },
      {
        name: 'flaky:1b',
        streamError: { afterTokens: 2, error: 'an error was encountered while running the model' },
      },
    ],
    // 25 ms per token and 800 ms to load: hand-checkable counters.
    evalNanosecondsPerToken: 25_000_000,
    loadNanoseconds: 800_000_000,
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const hello = { messages: [{ role: 'user' as const, content: 'hello there' }] };

async function collect(stream: AsyncIterable<StreamPart>) {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, thrown: undefined };
  } catch (error) {
    return { parts, thrown: error };
  }
}

describe('generate', () => {
  it('answers with usage and timings from the server counters', async () => {
    // A fresh fake: the first call pays the load.
    const fresh = await startOllamaFake({
      models: [{ name: 'llama3.2:1b' }],
      evalNanosecondsPerToken: 25_000_000,
      loadNanoseconds: 800_000_000,
    });
    try {
      const clock = createFakeClock({ now: 1_000 });
      const provider = createOllama({ host: fresh.host, clock });
      const model = await provider.loadModel('llama3.2:1b');
      const result = await model.generate(hello);
      // "llama3.2:1b heard: hello there" is 4 tokens; "hello there" is 11 characters → 3 prompt tokens.
      expect(result).toEqual({
        text: 'llama3.2:1b heard: hello there',
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
        timings: {
          totalMs: 0,
          // The load happened at loadModel: this call reports none. 1 ms of prompt reading before the first token.
          timeToFirstTokenMs: 1,
          // 4 tokens in 4 × 25 ms = 0.1 s.
          tokensPerSecond: 40,
          loadMs: 0,
        },
        model: { providerId: 'ollama', modelId: 'llama3.2:1b' },
        costUsd: 0,
        warnings: [],
        providerMetadata: {
          serverModel: 'llama3.2:1b',
          doneReason: 'stop',
          serverTotalMs: 101,
          promptEvalMs: 1,
          evalMs: 100,
        },
      });
      expect(fresh.requests.at(-1)?.body).toEqual({
        model: 'llama3.2:1b',
        messages: [{ role: 'user', content: 'hello there' }],
        stream: false,
      });
    } finally {
      await fresh.close();
    }
  });

  it('reports the load time when the call itself loaded the model', async () => {
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b', { contextLength: 2048 });
    // Unloaded meanwhile (by another client): the call loads it again, for 800 ms.
    await createOllama({ host: server.host }).unloadModel('llama3.2:1b');
    const result = await model.generate(hello);
    expect(result.timings.loadMs).toBe(800);
    // 800 ms loading + 1 ms reading the prompt before the first token.
    expect(result.timings.timeToFirstTokenMs).toBe(801);
  });

  it('sends num_predict and reports a cut answer as length', async () => {
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    const result = await model.generate({ ...hello, maxOutputTokens: 2 });
    expect(result).toMatchObject({
      text: 'llama3.2:1b heard: ',
      finishReason: 'length',
      usage: { outputTokens: 2 },
    });
  });

  it('validates the request, naming the bad field', async () => {
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    const failure = await model.generate({ ...hello, temperature: -1 }).catch((error: unknown) => error);
    expect(ConfigError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain('temperature');
    await expect(model.generate({ ...hello, providerOptions: { ollama: { options: { seed: 1 } } } })).rejects.toThrow(
      /providerOptions.ollama/,
    );
  });

  it('passes providerOptions.ollama through, and reports thinking text apart from the answer', async () => {
    const fake = await startOllamaFake({ models: [{ name: 'qwen3:0.6b' }] });
    const withThinking: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/chat')) return response;
      const body = (await response.json()) as { message: Record<string, unknown> };
      return Response.json({ ...body, message: { ...body.message, thinking: 'The user greets me.' } });
    };
    try {
      const model = await createOllama({ host: fake.host, fetch: withThinking }).loadModel('qwen3:0.6b');
      const result = await model.generate({
        ...hello,
        providerOptions: { ollama: { think: true, options: { repeat_penalty: 1.1 } } },
      });
      expect(fake.requests.at(-1)?.body).toMatchObject({ think: true, options: { repeat_penalty: 1.1 } });
      expect(result.text).toBe('qwen3:0.6b heard: hello there');
      expect(result.providerMetadata.thinking).toBe('The user greets me.');
    } finally {
      await fake.close();
    }
  });

  it('reads a body that is not a chat answer as invalid_response', async () => {
    const fake = await startOllamaFake({ models: [{ name: 'm:1' }] });
    const wrong: typeof fetch = async (input, init) =>
      String(input).endsWith('/api/chat') ? Response.json({ answer: 'hi' }) : fetch(input, init);
    try {
      const model = await createOllama({ host: fake.host, fetch: wrong }).loadModel('m:1');
      await expect(model.generate(hello)).rejects.toMatchObject({
        kind: 'invalid_response',
        message: expect.stringContaining('done'),
      });
    } finally {
      await fake.close();
    }
  });
});

describe('stream', () => {
  it('streams text deltas, then usage and a finish with the server counters and the measured first token', async () => {
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    const { parts, thrown } = await collect(model.stream(hello));
    expect(thrown).toBeUndefined();
    expect(checkStreamSequence(parts)).toMatchObject({
      isWellFormed: true,
      isComplete: true,
      text: 'llama3.2:1b heard: hello there',
    });
    expect(parts.map((part) => part.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      timings: { tokensPerSecond: 40, loadMs: 0 },
      costUsd: 0,
      providerMetadata: { serverModel: 'llama3.2:1b', evalMs: 100 },
    });
    const timings = finish?.type === 'finish' ? finish.timings : undefined;
    expect(timings?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(timings?.timeToFirstTokenMs).toBeLessThanOrEqual(timings?.totalMs ?? -1);
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it('ends with unavailable, in the server words, when the server reports an error midway', async () => {
    const model = await createOllama({ host: server.host }).loadModel('flaky:1b');
    const { parts, thrown } = await collect(model.stream(hello));
    expect(
      parts.filter((part) => part.type === 'text-delta').map((part) => part.type === 'text-delta' && part.text),
    ).toEqual(['flaky:1b ', 'heard: ']);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(thrown).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      modelId: 'flaky:1b',
      message:
        'ollama (model flaky:1b) reported an error during the stream: an error was encountered while running the model',
    });
  });

  it('rejects before the start part when the server refuses the request', async () => {
    server.injectFault(
      { type: 'status', status: 404, body: { error: "model 'llama3.2:1b' not found" } },
      { path: '/api/chat' },
    );
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    const { parts, thrown } = await collect(model.stream(hello));
    expect(parts).toEqual([]);
    expect(thrown).toMatchObject({ kind: 'not_found', statusCode: 404, retryable: false });
  });

  it('rejects an aborted signal before any request', async () => {
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    server.reset();
    const { parts, thrown } = await collect(model.stream(hello, { signal: AbortSignal.abort() }));
    expect(parts).toEqual([]);
    expect(thrown).toMatchObject({ kind: 'aborted' });
    await expect(model.generate(hello, { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });

  it('closes the server stream when the consumer leaves early', async () => {
    server.injectFault({ type: 'trickle', chunkDelayMs: 200 }, { path: '/api/chat' });
    const model = await createOllama({ host: server.host }).loadModel('llama3.2:1b');
    for await (const part of model.stream(hello)) if (part.type === 'text-delta') break;
    const request = server.requests.find((candidate) => candidate.path === '/api/chat');
    await expect.poll(() => request?.clientClosed, { timeout: 1_000 }).toBe(true);
  });

  it('times out when the server goes silent midway', async () => {
    server.injectFault({ type: 'trickle', chunkDelayMs: 400 }, { path: '/api/chat' });
    const model = await createOllama({ host: server.host, timeoutMs: 150 }).loadModel('llama3.2:1b');
    const { parts, thrown } = await collect(model.stream(hello));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(thrown).toMatchObject({ kind: 'timeout', retryable: true });
  });
});
