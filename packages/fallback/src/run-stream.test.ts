import { checkStreamSequence, type LanguageModel, ModelyardError, type StreamPart } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { FallbackError } from './fallback-error';
import type { FallbackStreamPart } from './run-stream';
import { collect, createHarness, infoOf, request, textOf } from './test-support/harness';

const START = 1_000_000;
const types = (parts: readonly FallbackStreamPart[]) => parts.map((part) => part.type);
const core = (parts: readonly FallbackStreamPart[]) => parts as StreamPart[];

function errorPartOf(parts: readonly FallbackStreamPart[]): { error: FallbackError; deliveredCharacters: number } {
  const last = parts.at(-1);
  if (last?.type !== 'error' || !FallbackError.isInstance(last.error)) throw new Error('expected an error part');
  return { error: last.error, deliveredCharacters: last.deliveredCharacters };
}

/** A model that streams the given parts, then ends (with or without a terminal part). */
function scripted(identity: { providerId: string; modelId: string }, parts: StreamPart[]): LanguageModel {
  return {
    identity,
    generate: () => Promise.reject(new Error('not used')),
    async *stream() {
      yield* parts;
    },
  };
}

describe('stream: success', () => {
  it('yields the model’s stream, well-formed, and reports one streamed attempt', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [{ text: 'Once upon a time', latencyMs: 100, chunkDelayMs: 10, costUsd: 0.5 }]);
    const stream = h.runner.stream(request, [alpha], { task: 'story_generation' });
    expect(stream.attempts).toEqual([]);
    const { parts, thrown } = await collect(stream);
    expect(thrown).toBeUndefined();
    expect(checkStreamSequence(core(parts))).toMatchObject({
      isWellFormed: true,
      isComplete: true,
      text: 'Once upon a time',
    });
    expect(types(parts)).toEqual(['start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'usage', 'finish']);
    expect(parts[0]).toEqual({ type: 'start', model: alpha.identity, warnings: [] });
    expect(stream.attempts).toHaveLength(1);
    expect(h.samples).toEqual([
      {
        model: alpha.identity,
        outcome: 'ok',
        timestamp: START + 130,
        latencyMs: 130,
        timeToFirstTokenMs: 100,
        inputTokens: 4,
        outputTokens: 4,
        tokensPerSecond: (4 * 1_000) / 30,
        costUsd: 0.5,
        task: 'story_generation',
        isStreaming: true,
      },
    ]);
    expect(h.attempts[0]).toMatchObject({ outcome: 'ok', isStreaming: true, timeToFirstTokenMs: 100, durationMs: 130 });
    expect(h.clock.pendingCount).toBe(0);
  });

  it('an empty answer is start then finish', async () => {
    const h = createHarness();
    const { parts } = await collect(h.runner.stream(request, [h.model('p1/alpha', [{ text: '' }])]));
    expect(types(parts)).toEqual(['start', 'usage', 'finish']);
    expect(h.samples[0]?.timeToFirstTokenMs).toBeNull();
  });

  it('holds start and usage parts back until the first text, keeping their order', async () => {
    const h = createHarness();
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    const model = scripted({ providerId: 'p1', modelId: 'm' }, [
      { type: 'start', model: { providerId: 'p1', modelId: 'm-routed' }, warnings: ['topK not sent'] },
      { type: 'usage', usage },
      { type: 'start', model: { providerId: 'p1', modelId: 'again' }, warnings: [] },
      { type: 'text-delta', text: 'hi' },
      { type: 'start', model: { providerId: 'p1', modelId: 'late' }, warnings: [] },
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: 'stop',
        usage,
        timings: { totalMs: 1, timeToFirstTokenMs: 1, tokensPerSecond: null, loadMs: null },
        costUsd: null,
        providerMetadata: {},
      },
    ]);
    const { parts } = await collect(h.runner.stream(request, [model]));
    expect(parts).toEqual([
      { type: 'start', model: { providerId: 'p1', modelId: 'm-routed' }, warnings: ['topK not sent'] },
      { type: 'usage', usage },
      { type: 'text-delta', text: 'hi' },
      { type: 'usage', usage },
      expect.objectContaining({ type: 'finish' }),
    ]);
  });

  it('keeps a routed start that comes after a usage part, and drops a start after the text', async () => {
    const h = createHarness();
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    const finish: StreamPart = {
      type: 'finish',
      finishReason: 'stop',
      usage,
      timings: { totalMs: 1, timeToFirstTokenMs: 1, tokensPerSecond: null, loadMs: null },
      costUsd: null,
      providerMetadata: {},
    };
    const routed = scripted({ providerId: 'p1', modelId: 'router' }, [
      { type: 'usage', usage },
      { type: 'start', model: { providerId: 'p1', modelId: 'upstream' }, warnings: [] },
      { type: 'text-delta', text: 'hi' },
      finish,
    ]);
    const { parts } = await collect(h.runner.stream(request, [routed]));
    expect(parts.slice(0, 2)).toEqual([
      { type: 'start', model: { providerId: 'p1', modelId: 'upstream' }, warnings: [] },
      { type: 'usage', usage },
    ]);
    const late = scripted({ providerId: 'p1', modelId: 'late' }, [
      { type: 'text-delta', text: 'hi' },
      { type: 'start', model: { providerId: 'p1', modelId: 'late' }, warnings: [] },
      finish,
    ]);
    const { parts: lateParts } = await collect(h.runner.stream(request, [late]));
    expect(types(lateParts)).toEqual(['start', 'text-delta', 'finish']);
  });

  it('gives a start to a model stream that has none', async () => {
    const h = createHarness();
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    const model = scripted({ providerId: 'p1', modelId: 'm' }, [
      { type: 'text-delta', text: 'hi' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage,
        timings: { totalMs: 1, timeToFirstTokenMs: 1, tokensPerSecond: null, loadMs: null },
        costUsd: null,
        providerMetadata: {},
      },
    ]);
    const { parts } = await collect(
      h.runner.stream(request, [
        { model, info: infoOf('p1/m', { pricing: { inputPerToken: 0.5, outputPerToken: 1, perRequest: 0 } }) },
      ]),
    );
    expect(parts[0]).toEqual({ type: 'start', model: { providerId: 'p1', modelId: 'm' }, warnings: [] });
    expect(checkStreamSequence(core(parts)).isWellFormed).toBe(true);
    expect(h.samples[0]?.costUsd).toBe(1.5);
  });
});

