import { type LanguageModel, ModelyardError } from '@modelyard/core';
import { createMockProvider } from '@modelyard/testkit';
import { describe, expect, it, vi } from 'vitest';
import { FallbackError } from './fallback-error';
import { createHarness, infoOf, rejectionOf, request } from './test-support/harness';

const START = 1_000_000;

async function failureOf(promise: Promise<unknown>): Promise<FallbackError> {
  const error = await rejectionOf(promise);
  if (!FallbackError.isInstance(error)) throw error;
  return error;
}

const summary = (error: { attempts: readonly { model: { modelId: string }; outcome: string; retried: boolean }[] }) =>
  error.attempts.map((record) => `${record.model.modelId}:${record.outcome}${record.retried ? ':retried' : ''}`);

describe('generate: success', () => {
  it('answers from the first candidate in one attempt and reports it', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [{ text: 'Once upon a time', latencyMs: 120, usage: { outputTokens: 4 } }]);
    const result = await h.runner.generate(request, [{ model: alpha, info: infoOf('p1/alpha') }], {
      task: 'story_generation',
    });
    expect(result.text).toBe('Once upon a time');
    expect(result.attempts).toEqual([
      {
        model: { providerId: 'p1', modelId: 'alpha' },
        attempt: 1,
        attemptOnModel: 1,
        outcome: 'ok',
        errorKind: null,
        statusCode: null,
        message: null,
        startedAt: START,
        durationMs: 120,
        timeToFirstTokenMs: 120,
        retried: false,
        isStreaming: false,
      },
    ]);
    expect(h.attempts).toEqual(result.attempts);
    expect(h.samples).toEqual([
      {
        model: { providerId: 'p1', modelId: 'alpha' },
        outcome: 'ok',
        timestamp: START + 120,
        latencyMs: 120,
        timeToFirstTokenMs: 120,
        inputTokens: 4,
        outputTokens: 4,
        tokensPerSecond: null,
        costUsd: null,
        task: 'story_generation',
        isStreaming: false,
      },
    ]);
    expect(h.fallbacks).toEqual([]);
    expect(h.clock.pendingCount).toBe(0);
  });

  it('passes the request and a signal only when something can abort', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha');
    await h.runner.generate(request, [alpha]);
    expect(alpha.calls[0]?.request).toBe(request);
    const seen: unknown[] = [];
    const spy: LanguageModel = {
      identity: { providerId: 'p1', modelId: 'spy' },
      generate: async (_request, options) => {
        seen.push(options);
        return alpha.generate(request);
      },
      stream: alpha.stream,
    };
    await h.runner.generate(request, [spy]);
    await h.runner.generate(request, [spy], { timeouts: { attemptMs: 1_000 } });
    expect(seen[0]).toEqual({});
    expect((seen[1] as { signal: AbortSignal }).signal).toBeInstanceOf(AbortSignal);
  });

  it('estimates the cost from the listing prices when the model reports none', async () => {
    const h = createHarness();
    const info = infoOf('p1/alpha', { pricing: { inputPerToken: 0.001, outputPerToken: 0.002, perRequest: 0.5 } });
    const alpha = h.model('p1/alpha', [{ text: 'a b c' }, { text: 'a', costUsd: 0.25 }]);
    await h.runner.generate(request, [{ model: alpha, info }]);
    await h.runner.generate(request, [{ model: alpha, info }]);
    // 4 input tokens × 0.001 + 3 output tokens × 0.002 + 0.5
    expect(h.samples.map((sample) => sample.costUsd)).toEqual([0.51, 0.25]);
  });

  it('loads provider candidates lazily, and only the one it reaches', async () => {
    const h = createHarness();
    const provider = createMockProvider({ id: 'local', models: ['a', 'b'], clock: h.clock });
    const result = await h.runner.generate(request, [
      { provider, modelId: 'a' },
      { provider, modelId: 'b' },
    ]);
    expect(result.model).toEqual({ providerId: 'local', modelId: 'a' });
    expect(provider.calls.map((call) => `${call.method} ${call.modelId}`)).toEqual(['loadModel a']);
  });
});

