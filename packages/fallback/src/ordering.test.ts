import type { GenerateRequest, ModelPerformanceStats } from '@modelyard/core';
import { createMockLanguageModel } from '@modelyard/testkit';
import { describe, expect, it } from 'vitest';
import { resolveCandidates } from './candidate';
import { type BreakerPolicy, freshRecord, type HealthRecord } from './circuit-breaker';
import { demoteProvider, estimateInputTokens, type OrderingContext, orderCandidates } from './ordering';
import { infoOf, request } from './test-support/harness';

const policy: BreakerPolicy = {
  enabled: true,
  failureThreshold: 5,
  windowMs: 60_000,
  minimumSamples: 10,
  cooldownMs: 30_000,
  halfOpenProbes: 1,
  maxErrorRate: 0.5,
};
const NOW = 100_000;

function candidatesOf(keys: string[], infos: Record<string, Parameters<typeof infoOf>[1]> = {}) {
  return resolveCandidates(
    keys.map((key) => {
      const [providerId = '', modelId = ''] = key.split('/');
      const model = createMockLanguageModel({ identity: { providerId, modelId } });
      return key in infos ? { model, info: infoOf(key, infos[key]) } : model;
    }),
  );
}

function context(fields: Partial<OrderingContext> = {}): OrderingContext {
  return {
    now: NOW,
    policy,
    records: new Map(),
    statsSource: undefined,
    request,
    expectedOutputTokens: 500,
    ...fields,
  };
}

const keysOf = (ordered: { key: string }[]) => ordered.map((candidate) => candidate.key);

function stats(successRate: number, p50: number | null, sampleCount = 20): ModelPerformanceStats {
  return {
    sampleCount,
    successRate,
    latencyMs: p50 === null ? null : { p50, p95: p50 * 2 },
    timeToFirstTokenMs: null,
    tokensPerSecond: null,
    windowMs: 60_000,
  };
}

describe('estimateInputTokens', () => {
  it('counts characters of the system prompt and every text, / 4 rounded up', () => {
    expect(estimateInputTokens(request)).toBe(4); // 15 characters
    const mixed: GenerateRequest = {
      system: 'Be brief',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'abcd' },
            { type: 'image', url: 'https://example.com/a.png' },
          ],
        },
        { role: 'assistant', content: 'x' },
      ],
    };
    expect(estimateInputTokens(mixed)).toBe(4); // 8 + 4 + 1 = 13
    expect(estimateInputTokens({ messages: [{ role: 'user', content: 'abcdefgh' }] })).toBe(2);
  });
});