describe('stream: fallback before the first text', () => {
  it('is transparent: one start, from the model that answers', async () => {
    const h = createHarness({ maxRetries: 0 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, latencyMs: 50 }]);
    const beta = h.model('p2/beta', [{ text: 'from beta' }]);
    const stream = h.runner.stream(request, [alpha, beta]);
    const { parts, thrown } = await collect(stream);
    expect(thrown).toBeUndefined();
    expect(parts[0]).toEqual({ type: 'start', model: beta.identity, warnings: [] });
    expect(checkStreamSequence(core(parts))).toMatchObject({ isWellFormed: true, isComplete: true, text: 'from beta' });
    expect(stream.attempts.map((record) => `${record.model.modelId}:${record.outcome}`)).toEqual([
      'alpha:unavailable',
      'beta:ok',
    ]);
    expect(h.fallbacks).toHaveLength(1);
  });

  it('an error part from the model before any text falls back too', async () => {
    const h = createHarness({ maxRetries: 0 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, delivery: 'part' }]);
    const { parts } = await collect(h.runner.stream(request, [alpha, h.model('p2/beta')]));
    expect(textOf(parts)).toBe('Hello from p2/beta.');
  });

  it('usage parts before any text do not count as delivered: a failure after them still falls back', async () => {
    const h = createHarness({ maxRetries: 0 });
    const usage = { inputTokens: 1, outputTokens: 0, totalTokens: 1 };
    const failing = scripted({ providerId: 'p1', modelId: 'early-usage' }, [
      { type: 'start', model: { providerId: 'p1', modelId: 'early-usage' }, warnings: [] },
      { type: 'usage', usage },
      { type: 'error', error: new ModelyardError({ kind: 'unavailable', message: 'gone' }), deliveredCharacters: 0 },
    ]);
    const { parts } = await collect(h.runner.stream(request, [failing, h.model('p2/beta')]));
    expect(parts[0]).toMatchObject({ type: 'start', model: { modelId: 'beta' } });
    expect(textOf(parts)).toBe('Hello from p2/beta.');
  });

  it('a stream that ends without a terminal part is an invalid response, retried', async () => {
    const h = createHarness({ maxRetries: 1 });
    let calls = 0;
    const truncating: LanguageModel = {
      identity: { providerId: 'p1', modelId: 'cut' },
      generate: () => Promise.reject(new Error('not used')),
      async *stream() {
        calls += 1;
        yield { type: 'start', model: { providerId: 'p1', modelId: 'cut' }, warnings: [] };
      },
    };
    const stream = h.runner.stream(request, [truncating, h.model('p2/beta')]);
    await collect(stream);
    expect(calls).toBe(2);
    expect(stream.attempts[0]).toMatchObject({
      outcome: 'invalid_response',
      message: 'The stream ended without a finish or error part',
      retried: true,
    });
  });

  it('when every candidate fails before any text, iterating throws the FallbackError', async () => {
    const h = createHarness({ maxRetries: 0 });
    const { parts, thrown } = await collect(
      h.runner.stream(request, [h.model('p1/alpha', [{ error: { kind: 'auth', statusCode: 401 } }])]),
    );
    expect(parts).toEqual([]);
    expect(FallbackError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ kind: 'auth', reason: 'exhausted', deliveredCharacters: 0 });
  });

  it('the first-token timeout cuts a model that sends nothing, then falls back', async () => {
    const h = createHarness({ maxRetries: 0, timeouts: { firstTokenMs: 400 } });
    const alpha = h.model('p1/alpha', [{ hang: true }]);
    const beta = h.model('p2/beta');
    const stream = h.runner.stream(request, [alpha, beta]);
    const { parts } = await collect(stream);
    expect(textOf(parts)).toBe('Hello from p2/beta.');
    expect(stream.attempts[0]).toMatchObject({
      outcome: 'timeout',
      durationMs: 400,
      message: 'No text within the first-token timeout of 400 ms',
    });
    expect(beta.calls[0]?.startedAt).toBe(START + 400);
  });

  it('the first-token timeout counts from the start of the attempt, not from its start part', async () => {
    const h = createHarness({ timeouts: { firstTokenMs: 400 } });
    const { parts } = await collect(
      h.runner.stream(request, [h.model('p1/alpha', [{ text: 'slow start', latencyMs: 399 }])]),
    );
    expect(textOf(parts)).toBe('slow start');
    const late = createHarness({ maxRetries: 0, timeouts: { firstTokenMs: 400 } });
    const { thrown } = await collect(
      late.runner.stream(request, [late.model('p1/alpha', [{ text: 'slow start', latencyMs: 400 }])]),
    );
    expect(thrown).toMatchObject({ kind: 'timeout' });
  });
});