describe('generate: errors by kind', () => {
  it('429 with Retry-After 2 s, then success: waited 2 s, 2 attempts', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [
      { error: { kind: 'rate_limit', retryAfterMs: 2_000, statusCode: 429 } },
      { text: 'ok' },
    ]);
    const result = await h.runner.generate(request, [alpha]);
    expect(h.clock.now() - START).toBe(2_000);
    expect(h.clock.sleeps).toEqual([2_000]);
    expect(alpha.calls.map((call) => call.startedAt - START)).toEqual([0, 2_000]);
    expect(summary(result)).toEqual(['alpha:rate_limit:retried', 'alpha:ok']);
    expect(result.attempts[0]).toMatchObject({ statusCode: 429, attemptOnModel: 1 });
    expect(result.attempts[1]).toMatchObject({ attempt: 2, attemptOnModel: 2 });
  });

  it('a Retry-After longer than maxRetryAfterMs moves on at once', async () => {
    const h = createHarness({ maxRetryAfterMs: 1_999 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 2_000 } }]);
    const beta = h.model('p2/beta');
    const result = await h.runner.generate(request, [alpha, beta]);
    expect(summary(result)).toEqual(['alpha:rate_limit', 'beta:ok']);
    expect(h.clock.now()).toBe(START);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('a Retry-After equal to maxRetryAfterMs is waited for', async () => {
    const h = createHarness({ maxRetryAfterMs: 2_000 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 2_000 } }, { text: 'ok' }]);
    await h.runner.generate(request, [alpha]);
    expect(h.clock.sleeps).toEqual([2_000]);
  });

  it('unavailable: retries maxRetries times with exponential backoff and full jitter, then moves on', async () => {
    const h = createHarness({ maxRetries: 3, retryDelayMs: 500 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable', statusCode: 503 } }]);
    const beta = h.model('p2/beta');
    const result = await h.runner.generate(request, [alpha, beta]);
    expect(summary(result)).toEqual([
      'alpha:unavailable:retried',
      'alpha:unavailable:retried',
      'alpha:unavailable:retried',
      'alpha:unavailable',
      'beta:ok',
    ]);
    // random 0.5 × 500 × 2^n
    expect(h.clock.sleeps).toEqual([250, 500, 1_000]);
    expect(h.clock.now() - START).toBe(1_750);
    expect(h.fallbacks).toEqual([
      { from: alpha.identity, to: beta.identity, reason: 'unavailable', at: START + 1_750 },
    ]);
  });

  it.each(['timeout', 'invalid_response', 'rate_limit'] as const)('%s is retried too', async (kind) => {
    const h = createHarness({ maxRetries: 1 });
    const alpha = h.model('p1/alpha', [{ error: { kind } }, { text: 'ok' }]);
    expect(summary(await h.runner.generate(request, [alpha]))).toEqual([`alpha:${kind}:retried`, 'alpha:ok']);
  });

  it('maxRetries 0 never retries', async () => {
    const h = createHarness({ maxRetries: 0 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' } }, { text: 'never' }]);
    const error = await failureOf(h.runner.generate(request, [alpha]));
    expect(summary(error)).toEqual(['alpha:unavailable']);
  });

  it('a retryable kind marked retryable: false moves on', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryable: false } }]);
    const beta = h.model('p2/beta');
    expect(summary(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha:rate_limit', 'beta:ok']);
  });

  it.each(['auth', 'bad_request', 'not_found', 'unknown'] as const)(
    '%s skips to the next model without retry',
    async (kind) => {
      const h = createHarness();
      const alpha = h.model('p1/alpha', [{ error: { kind } }, { text: 'never' }]);
      const beta = h.model('p2/beta');
      const result = await h.runner.generate(request, [alpha, beta]);
      expect(summary(result)).toEqual([`alpha:${kind}`, 'beta:ok']);
      expect(h.clock.sleeps).toEqual([]);
    },
  );

  it('a thrown non-Modelyard error counts as unknown', async () => {
    const h = createHarness();
    const broken: LanguageModel = {
      identity: { providerId: 'p1', modelId: 'broken' },
      generate: () => Promise.reject(new TypeError('cannot read properties of undefined')),
      stream: h.model('p1/x').stream,
    };
    const result = await h.runner.generate(request, [broken, h.model('p2/beta')]);
    expect(result.attempts[0]).toMatchObject({ outcome: 'unknown', message: 'cannot read properties of undefined' });
    const error = await failureOf(h.runner.generate(request, [broken]));
    expect(error.cause).toMatchObject({ kind: 'unknown', providerId: 'p1', modelId: 'broken' });
  });

  it('context_length moves to a candidate with a larger context window', async () => {
    const h = createHarness();
    const small = h.model('p1/small', [{ error: { kind: 'context_length', statusCode: 413 } }]);
    const same = h.model('p1/same');
    const smaller = h.model('p2/smaller');
    const unknown = h.model('p2/unknown', [{ error: { kind: 'unavailable', retryable: false } }]);
    const large = h.model('p3/large');
    const result = await h.runner.generate(request, [
      { model: small, info: infoOf('p1/small', { contextLength: 8_192 }) },
      { model: same, info: infoOf('p1/same', { contextLength: 8_192 }) },
      { model: smaller, info: infoOf('p2/smaller', { contextLength: 4_096 }) },
      { model: unknown },
      { model: large, info: infoOf('p3/large', { contextLength: 8_193 }) },
    ]);
    expect(summary(result)).toEqual(['small:context_length', 'unknown:unavailable', 'large:ok']);
    expect(same.calls).toEqual([]);
    expect(smaller.calls).toEqual([]);
  });

  it('only context_length makes smaller context windows useless', async () => {
    const h = createHarness();
    const big = h.model('p1/big', [{ error: { kind: 'not_found' } }]);
    const small = h.model('p2/small');
    const result = await h.runner.generate(request, [
      { model: big, info: infoOf('p1/big', { contextLength: 128_000 }) },
      { model: small, info: infoOf('p2/small', { contextLength: 4_096 }) },
    ]);
    expect(summary(result)).toEqual(['big:not_found', 'small:ok']);
  });

  it('lists the too-small candidates as skipped when nothing larger is left', async () => {
    const h = createHarness();
    const small = h.model('p1/small', [{ error: { kind: 'context_length' } }]);
    const same = h.model('p1/same');
    const error = await failureOf(
      h.runner.generate(request, [
        { model: small, info: infoOf('p1/small', { contextLength: 8_192 }) },
        { model: same, info: infoOf('p1/same', { contextLength: 8_192 }) },
      ]),
    );
    expect(error).toMatchObject({ kind: 'context_length', reason: 'exhausted' });
    expect(error.skipped).toEqual([{ model: same.identity, reason: 'context-too-small' }]);
  });

  it('content_filter moves on by default, and ends the run when fallbackOnContentFilter is off', async () => {
    const on = createHarness();
    const filtered = on.model('p1/filtered', [{ error: { kind: 'content_filter' } }]);
    expect(summary(await on.runner.generate(request, [filtered, on.model('p2/beta')]))).toEqual([
      'filtered:content_filter',
      'beta:ok',
    ]);
    const off = createHarness({ fallbackOnContentFilter: false });
    const beta = off.model('p2/beta');
    const error = await failureOf(
      off.runner.generate(request, [off.model('p1/filtered', [{ error: { kind: 'content_filter' } }]), beta]),
    );
    expect(error).toMatchObject({ kind: 'content_filter', reason: 'stopped' });
    expect(beta.calls).toEqual([]);
  });

  it('aborted from the model stops everything at once', async () => {
    const h = createHarness();
    const beta = h.model('p2/beta');
    const error = await failureOf(
      h.runner.generate(request, [h.model('p1/alpha', [{ error: { kind: 'aborted' } }]), beta]),
    );
    expect(error).toMatchObject({ kind: 'aborted', reason: 'stopped', retryable: false });
    expect(beta.calls).toEqual([]);
    expect(h.samples.map((sample) => sample.outcome)).toEqual(['aborted']);
    expect(h.attempts.map((record) => record.outcome)).toEqual(['aborted']);
  });

  it('a failed load is an attempt like any other', async () => {
    const h = createHarness();
    const provider = createMockProvider({ id: 'local', models: ['b'], clock: h.clock });
    const result = await h.runner.generate(request, [
      { provider, modelId: 'missing' },
      { provider, modelId: 'b' },
    ]);
    expect(summary(result)).toEqual(['missing:not_found', 'b:ok']);
  });
});

