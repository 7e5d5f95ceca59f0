import { estimateCost, type ModelPerformanceStats } from '@modelyard/core';
import { createMockLanguageModel } from '@modelyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCandidates } from './candidate';
import { freshRecord, type HealthRecord } from './circuit-breaker';
import { STRATEGIES } from './fallback-options';
import { demoteProvider, estimateInputTokens, orderCandidates } from './ordering';
import { infoOf, request } from './test-support/harness';

const NOW = 1_000_000;
const price = fc.option(fc.double({ min: 0, max: 1e-4, noNaN: true }), { nil: null });

const entryArbitrary = fc.record({
  providerId: fc.constantFrom('p1', 'p2', 'p3'),
  pricing: fc.option(fc.record({ inputPerToken: price, outputPerToken: price, perRequest: price }), { nil: undefined }),
  excludedFor: fc.option(fc.integer({ min: -1_000, max: 1_000 }), { nil: null }),
  breaker: fc.constantFrom('closed', 'open', 'half-open'),
  failures: fc.nat({ max: 5 }),
  successes: fc.nat({ max: 5 }),
  stats: fc.option(
    fc.record({ successRate: fc.double({ min: 0, max: 1, noNaN: true }), p50: fc.option(fc.nat({ max: 5_000 })) }),
    { nil: undefined },
  ),
});

type Entry = typeof entryArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

function build(typed: Entry[]) {
  const candidates = resolveCandidates(
    typed.map((entry, index) => {
      const identity = { providerId: entry.providerId, modelId: `m${index}` };
      const model = createMockLanguageModel({ identity });
      return entry.pricing
        ? { model, info: infoOf(`${entry.providerId}/m${index}`, { pricing: entry.pricing }) }
        : model;
    }),
  );
  const records = new Map<string, HealthRecord>(
    typed.map((entry, index) => [
      `${entry.providerId}/m${index}`,
      {
        ...freshRecord(),
        state: entry.breaker,
        openedAt: NOW - 10,
        buckets: entry.failures + entry.successes === 0 ? [] : [[NOW - 5, entry.failures, entry.successes]],
        excludedUntil: entry.excludedFor === null ? null : NOW + entry.excludedFor,
      },
    ]),
  );
  const statsSource = {
    getModelStats: (model: { modelId: string }): ModelPerformanceStats | undefined => {
      const stats = typed[Number(model.modelId.slice(1))]?.stats;
      return stats === undefined
        ? undefined
        : {
            sampleCount: 10,
            successRate: stats.successRate,
            latencyMs: stats.p50 === null ? null : { p50: stats.p50, p95: stats.p50 },
            timeToFirstTokenMs: null,
            tokensPerSecond: null,
            windowMs: 60_000,
          };
    },
  };
  const policy = {
    enabled: true,
    failureThreshold: 5,
    windowMs: 60_000,
    minimumSamples: 10,
    cooldownMs: 30_000,
    halfOpenProbes: 1,
    maxErrorRate: 0.5,
  };
  const context = { now: NOW, policy, records, statsSource, request, expectedOutputTokens: 100 };
  const isExcluded = (key: string) => (records.get(key)?.excludedUntil ?? NOW) > NOW;
  return { candidates, context, isExcluded };
}

const entries = fc.array(entryArbitrary, { maxLength: 12 });

describe('orderCandidates (properties)', () => {
  it('every strategy returns a permutation, with excluded models after all others', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom(...STRATEGIES), (list, strategy) => {
        const { candidates, context, isExcluded } = build(list);
        const ordered = orderCandidates(strategy, candidates, context);
        expect(ordered.map((candidate) => candidate.key).sort()).toEqual(candidates.map((c) => c.key).sort());
        const flags = ordered.map((candidate) => isExcluded(candidate.key));
        expect(flags).toEqual([...flags].sort((left, right) => Number(left) - Number(right)));
      }),
    );
  });

  it('ranked keeps the rank order inside each group', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const { candidates, context } = build(list);
        const ordered = orderCandidates('ranked', candidates, context);
        for (const group of [true, false]) {
          const ranks = ordered
            .filter((candidate) => (context.records.get(candidate.key)?.excludedUntil ?? NOW) > NOW === group)
            .map((candidate) => candidate.rank);
          expect(ranks).toEqual([...ranks].sort((left, right) => left - right));
        }
      }),
    );
  });

  it('cost never puts a known cost after a higher one, nor an unknown before a known one (outside exclusion)', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const { candidates, context, isExcluded } = build(list);
        const tokens = { inputTokens: estimateInputTokens(request), outputTokens: 100 };
        const costs = orderCandidates('cost', candidates, context)
          .filter((candidate) => !isExcluded(candidate.key))
          .map((candidate) => (candidate.info ? estimateCost(candidate.info.pricing, tokens) : null));
        const known = costs.filter((cost) => cost !== null);
        expect(costs.slice(0, known.length)).toEqual(known);
        expect(known).toEqual([...known].sort((left, right) => left - right));
      }),
    );
  });

  it('demoteProvider is a stable partition', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom('p1', 'p2', 'p3'), (list, providerId) => {
        const { candidates } = build(list);
        const demoted = demoteProvider(candidates, providerId);
        const others = candidates.filter((candidate) => candidate.identity.providerId !== providerId);
        const same = candidates.filter((candidate) => candidate.identity.providerId === providerId);
        expect(demoted).toEqual([...others, ...same]);
      }),
    );
  });
});