describe('stream: failure after text was delivered', () => {
  it('is never a silent end: an error part says how much was delivered, and no other model is tried', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [
      { error: { kind: 'unavailable', statusCode: 502 }, afterChunks: 2, text: 'Once upon a time' },
    ]);
    const beta = h.model('p2/beta');
    const stream = h.runner.stream(request, [alpha, beta]);
    const { parts, thrown } = await collect(stream);
    expect(thrown).toBeUndefined();
    expect(types(parts)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    expect(checkStreamSequence(core(parts))).toMatchObject({
      isWellFormed: true,
      isComplete: true,
      text: 'Once upon ',
    });
    const { error, deliveredCharacters } = errorPartOf(parts);
    expect(deliveredCharacters).toBe(10);
    expect(error).toMatchObject({
      kind: 'unavailable',
      reason: 'interrupted',
      deliveredCharacters: 10,
      statusCode: 502,
    });
    expect(error.message).toBe(
      'The stream failed after 10 characters had been delivered; the text received is incomplete: #1 p1/alpha unavailable 502 (0 ms)',
    );
    expect(beta.calls).toEqual([]);
    expect(stream.attempts[0]).toMatchObject({ retried: false, timeToFirstTokenMs: 0 });
    expect(h.samples.map((sample) => [sample.outcome, sample.timeToFirstTokenMs, sample.isStreaming])).toEqual([
      ['unavailable', 0, true],
    ]);
  });

  it('an error part from the model after text ends the same way', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [
      { error: { kind: 'content_filter' }, afterChunks: 1, text: 'Once upon', delivery: 'part' },
    ]);
    const { parts } = await collect(h.runner.stream(request, [alpha, h.model('p2/beta')]));
    expect(types(parts)).toEqual(['start', 'text-delta', 'error']);
    expect(errorPartOf(parts).error).toMatchObject({ kind: 'content_filter', reason: 'interrupted' });
  });

  it('the idle timeout cuts a model that stalls between parts', async () => {
    const h = createHarness({ timeouts: { idleMs: 200 } });
    const alpha = h.model('p1/alpha', [{ hang: true, afterChunks: 1, text: 'Once upon' }]);
    const { parts } = await collect(h.runner.stream(request, [alpha]));
    expect(types(parts)).toEqual(['start', 'text-delta', 'error']);
    expect(errorPartOf(parts).error).toMatchObject({ kind: 'timeout', reason: 'interrupted' });
    expect(errorPartOf(parts).error.attempts[0]?.message).toBe('No stream part for 200 ms (idle timeout)');
    expect(h.clock.now() - START).toBe(200);
    expect(alpha.calls[0]?.outcome).toBe('aborted');
  });

  it('chunks just inside the idle timeout pass', async () => {
    const h = createHarness({ timeouts: { idleMs: 200 } });
    const { parts } = await collect(
      h.runner.stream(request, [h.model('p1/alpha', [{ text: 'a b c', chunkDelayMs: 199 }])]),
    );
    expect(textOf(parts)).toBe('a b c');
    const late = createHarness({ timeouts: { idleMs: 200 } });
    const { parts: cut } = await collect(
      late.runner.stream(request, [late.model('p1/alpha', [{ text: 'a b c', chunkDelayMs: 200 }])]),
    );
    expect(types(cut)).toEqual(['start', 'text-delta', 'error']);
  });

  it('a slow consumer does not count as model idle time', async () => {
    const h = createHarness({ timeouts: { idleMs: 100 } }, { autoAdvance: false });
    const alpha = h.model('p1/alpha', [{ text: 'a b c' }]);
    const iterator = h.runner.stream(request, [alpha]);
    const seen: string[] = [];
    for await (const part of iterator) {
      seen.push(part.type);
      await h.clock.advance(500);
    }
    expect(seen).toEqual(['start', 'text-delta', 'text-delta', 'text-delta', 'usage', 'finish']);
  });

  it('the caller’s abort mid-stream ends it with an aborted error part at once', async () => {
    const h = createHarness({}, { autoAdvance: false });
    const caller = new AbortController();
    const alpha = h.model('p1/alpha', [{ text: 'one two three', chunkDelayMs: 100 }]);
    const beta = h.model('p2/beta');
    const parts: FallbackStreamPart[] = [];
    const consuming = (async () => {
      for await (const part of h.runner.stream(request, [alpha, beta], { signal: caller.signal })) {
        parts.push(part);
        if (part.type === 'text-delta') caller.abort();
      }
    })();
    await consuming;
    expect(types(parts)).toEqual(['start', 'text-delta', 'error']);
    expect(errorPartOf(parts).error).toMatchObject({ kind: 'aborted', reason: 'aborted', deliveredCharacters: 4 });
    expect(alpha.calls[0]?.outcome).toBe('aborted');
    expect(beta.calls).toEqual([]);
    expect(h.clock.pendingCount).toBe(0);
  });

  it('the total deadline mid-stream ends it with a timeout error part', async () => {
    const h = createHarness({ timeouts: { totalMs: 150 } });
    const alpha = h.model('p1/alpha', [{ text: 'one two three', chunkDelayMs: 100 }]);
    const { parts } = await collect(h.runner.stream(request, [alpha]));
    expect(types(parts)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    expect(errorPartOf(parts)).toMatchObject({
      deliveredCharacters: 8,
      error: { kind: 'timeout', reason: 'deadline' },
    });
    expect(h.clock.now() - START).toBe(150);
  });
});