describe('generate: the final error', () => {
  it('lists every attempt: model, kind, status, duration, attempt number, retried', async () => {
    const h = createHarness({ maxRetries: 1 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable', statusCode: 503 }, latencyMs: 40 }]);
    const beta = h.model('p2/beta', [{ error: { kind: 'auth', statusCode: 401 }, latencyMs: 7 }]);
    const error = await failureOf(h.runner.generate(request, [alpha, beta]));
    expect(
      error.attempts.map(({ model, errorKind, statusCode, durationMs, attempt, attemptOnModel, retried }) => ({
        key: `${model.providerId}/${model.modelId}`,
        errorKind,
        statusCode,
        durationMs,
        attempt,
        attemptOnModel,
        retried,
      })),
    ).toEqual([
      {
        key: 'p1/alpha',
        errorKind: 'unavailable',
        statusCode: 503,
        durationMs: 40,
        attempt: 1,
        attemptOnModel: 1,
        retried: true,
      },
      {
        key: 'p1/alpha',
        errorKind: 'unavailable',
        statusCode: 503,
        durationMs: 40,
        attempt: 2,
        attemptOnModel: 2,
        retried: false,
      },
      {
        key: 'p2/beta',
        errorKind: 'auth',
        statusCode: 401,
        durationMs: 7,
        attempt: 3,
        attemptOnModel: 1,
        retried: false,
      },
    ]);
    expect(error).toMatchObject({
      kind: 'auth',
      reason: 'exhausted',
      statusCode: 401,
      providerId: 'p2',
      modelId: 'beta',
    });
    expect(error.message).toBe(
      'Every candidate failed (3 attempts, 0 candidates skipped): #1 p1/alpha unavailable 503 (40 ms, retried); ' +
        '#2 p1/alpha unavailable 503 (40 ms); #3 p2/beta auth 401 (7 ms)',
    );
    expect(error.cause).toMatchObject({ kind: 'auth' });
  });

  it('carries the last failure’s Retry-After', async () => {
    const h = createHarness({ maxRetryAfterMs: 100 });
    const error = await failureOf(
      h.runner.generate(request, [h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 5_000 } }])]),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 5_000 });
  });

  it('an empty list: not_found, no attempts', async () => {
    const h = createHarness();
    const error = await failureOf(h.runner.generate(request, []));
    expect(error).toMatchObject({ kind: 'not_found', reason: 'no-candidates', attempts: [], skipped: [] });
  });

  it('bad candidates or call options reject with a ConfigError before any call', async () => {
    const h = createHarness();
    await expect(h.runner.generate(request, [null as never])).rejects.toMatchObject({ name: 'ConfigError' });
    await expect(h.runner.generate(request, [h.model('p1/a')], { timeouts: { totalMs: -1 } })).rejects.toMatchObject({
      name: 'ConfigError',
    });
  });
});

