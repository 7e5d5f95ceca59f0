import { estimateCost, type GenerateRequest, type PerformanceStatsSource } from '@modelyard/core';
import type { ResolvedCandidate } from './candidate';
import { type BreakerPolicy, effectiveState, failureRate, freshRecord, type HealthRecord } from './circuit-breaker';
import type { Strategy } from './fallback-options';

/** What the strategies read besides the candidates. */
export interface OrderingContext {
  now: number;
  policy: BreakerPolicy;
  /** Health records by model key; a missing one is a fresh breaker. */
  records: ReadonlyMap<string, HealthRecord>;
  statsSource: PerformanceStatsSource | undefined;
  request: GenerateRequest;
  /** Output tokens the cost strategy assumes when the request sets no `maxOutputTokens`. */
  expectedOutputTokens: number;
}

/** Input tokens of a request, estimated as characters / 4 rounded up (no tokenizer is at hand). */
export function estimateInputTokens(request: GenerateRequest): number {
  let characters = request.system?.length ?? 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else for (const part of message.content) if (part.type === 'text') characters += part.text.length;
  }
  return Math.ceil(characters / 4);
}

const STATE_ORDER = { closed: 0, 'half-open': 1, open: 2 } as const;

type SortKey = (candidate: ResolvedCandidate) => number[];

function performanceKey(context: OrderingContext): SortKey {
  return (candidate) => {
    const stats = context.statsSource?.getModelStats(candidate.identity);
    if (stats === undefined || stats.sampleCount === 0) return [1, 0, 0];
    return [0, -stats.successRate, stats.latencyMs?.p50 ?? Number.POSITIVE_INFINITY];
  };
}

function costKey(context: OrderingContext): SortKey {
  const tokens = {
    inputTokens: estimateInputTokens(context.request),
    outputTokens: context.request.maxOutputTokens ?? context.expectedOutputTokens,
  };
  return (candidate) => {
    const cost = candidate.info === null ? null : estimateCost(candidate.info.pricing, tokens);
    return cost === null ? [1, 0] : [0, cost];
  };
}

function availabilityKey(context: OrderingContext): SortKey {
  return (candidate) => {
    const record = context.records.get(candidate.key) ?? freshRecord();
    const state = effectiveState(record, context.now, context.policy);
    return [STATE_ORDER[state], failureRate(record, context.now, context.policy)];
  };
}

// Keys of one strategy all have the same length.
function compareKeys(left: readonly number[], right: readonly number[]): number {
  for (const [index, a] of left.entries()) {
    const b = right[index] as number;
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return 0;
}

const SORT_KEYS: Record<Exclude<Strategy, 'ranked'>, (context: OrderingContext) => SortKey> = {
  performance: performanceKey,
  cost: costKey,
  availability: availabilityKey,
};

/**
 * The order a run tries the candidates in. `ranked` keeps the given order; `performance` puts
 * measured models first, by success rate (higher first) then median latency (lower first);
 * `cost` puts the cheapest estimated call first and unknown prices last; `availability` puts
 * closed breakers first, then half-open, then open, each by recent failure rate. Ties keep the
 * given order. Then, whatever the strategy, models in their exclusion window go last.
 */
export function orderCandidates(
  strategy: Strategy,
  candidates: readonly ResolvedCandidate[],
  context: OrderingContext,
): ResolvedCandidate[] {
  const ordered = [...candidates];
  if (strategy !== 'ranked') {
    const keyOf = SORT_KEYS[strategy](context);
    const keys = new Map(ordered.map((candidate) => [candidate, keyOf(candidate)]));
    ordered.sort((left, right) => compareKeys(keys.get(left) as number[], keys.get(right) as number[]));
  }
  const isExcluded = (candidate: ResolvedCandidate) => {
    const until = context.records.get(candidate.key)?.excludedUntil ?? null;
    return until !== null && until > context.now;
  };
  return [...ordered.filter((candidate) => !isExcluded(candidate)), ...ordered.filter(isExcluded)];
}

/** The queue with the candidates of `providerId` moved after the others, each group in its order. */
export function demoteProvider(queue: readonly ResolvedCandidate[], providerId: string): ResolvedCandidate[] {
  return [
    ...queue.filter((candidate) => candidate.identity.providerId !== providerId),
    ...queue.filter((candidate) => candidate.identity.providerId === providerId),
  ];
}
