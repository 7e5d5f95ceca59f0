import { checkStreamSequence, isErrorOfKind, ModelyardError, type StreamPart } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { createFakeClock } from './fake-clock';
import { createMockLanguageModel } from './mock-language-model';

const identity = { providerId: 'mock', modelId: 'model/a:1' };
const request = { messages: [{ role: 'user' as const, content: 'abcdefgh' }] };

async function collect(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe('createMockLanguageModel', () => {
  test('answers with the default text, counted usage and recorded calls', async () => {
    const model = createMockLanguageModel({ identity });
    const result = await model.generate(request);
    expect(result.text).toBe('Hello from mock/model/a:1.');
    // 8 characters / 4 = 2 input tokens; 3 words = 3 output tokens.
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 3, totalTokens: 5 });
    expect(result.finishReason).toBe('stop');
    expect(result.model).toEqual(identity);
    expect(result.costUsd).toBeNull();
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]).toMatchObject({ index: 0, method: 'generate', outcome: 'ok', request });
  });

  test('follows the script step by step and repeats the last step', async () => {
    const model = createMockLanguageModel({
      identity,
      script: [{ error: { kind: 'rate_limit', retryAfterMs: 2_000, statusCode: 429 } }, { text: 'ok now' }],
    });
    const failure = await model.generate(request).catch((error: unknown) => error);
    expect(ModelyardError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 2_000,
      statusCode: 429,
      retryable: true,
      providerId: 'mock',
      modelId: 'model/a:1',
    });
    expect((await model.generate(request)).text).toBe('ok now');
    expect((await model.generate(request)).text).toBe('ok now');
    expect(model.calls.map((call) => call.outcome)).toEqual(['rate_limit', 'ok', 'ok']);
  });

  test('a ready error is thrown as it is; retryable can be overridden in a spec', async () => {
    const ready = new ModelyardError({ kind: 'auth', message: 'nope' });
    const model = createMockLanguageModel({
      identity,
      script: [{ error: ready }, { error: { kind: 'unavailable', retryable: false } }],
    });
    await expect(model.generate(request)).rejects.toBe(ready);
    await expect(model.generate(request)).rejects.toMatchObject({ kind: 'unavailable', retryable: false });
  });

  test('a function script sees the call', async () => {
    const model = createMockLanguageModel({
      identity,
      script: (call) => ({ text: `call ${call.index} ${call.method}` }),
    });
    expect((await model.generate(request)).text).toBe('call 0 generate');
    const { parts } = await collect(model.stream(request));
    expect(checkStreamSequence(parts).text).toBe('call 1 stream');
  });

  test('setScript restarts at the first step of the new script', async () => {
    const model = createMockLanguageModel({ identity, script: [{ text: 'one' }] });
    await model.generate(request);
    model.setScript([{ text: 'two' }, { text: 'three' }]);
    expect((await model.generate(request)).text).toBe('two');
    expect((await model.generate(request)).text).toBe('three');
  });

  test('an empty script is a usage error', async () => {
    const model = createMockLanguageModel({ identity, script: [] });
    await expect(model.generate(request)).rejects.toThrow(TypeError);
  });

  test('latency and chunk delays are spent on the injected clock; timings follow it', async () => {
    const clock = createFakeClock({ now: 10_000, autoAdvance: true });
    const model = createMockLanguageModel({
      identity,
      clock,
      script: [{ text: 'a b c', latencyMs: 100, chunkDelayMs: 50 }],
    });
    const generated = await model.generate(request);
    expect(generated.timings).toEqual({ totalMs: 100, timeToFirstTokenMs: 100, tokensPerSecond: null, loadMs: null });
    const { parts } = await collect(model.stream(request));
    expect(parts.map((part) => part.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    const finish = parts.at(-1);
    // First token at +100 ms, two more 50 ms apart: 3 tokens over 100 ms of generation = 30 tokens/s.
    expect(finish).toMatchObject({
      type: 'finish',
      timings: { totalMs: 200, timeToFirstTokenMs: 100, tokensPerSecond: 30 },
    });
  });

  test('explicit chunks, usage, cost, finish reason and warnings are reported', async () => {
    const model = createMockLanguageModel({
      identity,
      script: [
        {
          text: 'abc',
          chunks: ['a', 'bc'],
          usage: { outputTokens: 9 },
          costUsd: 0.5,
          finishReason: 'length',
          warnings: ['w'],
        },
      ],
    });
    const { parts } = await collect(model.stream(request));
    expect(parts).toEqual([
      { type: 'start', model: identity, warnings: ['w'] },
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'bc' },
      { type: 'usage', usage: { inputTokens: 2, outputTokens: 9, totalTokens: 4 } },
      expect.objectContaining({ type: 'finish', finishReason: 'length', costUsd: 0.5 }),
    ]);
  });

  test('a stream fails after N chunks by throwing, or with an error part saying what was delivered', async () => {
    const thrown = createMockLanguageModel({
      identity,
      script: [{ error: { kind: 'unavailable' }, afterChunks: 2, text: 'one two three' }],
    });
    const first = await collect(thrown.stream(request));
    expect(first.parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta']);
    expect(isErrorOfKind(first.error, 'unavailable')).toBe(true);
    expect(thrown.calls[0]?.outcome).toBe('unavailable');

    const inBand = createMockLanguageModel({
      identity,
      script: [{ error: { kind: 'timeout' }, afterChunks: 1, text: 'one two', delivery: 'part' }],
    });
    const second = await collect(inBand.stream(request));
    expect(second.error).toBeUndefined();
    expect(second.parts.at(-1)).toMatchObject({ type: 'error', deliveredCharacters: 4, error: { kind: 'timeout' } });
    expect(checkStreamSequence(second.parts).isComplete).toBe(true);
  });

  test('a hang waits until the abort, then rejects with "aborted"', async () => {
    const model = createMockLanguageModel({
      identity,
      script: [{ hang: true, afterChunks: 1, text: 'partial answer' }],
    });
    const controller = new AbortController();
    const pending = model.generate(request, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toSatisfy((error) => isErrorOfKind(error, 'aborted'));

    const streamController = new AbortController();
    const parts: StreamPart[] = [];
    const streaming = (async () => {
      for await (const part of model.stream(request, { signal: streamController.signal })) {
        parts.push(part);
        if (part.type === 'text-delta') streamController.abort();
      }
    })();
    await expect(streaming).rejects.toSatisfy((error) => isErrorOfKind(error, 'aborted'));
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta']);
    expect(model.calls.map((call) => call.outcome)).toEqual(['aborted', 'aborted']);
  });

  test('an aborted signal rejects before anything happens; leaving a stream early records "aborted"', async () => {
    const model = createMockLanguageModel({ identity, script: [{ text: 'a b c' }] });
    await expect(model.generate(request, { signal: AbortSignal.abort() })).rejects.toSatisfy((error) =>
      isErrorOfKind(error, 'aborted'),
    );
    const { parts, error } = await collect(model.stream(request, { signal: AbortSignal.abort() }));
    expect(parts).toEqual([]);
    expect(isErrorOfKind(error, 'aborted')).toBe(true);
    for await (const part of model.stream(request)) if (part.type === 'text-delta') break;
    expect(model.calls.at(-1)?.outcome).toBe('aborted');
  });
});
