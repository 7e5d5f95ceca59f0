import { describe, expect, it } from 'vitest';
import { FallbackError } from './fallback-error';
import { createHarness, infoOf, rejectionOf, request } from './test-support/harness';

const START = 1_000_000;
const unavailable = { error: { kind: 'unavailable' as const } };

async function failureOf(promise: Promise<unknown>): Promise<FallbackError> {
  const error = await rejectionOf(promise);
  if (!FallbackError.isInstance(error)) throw error;
  return error;
}

const models = (result: { attempts: readonly { model: { modelId: string } }[] }) =>
  result.attempts.map((record) => record.model.modelId);

describe('circuit breakers in runs', () => {
  const options = { maxRetries: 0, exclusionWindowMs: 0, breaker: { failureThreshold: 3, cooldownMs: 1_000 } };

  it('open after exactly failureThreshold failures, skip the model during the cooldown, probe after it, close on success', async () => {
    const h = createHarness(options);
    const alpha = h.model('p1/alpha', [unavailable]);
    const beta = h.model('p2/beta');
    for (let run = 1; run <= 2; run++) await h.runner.generate(request, [alpha, beta]);
    expect(await h.runner.modelBreakerState(alpha.identity)).toBe('closed');
    expect(h.breakerChanges).toEqual([]);

    await h.clock.advance(10);
    await h.runner.generate(request, [alpha, beta]);
    expect(h.breakerChanges).toEqual([
      { scope: 'model', key: 'p1/alpha', from: 'closed', to: 'open', at: START + 10 },
      { scope: 'provider', key: 'p1', from: 'closed', to: 'open', at: START + 10 },
    ]);

    await h.clock.advance(999);
    const skipped = await h.runner.generate(request, [alpha, beta]);
    expect(models(skipped)).toEqual(['beta']);
    expect(alpha.calls).toHaveLength(3);

    await h.clock.advance(1);
    alpha.setScript([{ text: 'recovered' }]);
    const probed = await h.runner.generate(request, [alpha, beta]);
    expect(probed.text).toBe('recovered');
    expect(h.breakerChanges.slice(2)).toEqual([
      { scope: 'model', key: 'p1/alpha', from: 'open', to: 'half-open', at: START + 1_010 },
      { scope: 'provider', key: 'p1', from: 'open', to: 'half-open', at: START + 1_010 },
      { scope: 'model', key: 'p1/alpha', from: 'half-open', to: 'closed', at: START + 1_010 },
      { scope: 'provider', key: 'p1', from: 'half-open', to: 'closed', at: START + 1_010 },
    ]);
    expect(await h.runner.modelBreakerState(alpha.identity)).toBe('closed');
  });

  it('a failed probe reopens the breaker and restarts the cooldown', async () => {
    const h = createHarness(options);
    const alpha = h.model('p1/alpha', [unavailable]);
    const beta = h.model('p2/beta');
    for (let run = 1; run <= 3; run++) await h.runner.generate(request, [alpha, beta]);
    await h.clock.advance(1_000);
    const probe = await h.runner.generate(request, [alpha, beta]);
    expect(models(probe)).toEqual(['alpha', 'beta']);
    expect(probe.attempts[0]?.retried).toBe(false);
    expect(
      h.breakerChanges
        .filter((change) => change.scope === 'model')
        .map((change) => `${change.from}>${change.to}@${change.at - START}`),
    ).toEqual(['closed>open@0', 'open>half-open@1000', 'half-open>open@1000']);
    await h.clock.advance(999);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['beta']);
    await h.clock.advance(1);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha', 'beta']);
  });

  it('lets only halfOpenProbes calls through at a time', async () => {
    const h = createHarness({ ...options, breaker: { ...options.breaker, halfOpenProbes: 1 } });
    const alpha = h.model('p1/alpha', [unavailable]);
    const beta = h.model('p2/beta');
    for (let run = 1; run <= 3; run++) await h.runner.generate(request, [alpha, beta]);
    await h.clock.advance(1_000);
    alpha.setScript([{ text: 'probe answer', latencyMs: 100 }]);
    const [first, second] = await Promise.all([
      h.runner.generate(request, [alpha, beta]),
      h.runner.generate(request, [alpha, beta]),
    ]);
    expect(first.text).toBe('probe answer');
    expect(models(second)).toEqual(['beta']);
    expect(alpha.calls).toHaveLength(4);
  });

  it('a provider breaker keeps every model of that provider out', async () => {
    const h = createHarness({ ...options, breaker: { failureThreshold: 2 } });
    const a = h.model('p1/a', [unavailable]);
    const b = h.model('p1/b', [unavailable]);
    const c = h.model('p1/c');
    const error = await failureOf(h.runner.generate(request, [a, b, c]));
    expect(models(error)).toEqual(['a', 'b']);
    expect(error.skipped).toEqual([{ model: c.identity, reason: 'breaker-open' }]);
    expect(await h.runner.modelBreakerState(c.identity)).toBe('closed');
    expect(await h.runner.providerBreakerState('p1')).toBe('open');
    expect(c.calls).toEqual([]);
  });

  it('when open breakers skip every candidate: unavailable, no attempt', async () => {
    const h = createHarness({ ...options, breaker: { failureThreshold: 1 } });
    const alpha = h.model('p1/alpha', [unavailable]);
    await failureOf(h.runner.generate(request, [alpha]));
    const error = await failureOf(h.runner.generate(request, [alpha]));
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'exhausted', attempts: [] });
    expect(error.skipped).toEqual([{ model: alpha.identity, reason: 'breaker-open' }]);
  });

  it.each(['auth', 'bad_request', 'not_found', 'context_length', 'content_filter', 'unknown'] as const)(
    '%s does not count against the breaker',
    async (kind) => {
      const h = createHarness({ ...options, breaker: { failureThreshold: 1 } });
      const alpha = h.model('p1/alpha', [{ error: { kind } }]);
      for (let run = 1; run <= 3; run++) await failureOf(h.runner.generate(request, [alpha]));
      expect(alpha.calls).toHaveLength(3);
      expect(await h.runner.modelBreakerState(alpha.identity)).toBe('closed');
    },
  );

  it.each(['rate_limit', 'timeout', 'invalid_response', 'unavailable'] as const)(
    '%s counts against the breaker',
    async (kind) => {
      const h = createHarness({ ...options, breaker: { failureThreshold: 1 } });
      const alpha = h.model('p1/alpha', [{ error: { kind } }]);
      await failureOf(h.runner.generate(request, [alpha]));
      expect(await h.runner.modelBreakerState(alpha.identity)).toBe('open');
    },
  );

  it('a breaker opened by a failure stops the retries of that model', async () => {
    const h = createHarness({ maxRetries: 3, exclusionWindowMs: 0, breaker: { failureThreshold: 2 } });
    const alpha = h.model('p1/alpha', [unavailable]);
    const error = await failureOf(h.runner.generate(request, [alpha]));
    expect(error.attempts.map((record) => record.retried)).toEqual([true, false]);
  });

  it('disabled breakers never skip a model', async () => {
    const h = createHarness({ ...options, breaker: { enabled: false, failureThreshold: 1 } });
    const alpha = h.model('p1/alpha', [unavailable]);
    for (let run = 1; run <= 4; run++) await failureOf(h.runner.generate(request, [alpha]));
    expect(alpha.calls).toHaveLength(4);
    expect(h.breakerChanges).toEqual([]);
  });
});

