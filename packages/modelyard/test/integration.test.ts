// TTA's integration scenarios, over real instances: provider-custom on the real openai client
// against loopback fakes, the real selector, fallback runner and monitor. No mock of our packages.
import { checkStreamSequence, formatModelKey, type StreamPart } from '@modelyard/core';
import { FallbackError, type FallbackEvent } from '@modelyard/fallback';
import { STATUS_FAULTS } from '@modelyard/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { createModelyard, type Modelyard } from '../src/index';
import { CHAT_PATH, type Fleet, startFleet } from '../src/test-support/fleet';

const request = { messages: [{ role: 'user' as const, content: 'hi' }] };
let fleet: Fleet | undefined;
let modelyard: Modelyard | undefined;

afterEach(async () => {
  await modelyard?.dispose();
  await fleet?.close();
  modelyard = undefined;
  fleet = undefined;
});

async function setUp(options: { unreachable?: string } = {}) {
  // alpha is the cheapest, so it ranks first; beta next; gamma is the dearest.
  fleet = await startFleet(
    [
      { name: 'alpha', pricePerMillion: 0.1 },
      { name: 'beta', pricePerMillion: 0.2 },
      { name: 'gamma', pricePerMillion: 5 },
    ],
    options,
  );
  const fallbacks: FallbackEvent[] = [];
  modelyard = createModelyard({
    providers: fleet.providers,
    hardware: null,
    discovery: { cacheTtlMs: 0 },
    fallback: { maxRetries: 1, retryDelayMs: 0, hooks: { onFallback: (event) => fallbacks.push(event) } },
  });
  return { fleet, modelyard, fallbacks };
}