describe('orderCandidates', () => {
  it('ranked keeps the given order', () => {
    expect(keysOf(orderCandidates('ranked', candidatesOf(['p/c', 'p/a', 'p/b']), context()))).toEqual([
      'p/c',
      'p/a',
      'p/b',
    ]);
  });

  it('performance: measured first by success rate, then median latency; unmeasured after, in rank order', () => {
    const table: Record<string, ModelPerformanceStats> = {
      'p/b': stats(0.9, 300),
      'p/c': stats(0.9, 200),
      'p/d': stats(1, null),
      'p/e': stats(1, 10, 0),
    };
    const statsSource = { getModelStats: (model: { modelId: string }) => table[`p/${model.modelId}`] };
    const ordered = orderCandidates(
      'performance',
      candidatesOf(['p/a', 'p/b', 'p/c', 'p/d', 'p/e']),
      context({ statsSource }),
    );
    expect(keysOf(ordered)).toEqual(['p/d', 'p/c', 'p/b', 'p/a', 'p/e']);
  });

  it('performance: a lower success rate loses to a higher one even when faster', () => {
    const table: Record<string, ModelPerformanceStats> = { 'p/fast': stats(0.5, 10), 'p/sure': stats(0.99, 5_000) };
    const statsSource = { getModelStats: (model: { modelId: string }) => table[`p/${model.modelId}`] };
    expect(
      keysOf(orderCandidates('performance', candidatesOf(['p/fast', 'p/sure']), context({ statsSource }))),
    ).toEqual(['p/sure', 'p/fast']);
  });

  it('cost: cheapest estimated call first (4 input tokens, 500 output), unknown prices last', () => {
    const infos = {
      'p/a': { pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 } }, // 0.001004
      'p/b': { isFree: true, pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 } }, // 0
      'p/d': { pricing: { inputPerToken: 1e-6, outputPerToken: null, perRequest: 0 } }, // unknown
      'p/e': { pricing: { inputPerToken: 0, outputPerToken: 1e-6, perRequest: 0.0005 } }, // 0.001
    };
    const candidates = candidatesOf(['p/a', 'p/b', 'p/c', 'p/d', 'p/e'], infos);
    expect(keysOf(orderCandidates('cost', candidates, context()))).toEqual(['p/b', 'p/e', 'p/a', 'p/c', 'p/d']);
  });

  it('cost: the request’s maxOutputTokens, 0 included, replaces the expected output', () => {
    const infos = {
      'p/a': { pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 } }, // 0.000004
      'p/e': { pricing: { inputPerToken: 0, outputPerToken: 1e-6, perRequest: 0.0005 } }, // 0.0005
    };
    const candidates = candidatesOf(['p/e', 'p/a'], infos);
    expect(
      keysOf(orderCandidates('cost', candidates, context({ request: { ...request, maxOutputTokens: 0 } }))),
    ).toEqual(['p/a', 'p/e']);
    expect(keysOf(orderCandidates('cost', candidates, context({ expectedOutputTokens: 0 })))).toEqual(['p/a', 'p/e']);
    expect(keysOf(orderCandidates('cost', candidates, context()))).toEqual(['p/e', 'p/a']);
  });

  it('availability: closed, then half-open, then open; each by recent failure rate', () => {
    const buckets = (failures: number, successes: number): HealthRecord['buckets'] => [[NOW - 10, failures, successes]];
    const records = new Map<string, HealthRecord>([
      ['p/a', { ...freshRecord(), state: 'open', openedAt: NOW - 29_999 }],
      ['p/b', { ...freshRecord(), state: 'half-open' }],
      ['p/c', { ...freshRecord(), buckets: buckets(1, 1) }],
      ['p/e', { ...freshRecord(), state: 'open', openedAt: NOW - 30_000 }],
      ['p/f', { ...freshRecord(), buckets: buckets(1, 3) }],
    ]);
    const candidates = candidatesOf(['p/a', 'p/b', 'p/c', 'p/d', 'p/e', 'p/f']);
    expect(keysOf(orderCandidates('availability', candidates, context({ records })))).toEqual([
      'p/d',
      'p/f',
      'p/c',
      'p/b',
      'p/e',
      'p/a',
    ]);
  });

  it('puts models in their exclusion window last, whatever the strategy, each group in order', () => {
    const excluded = (until: number): HealthRecord => ({ ...freshRecord(), excludedUntil: until });
    const records = new Map<string, HealthRecord>([
      ['p/a', excluded(NOW + 1)],
      ['p/b', excluded(NOW)],
      ['p/c', excluded(NOW + 50_000)],
    ]);
    const candidates = candidatesOf(['p/a', 'p/b', 'p/c', 'p/d']);
    expect(keysOf(orderCandidates('ranked', candidates, context({ records })))).toEqual(['p/b', 'p/d', 'p/a', 'p/c']);
    expect(keysOf(orderCandidates('availability', candidates, context({ records })))).toEqual([
      'p/b',
      'p/d',
      'p/a',
      'p/c',
    ]);
  });

  it('does not change the list it was given', () => {
    const candidates = candidatesOf(['p/a', 'p/b']);
    const records = new Map([['p/a', { ...freshRecord(), excludedUntil: NOW + 1 }]]);
    orderCandidates('ranked', candidates, context({ records }));
    expect(keysOf(candidates)).toEqual(['p/a', 'p/b']);
  });
});

describe('demoteProvider', () => {
  it('moves one provider’s candidates after the others, keeping both orders', () => {
    const queue = candidatesOf(['p1/a', 'p2/b', 'p1/c', 'p3/d']);
    expect(keysOf(demoteProvider(queue, 'p1'))).toEqual(['p2/b', 'p3/d', 'p1/a', 'p1/c']);
    expect(keysOf(demoteProvider(queue, 'p9'))).toEqual(['p1/a', 'p2/b', 'p1/c', 'p3/d']);
  });
});