describe('generate: attempt limits', () => {
  it('maxAttempts caps the attempts of a run, retries included', async () => {
    const h = createHarness({ maxAttempts: 2, maxRetries: 3 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' } }]);
    const beta = h.model('p2/beta');
    const gamma = h.model('p3/gamma');
    const error = await failureOf(h.runner.generate(request, [alpha, beta, gamma]));
    expect(summary(error)).toEqual(['alpha:unavailable:retried', 'alpha:unavailable']);
    expect(error.skipped).toEqual([
      { model: beta.identity, reason: 'attempt-limit' },
      { model: gamma.identity, reason: 'attempt-limit' },
    ]);
    expect(beta.calls).toEqual([]);
  });

  it('maxAttempts 1 allows exactly one attempt', async () => {
    const h = createHarness({ maxAttempts: 1 });
    const error = await failureOf(
      h.runner.generate(request, [h.model('p1/alpha', [{ error: { kind: 'auth' } }]), h.model('p2/beta')]),
    );
    expect(summary(error)).toEqual(['alpha:auth']);
  });
});

describe('generate: deadlines and abort', () => {
  it('the total deadline cuts a stalled attempt exactly on time', async () => {
    const h = createHarness({ timeouts: { totalMs: 1_000 } });
    const alpha = h.model('p1/alpha', [{ hang: true }]);
    const error = await failureOf(h.runner.generate(request, [alpha, h.model('p2/beta')]));
    expect(h.clock.now() - START).toBe(1_000);
    expect(error).toMatchObject({ kind: 'timeout', reason: 'deadline', retryable: true });
    expect(summary(error)).toEqual(['alpha:timeout']);
    expect(error.attempts[0]?.message).toBe("The run's deadline of 1000 ms passed");
    expect(h.samples.map((sample) => [sample.outcome, sample.latencyMs])).toEqual([['timeout', 1_000]]);
    expect(h.attempts.map((record) => record.outcome)).toEqual(['timeout']);
    expect(alpha.calls[0]?.outcome).toBe('aborted');
    expect(h.clock.pendingCount).toBe(0);
  });

  it('a model that ignores its abort signal cannot hold the run past the deadline', async () => {
    const h = createHarness();
    const deaf: LanguageModel = {
      identity: { providerId: 'p1', modelId: 'deaf' },
      generate: () => new Promise(() => {}),
      stream: h.model('p1/x').stream,
    };
    const error = await failureOf(h.runner.generate(request, [deaf], { timeouts: { totalMs: 750 } }));
    expect(error.reason).toBe('deadline');
    expect(h.clock.now() - START).toBe(750);
  });

  it('a deadline of 0 ends the run before any attempt', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha');
    const error = await failureOf(h.runner.generate(request, [alpha], { timeouts: { totalMs: 0 } }));
    expect(error).toMatchObject({ kind: 'timeout', reason: 'deadline', attempts: [] });
    expect(alpha.calls).toEqual([]);
  });

  it('the per-attempt timeout cuts one attempt, which is then retried like any timeout', async () => {
    const h = createHarness({ maxRetries: 1, timeouts: { attemptMs: 300 } });
    const alpha = h.model('p1/alpha', [{ hang: true }]);
    const beta = h.model('p2/beta');
    const result = await h.runner.generate(request, [alpha, beta]);
    expect(summary(result)).toEqual(['alpha:timeout:retried', 'alpha:timeout', 'beta:ok']);
    expect(result.attempts[0]).toMatchObject({
      durationMs: 300,
      message: 'No answer within the attempt timeout of 300 ms',
    });
    // 300 + backoff 250 + 300
    expect(h.clock.now() - START).toBe(850);
  });

  it('an answer exactly at the attempt timeout is too late', async () => {
    const h = createHarness({ maxRetries: 0, timeouts: { attemptMs: 300 } });
    const error = await failureOf(h.runner.generate(request, [h.model('p1/alpha', [{ text: 'ok', latencyMs: 300 }])]));
    expect(summary(error)).toEqual(['alpha:timeout']);
    const early = createHarness({ timeouts: { attemptMs: 300 } });
    await expect(
      early.runner.generate(request, [early.model('p1/alpha', [{ text: 'ok', latencyMs: 299 }])]),
    ).resolves.toMatchObject({ text: 'ok' });
  });

  it('a wait that would end at or past the deadline is not taken: the runner moves on at once', async () => {
    const h = createHarness({ timeouts: { totalMs: 350 } });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, latencyMs: 100 }, { text: 'late' }]);
    const beta = h.model('p2/beta');
    const result = await h.runner.generate(request, [alpha, beta]);
    // the first retry would wait 250 ms: 100 + 250 = 350 reaches the deadline
    expect(summary(result)).toEqual(['alpha:unavailable', 'beta:ok']);
    expect(h.clock.now() - START).toBe(100);
    expect(alpha.calls).toHaveLength(1);
  });

  it('a wait that ends just before the deadline is taken', async () => {
    const h = createHarness({ timeouts: { totalMs: 351 } });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' }, latencyMs: 100 }, { text: 'in time' }]);
    const result = await h.runner.generate(request, [alpha]);
    expect(summary(result)).toEqual(['alpha:unavailable:retried', 'alpha:ok']);
    expect(h.clock.now() - START).toBe(350);
  });

  it('with no candidate left, a retry past the deadline ends the run now, not at the deadline', async () => {
    const h = createHarness({ timeouts: { totalMs: 2_000 } });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 5_000 } }]);
    const error = await failureOf(h.runner.generate(request, [alpha]));
    expect(error).toMatchObject({ kind: 'rate_limit', reason: 'exhausted' });
    expect(h.clock.now()).toBe(START);
  });

  it('the caller’s abort cancels the attempt in flight at once and starts nothing after it', async () => {
    const h = createHarness({}, { autoAdvance: false });
    const caller = new AbortController();
    const alpha = h.model('p1/alpha', [{ text: 'slow', latencyMs: 10_000 }]);
    const beta = h.model('p2/beta');
    const running = failureOf(h.runner.generate(request, [alpha, beta], { signal: caller.signal }));
    await h.clock.advance(400);
    caller.abort();
    const error = await running;
    expect(error).toMatchObject({ kind: 'aborted', reason: 'aborted', retryable: false });
    expect(summary(error)).toEqual(['alpha:aborted']);
    expect(error.attempts[0]?.durationMs).toBe(400);
    expect(h.samples.map((sample) => [sample.outcome, sample.latencyMs])).toEqual([['aborted', 400]]);
    expect(alpha.calls[0]?.outcome).toBe('aborted');
    expect(beta.calls).toEqual([]);
    expect(h.clock.pendingCount).toBe(0);
  });

  it('an abort during a backoff wait ends the run without another attempt', async () => {
    const h = createHarness({}, { autoAdvance: false });
    const caller = new AbortController();
    const alpha = h.model('p1/alpha', [{ error: { kind: 'unavailable' } }, { text: 'never' }]);
    const running = failureOf(h.runner.generate(request, [alpha], { signal: caller.signal }));
    await h.clock.advance(100);
    expect(h.clock.pendingCount).toBe(1);
    caller.abort();
    const error = await running;
    expect(error.reason).toBe('aborted');
    expect(alpha.calls).toHaveLength(1);
    expect(error.attempts[0]?.retried).toBe(true);
  });

  it('stops listening to the caller’s signal when the run ends', async () => {
    const h = createHarness({ maxRetries: 0 });
    const caller = new AbortController();
    const added = vi.spyOn(caller.signal, 'addEventListener');
    const removed = vi.spyOn(caller.signal, 'removeEventListener');
    await h.runner.generate(request, [h.model('p1/alpha', [{ error: { kind: 'auth' } }]), h.model('p2/beta')], {
      signal: caller.signal,
    });
    expect(added.mock.calls.length).toBeGreaterThan(0);
    expect(removed.mock.calls.length).toBe(added.mock.calls.length);
    const stream = h.runner.stream(request, [h.model('p2/beta')], { signal: caller.signal });
    for await (const _part of stream) {
      // drain
    }
    expect(removed.mock.calls.length).toBe(added.mock.calls.length);
  });

  it('an already aborted signal makes no attempt at all', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha');
    const error = await failureOf(h.runner.generate(request, [alpha], { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', reason: 'aborted', attempts: [] });
    expect(alpha.calls).toEqual([]);
  });

  it('deadline or abort cuts say nothing about the model’s health', async () => {
    const h = createHarness({ breaker: { failureThreshold: 1 } });
    const alpha = h.model('p1/alpha', [{ hang: true }]);
    await failureOf(h.runner.generate(request, [alpha], { timeouts: { totalMs: 10 } }));
    const caller = new AbortController();
    const aborted = failureOf(h.runner.generate(request, [alpha], { signal: caller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    caller.abort();
    await aborted;
    expect(await h.runner.modelBreakerState(alpha.identity)).toBe('closed');
    expect(h.breakerChanges).toEqual([]);
  });
});

describe('generate: guards', () => {
  it('a throwing metrics sink or hook never fails the run', async () => {
    const warnings: string[] = [];
    const fields: unknown[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string, field: unknown) => {
        warnings.push(message);
        fields.push(field);
      },
    };
    const h = createHarness({
      logger,
      maxRetries: 0,
      breaker: { failureThreshold: 1 },
      metricsSink: {
        record() {
          throw new Error('sink down');
        },
      },
      hooks: {
        onAttempt() {
          throw new Error('hook bug');
        },
        onFallback() {
          throw new Error('hook bug');
        },
        onBreakerChange() {
          throw new Error('hook bug');
        },
      },
    });
    const result = await h.runner.generate(request, [
      h.model('p1/alpha', [{ error: { kind: 'unavailable' } }]),
      h.model('p2/beta'),
    ]);
    expect(result.text).toBe('Hello from p2/beta.');
    expect(warnings).toEqual([
      'fallback: the onBreakerChange hook threw',
      'fallback: the onBreakerChange hook threw',
      'fallback: the metrics sink threw',
      'fallback: the onAttempt hook threw',
      'fallback: the onFallback hook threw',
      'fallback: the metrics sink threw',
      'fallback: the onAttempt hook threw',
    ]);
    expect(fields).toEqual(Array(7).fill({ error: expect.any(Error) }));
  });

  it('reports a failed attempt to the sink with its kind and no tokens', async () => {
    const h = createHarness({ maxRetries: 0 });
    await failureOf(
      h.runner.generate(request, [
        h.model('p1/alpha', [{ error: new ModelyardError({ kind: 'unavailable', message: 'down' }), latencyMs: 30 }]),
      ]),
    );
    expect(h.samples).toEqual([
      {
        model: { providerId: 'p1', modelId: 'alpha' },
        outcome: 'unavailable',
        timestamp: START + 30,
        latencyMs: 30,
        timeToFirstTokenMs: null,
        inputTokens: null,
        outputTokens: null,
        tokensPerSecond: null,
        costUsd: null,
        task: null,
        isStreaming: false,
      },
    ]);
  });
});