describe('stream: restartStreamOnFailure (opt-in)', () => {
  it('goes on with the next model behind a restart part that says what to discard', async () => {
    const h = createHarness({ restartStreamOnFailure: true, maxRetries: 0 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, afterChunks: 2, text: 'Once upon a time' }]);
    const beta = h.model('p2/beta', [{ text: 'The end', warnings: ['seed not sent'] }]);
    const stream = h.runner.stream(request, [alpha, beta]);
    const { parts } = await collect(stream);
    expect(types(parts)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'restart',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    expect(parts[3]).toEqual({
      type: 'restart',
      model: beta.identity,
      warnings: ['seed not sent'],
      discardedCharacters: 10,
      error: expect.objectContaining({ kind: 'unavailable' }),
    });
    const afterRestart = parts.slice(parts.findIndex((part) => part.type === 'restart') + 1);
    expect(textOf(afterRestart)).toBe('The end');
    expect(stream.attempts.map((record) => record.outcome)).toEqual(['unavailable', 'ok']);
  });

  it('ends with an error part counting only the text since the restart when nothing else answers', async () => {
    const h = createHarness({ restartStreamOnFailure: true, maxRetries: 0 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, afterChunks: 2, text: 'Once upon a time' }]);
    const beta = h.model('p2/beta', [{ error: { kind: 'unavailable' }, afterChunks: 1, text: 'The end' }]);
    const gamma = h.model('p3/gamma', [{ error: { kind: 'auth' } }]);
    const { parts } = await collect(h.runner.stream(request, [alpha, beta, gamma]));
    expect(types(parts)).toEqual(['start', 'text-delta', 'text-delta', 'restart', 'text-delta', 'error']);
    expect(errorPartOf(parts)).toMatchObject({ deliveredCharacters: 4, error: { kind: 'auth', reason: 'exhausted' } });
  });
});