describe('TTA knobs', () => {
  it('maxErrorRate: the breaker opens when the failure rate over the window is above it', async () => {
    const run = async (maxErrorRate: number) => {
      const h = createHarness({
        maxRetries: 0,
        maxErrorRate,
        exclusionWindowMs: 0,
        breaker: { failureThreshold: 100, minimumSamples: 4 },
      });
      const alpha = h.model('p1/alpha', [
        { text: 'a' },
        { text: 'b' },
        { text: 'c' },
        unavailable,
        unavailable,
        { text: 'd' },
      ]);
      const states: string[] = [];
      for (let index = 0; index < 5; index++) {
        await h.runner.generate(request, [alpha]).catch(() => undefined);
        states.push(await h.runner.modelBreakerState(alpha.identity));
      }
      return states;
    };
    // 1/4 = 0.25 is not above 0.25; 2/5 = 0.4 is
    expect(await run(0.25)).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    expect(await run(0.4)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    expect(await run(0.24)).toEqual(['closed', 'closed', 'closed', 'open', 'open']);
  });

  it('exclusionWindowMs: a model that failed is tried last until the window is over', async () => {
    const h = createHarness({ exclusionWindowMs: 60_000 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'not_found' } }, { text: 'alpha again' }]);
    const beta = h.model('p2/beta');
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha', 'beta']);
    await h.clock.advance(59_999);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['beta']);
    await h.clock.advance(1);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha']);
  });

  it('exclusionWindowMs: an excluded model is still tried when nothing else answers, and a success clears it', async () => {
    const h = createHarness({ exclusionWindowMs: 60_000 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'auth' } }, { text: 'alpha' }]);
    // bad_request does not exclude beta: only alpha's own state decides the order
    const beta = h.model('p2/beta', [{ text: 'beta' }, { error: { kind: 'bad_request' } }]);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha', 'beta']);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['beta', 'alpha']);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha']);
  });

  it('exclusionWindowMs: a longer Retry-After extends the window', async () => {
    const h = createHarness({ exclusionWindowMs: 1_000, maxRetryAfterMs: 10 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 90_000 } }, { text: 'alpha' }]);
    const beta = h.model('p2/beta');
    await h.runner.generate(request, [alpha, beta]);
    await h.clock.advance(89_999);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['beta']);
    await h.clock.advance(1);
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha']);
  });

  it('exclusionWindowMs 0 turns the window off; request errors never exclude', async () => {
    const off = createHarness({ exclusionWindowMs: 0 });
    const alpha = off.model('p1/alpha', [{ error: { kind: 'not_found' } }, { text: 'alpha' }]);
    const beta = off.model('p2/beta');
    await off.runner.generate(request, [alpha, beta]);
    expect(models(await off.runner.generate(request, [alpha, beta]))).toEqual(['alpha']);

    const on = createHarness();
    const refused = on.model('p1/refused', [{ error: { kind: 'bad_request' } }, { text: 'fine' }]);
    await on.runner.generate(request, [refused, on.model('p2/beta')]);
    expect(models(await on.runner.generate(request, [refused, on.model('p2/beta')]))).toEqual(['refused']);
  });

  it('exclusionWindowMs: a run cut by its deadline or by the caller excludes nothing', async () => {
    const h = createHarness();
    const alpha = h.model('p1/alpha', [{ hang: true }, { text: 'alpha' }]);
    const beta = h.model('p2/beta');
    await failureOf(h.runner.generate(request, [alpha, beta], { timeouts: { totalMs: 10 } }));
    expect(models(await h.runner.generate(request, [alpha, beta]))).toEqual(['alpha']);
  });

  it('exclusionWindowMs 0 also ignores a long Retry-After', async () => {
    const h = createHarness({ exclusionWindowMs: 0, maxRetryAfterMs: 10 });
    const alpha = h.model('p1/alpha', [{ error: { kind: 'rate_limit', retryAfterMs: 90_000 } }, { text: 'alpha' }]);
    await h.runner.generate(request, [alpha, h.model('p2/beta')]);
    expect(models(await h.runner.generate(request, [alpha, h.model('p2/beta')]))).toEqual(['alpha']);
  });

  it('preferDifferentProvider: after a provider-level failure, other providers come first', async () => {
    const order = async (preferDifferentProvider: boolean, kind: 'unavailable' | 'not_found') => {
      const h = createHarness({ preferDifferentProvider, maxRetries: 0 });
      const a = h.model('p1/a', [{ error: { kind } }]);
      const result = await h.runner.generate(request, [a, h.model('p1/b'), h.model('p2/c')]);
      return {
        tried: models(result),
        fallback: h.fallbacks.map((event) => `${event.from.modelId}>${event.to.modelId}`),
      };
    };
    expect(await order(true, 'unavailable')).toEqual({ tried: ['a', 'c'], fallback: ['a>c'] });
    expect(await order(false, 'unavailable')).toEqual({ tried: ['a', 'b'], fallback: ['a>b'] });
    expect(await order(true, 'not_found')).toEqual({ tried: ['a', 'b'], fallback: ['a>b'] });
  });

  it('preferDifferentProvider applies once the retries are used up', async () => {
    const h = createHarness({ maxRetries: 1 });
    const a = h.model('p1/a', [unavailable]);
    const result = await h.runner.generate(request, [a, h.model('p1/b'), h.model('p2/c')]);
    expect(models(result)).toEqual(['a', 'a', 'c']);
  });

  it('retryDelayMs and maxRetryDelayMs shape the backoff', async () => {
    const h = createHarness({ retryDelayMs: 100, maxRetryDelayMs: 150 });
    const alpha = h.model('p1/alpha', [unavailable, unavailable, unavailable, { text: 'ok' }]);
    await h.runner.generate(request, [alpha]);
    // 0.5 × min(150, 100 × 2^n)
    expect(h.clock.sleeps).toEqual([50, 75, 75]);
  });

  it('a zero backoff retries without waiting', async () => {
    const h = createHarness({ retryDelayMs: 0 });
    const alpha = h.model('p1/alpha', [unavailable, { text: 'ok' }]);
    await h.runner.generate(request, [alpha]);
    expect(h.clock.sleeps).toEqual([]);
    expect(alpha.calls).toHaveLength(2);
  });
});