describe('selection → failure → fallback → recording', () => {
  test('falls back to the next ranked model after the selected one fails', async () => {
    const { fleet, modelyard, fallbacks } = await setUp();
    const alpha = fleet.byName('alpha');
    alpha.fake.injectFault(STATUS_FAULTS.serviceUnavailable, { path: CHAT_PATH, times: 2 });

    const result = await modelyard.generate(request);

    expect(result.ranked.map((entry) => entry.model.providerId)).toEqual(['alpha', 'beta', 'gamma']);
    expect(result.text).toBe('beta-model heard: hi');
    expect(result.model).toEqual({ providerId: 'beta', modelId: 'beta-model' });
    expect(
      result.attempts.map((attempt) => [
        attempt.model.providerId,
        attempt.outcome,
        attempt.statusCode,
        attempt.retried,
      ]),
    ).toEqual([
      ['alpha', 'unavailable', 503, true],
      ['alpha', 'unavailable', 503, false],
      ['beta', 'ok', null, false],
    ]);
    expect(fallbacks.map((event) => [event.from.providerId, event.to.providerId, event.reason])).toEqual([
      ['alpha', 'beta', 'unavailable'],
    ]);
    expect(fleet.byName('gamma').chatRequests()).toBe(0);
  });

  test('fallback never leaves the models the requirements allow', async () => {
    const { fleet, modelyard } = await setUp();
    // gamma costs $5 per million: above the cap, so it is no candidate even when the others fail.
    const requirements = { maxPricePerMillionTokens: { input: 1, output: 1 } };
    fleet.byName('alpha').fake.injectFault(STATUS_FAULTS.internalError, { path: CHAT_PATH, times: 2 });
    fleet.byName('beta').fake.injectFault(STATUS_FAULTS.internalError, { path: CHAT_PATH, times: 2 });

    const failure = await modelyard.generate(request, requirements).catch((error: unknown) => error);

    expect(FallbackError.isInstance(failure)).toBe(true);
    const error = failure as FallbackError;
    expect(error.reason).toBe('exhausted');
    expect(error.attempts.map((attempt) => formatModelKey(attempt.model))).toEqual([
      'alpha/alpha-model',
      'alpha/alpha-model',
      'beta/beta-model',
      'beta/beta-model',
    ]);
    expect(fleet.byName('gamma').chatRequests()).toBe(0);

    const selection = await modelyard.select(requirements);
    expect(
      selection.rejected.map((entry) => [entry.model.providerId, entry.reasons.map((reason) => reason.code)]),
    ).toEqual([['gamma', ['input_price_above_cap', 'output_price_above_cap']]]);
  });

  test('the monitor records every attempt of the selected model and of its fallback', async () => {
    const { fleet, modelyard } = await setUp();
    fleet.byName('alpha').fake.injectFault(STATUS_FAULTS.serviceUnavailable, { path: CHAT_PATH, times: 2 });

    await modelyard.generate(request, { task: 'dialogue_generation' });

    const stats = modelyard.stats('1m');
    const byModel = new Map(stats.models.map((entry) => [entry.model.providerId, entry.stats]));
    expect(byModel.get('alpha')?.requestCount).toBe(2);
    expect(byModel.get('alpha')?.errorsByKind.unavailable).toBe(2);
    expect(byModel.get('alpha')?.successCount).toBe(0);
    expect(byModel.get('beta')?.requestCount).toBe(1);
    expect(byModel.get('beta')?.successCount).toBe(1);
    // The fake counts "hi" as 1 prompt token and answers 3 words: cost = 4 tokens × $0.2 per million.
    expect(byModel.get('beta')?.costUsd).toBeCloseTo(4 * 0.000_000_2, 12);
    expect(byModel.has('gamma')).toBe(false);
    expect(stats.summary.overall.requestCount).toBe(3);
    expect(modelyard.monitor.totals().find((total) => total.model.providerId === 'beta')?.task).toBe(
      'dialogue_generation',
    );
  });

  test('measured performance changes the next selection', async () => {
    fleet = await startFleet([
      { name: 'first', pricePerMillion: 0.1 },
      { name: 'second', pricePerMillion: 0.1 },
    ]);
    modelyard = createModelyard({
      providers: fleet.providers,
      hardware: null,
      // No exclusion window: each call tries "first" again, so its three failures are measured.
      fallback: { maxRetries: 0, exclusionWindowMs: 0 },
    });
    // Same price, same everything: the tie goes to identity order, so "first" leads.
    expect((await modelyard.select()).ranked.map((entry) => entry.model.providerId)).toEqual(['first', 'second']);

    fleet.byName('first').fake.injectFault(STATUS_FAULTS.serviceUnavailable, { path: CHAT_PATH, times: 3 });
    for (let call = 0; call < 3; call += 1) {
      const result = await modelyard.generate(request);
      expect(result.model.providerId).toBe('second');
    }

    const explanation = await modelyard.explain();
    expect(explanation.ranked.map((entry) => entry.model.providerId)).toEqual(['second', 'first']);
    const performanceOf = (providerId: string) =>
      explanation.ranked
        .find((entry) => entry.model.providerId === providerId)
        ?.factors.find((factor) => factor.factor === 'performance');
    expect(performanceOf('first')?.normalized).toBe(0); // 3 attempts, none successful
    expect(performanceOf('second')?.normalized).toBe(1); // 3 of 3 successful (only candidate with latency)
  });

  test('the whole workflow while streaming: the failure before the first token is invisible, and recorded', async () => {
    const { fleet, modelyard } = await setUp({ unreachable: 'down' });
    fleet.byName('alpha').fake.injectFault({ type: 'reset' }, { path: CHAT_PATH, times: 2 });

    const stream = modelyard.stream(request, { task: 'dialogue_generation' });
    const parts: StreamPart[] = [];
    for await (const part of stream) if (part.type !== 'restart') parts.push(part);

    const sequence = checkStreamSequence(parts);
    expect(sequence.isWellFormed).toBe(true);
    expect(sequence.text).toBe('beta-model heard: hi');
    expect(parts.filter((part) => part.type === 'start')).toEqual([
      { type: 'start', model: { providerId: 'beta', modelId: 'beta-model' }, warnings: [] },
    ]);
    expect(stream.attempts.map((attempt) => [attempt.model.providerId, attempt.outcome])).toEqual([
      ['alpha', 'unavailable'],
      ['alpha', 'unavailable'],
      ['beta', 'ok'],
    ]);
    expect(stream.ranked.map((entry) => entry.model.providerId)).toEqual(['alpha', 'beta', 'gamma']);
    const beta = modelyard.stats('1m').models.find((entry) => entry.model.providerId === 'beta');
    expect(beta?.stats.streamingCount).toBe(1);
    const discovery = await modelyard.discover();
    expect(discovery.providers.map((report) => [report.providerId, report.status])).toEqual([
      ['alpha', 'ok'],
      ['beta', 'ok'],
      ['gamma', 'ok'],
      ['down', 'failed'],
    ]);
    expect(discovery.providers[3]?.error?.kind).toBe('unavailable');
  });
});