describe('stream: leaving early', () => {
  it('a consumer that breaks stops the model, records an aborted attempt and leaves no timer behind', async () => {
    const h = createHarness({ timeouts: { totalMs: 10_000, idleMs: 500 } });
    const alpha = h.model('p1/alpha', [{ text: 'one two three', chunkDelayMs: 10 }]);
    const stream = h.runner.stream(request, [alpha]);
    for await (const part of stream) if (part.type === 'text-delta') break;
    expect(alpha.calls[0]?.outcome).toBe('aborted');
    expect(stream.attempts).toEqual([
      expect.objectContaining({ outcome: 'aborted', message: 'The caller aborted the run' }),
    ]);
    expect(h.samples.map((sample) => sample.outcome)).toEqual(['aborted']);
    expect(await h.runner.modelBreakerState(alpha.identity)).toBe('closed');
    expect(h.clock.pendingCount).toBe(0);
  });

  it('a consumer that breaks aborts the model’s signal', async () => {
    const h = createHarness();
    const signals: (AbortSignal | undefined)[] = [];
    const alpha = h.model('p1/alpha', [{ text: 'one two three' }]);
    const watched: LanguageModel = {
      identity: alpha.identity,
      generate: alpha.generate,
      stream(request, options) {
        signals.push(options?.signal);
        return alpha.stream(request, options);
      },
    };
    for await (const part of h.runner.stream(request, [watched])) if (part.type === 'text-delta') break;
    expect(signals[0]?.aborted).toBe(true);
  });

  it('a consumer that leaves after finish changes nothing', async () => {
    const h = createHarness();
    const stream = h.runner.stream(request, [h.model('p1/alpha')]);
    for await (const part of stream) if (part.type === 'finish') break;
    expect(stream.attempts.map((record) => record.outcome)).toEqual(['ok']);
  });

  it('nothing runs before the first next(), and bad input rejects there', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha');
    const stream = h.runner.stream(request, [alpha]);
    expect(alpha.calls).toEqual([]);
    await stream.next();
    expect(alpha.calls).toHaveLength(1);
    await stream.return();
    await expect(h.runner.stream(request, [5 as never]).next()).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('a model whose stream iterator throws on return is still left cleanly', async () => {
    const h = createHarness();
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    const parts: StreamPart[] = [
      { type: 'start', model: { providerId: 'p1', modelId: 'odd' }, warnings: [] },
      { type: 'text-delta', text: 'x' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage,
        timings: { totalMs: 1, timeToFirstTokenMs: 1, tokensPerSecond: null, loadMs: null },
        costUsd: null,
        providerMetadata: {},
      },
    ];
    const odd: LanguageModel = {
      identity: { providerId: 'p1', modelId: 'odd' },
      generate: () => Promise.reject(new ModelyardError({ kind: 'unknown', message: 'unused' })),
      stream: () => ({
        [Symbol.asyncIterator]: () => {
          let index = 0;
          return {
            next: async () =>
              index < parts.length
                ? { done: false, value: parts[index++] as StreamPart }
                : { done: true, value: undefined },
            return: () => {
              throw new Error('return exploded');
            },
          };
        },
      }),
    };
    const { parts: received } = await collect(h.runner.stream(request, [odd]));
    expect(textOf(received)).toBe('x');
  });
});