describe('strategies in runs', () => {
  it('cost: tries the cheapest candidate first', async () => {
    const h = createHarness({ strategy: 'cost' });
    const dear = h.model('p1/dear');
    const cheap = h.model('p2/cheap');
    const result = await h.runner.generate(request, [
      {
        model: dear,
        info: infoOf('p1/dear', { pricing: { inputPerToken: 1e-5, outputPerToken: 1e-5, perRequest: 0 } }),
      },
      {
        model: cheap,
        info: infoOf('p2/cheap', { pricing: { inputPerToken: 1e-7, outputPerToken: 1e-7, perRequest: 0 } }),
      },
    ]);
    expect(models(result)).toEqual(['cheap']);
  });

  it('performance: tries the most reliable measured candidate first', async () => {
    const statsSource = {
      getModelStats: (model: { modelId: string }) =>
        model.modelId === 'steady'
          ? {
              sampleCount: 50,
              successRate: 0.99,
              latencyMs: { p50: 400, p95: 900 },
              timeToFirstTokenMs: null,
              tokensPerSecond: null,
              windowMs: 60_000,
            }
          : undefined,
    };
    const h = createHarness({ strategy: 'performance', statsSource });
    const result = await h.runner.generate(request, [h.model('p1/new'), h.model('p2/steady')]);
    expect(models(result)).toEqual(['steady']);
  });

  it('availability: tries models with recent failures after those without', async () => {
    const h = createHarness({ strategy: 'availability', exclusionWindowMs: 0, maxRetries: 0 });
    const shaky = h.model('p1/shaky', [unavailable, { text: 'shaky' }]);
    const solid = h.model('p2/solid');
    await h.runner.generate(request, [shaky, solid]);
    expect(models(await h.runner.generate(request, [shaky, solid]))).toEqual(['solid']);
  });
});
