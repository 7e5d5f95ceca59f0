import type { BreakerSettings } from './fallback-options';

/** Outcomes of one slice of the window: when it starts (ms), failures, successes. */
export type Bucket = [start: number, failures: number, successes: number];

/** Where a breaker stands: `closed` lets calls through, `open` rejects them, `half-open` lets probes through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** What an attempt tells a breaker: a success, a health failure, or nothing about health. */
export type BreakerOutcome = 'success' | 'failure' | 'neutral';

/** Whether a breaker lets a call through now: freely, as a probe, or not at all. */
export type Admission = 'allow' | 'probe' | 'reject';

/** Breaker settings plus the failure rate above which it opens. */
export type BreakerPolicy = BreakerSettings & { maxErrorRate: number };

/**
 * The health of one model or one provider, as kept in the state store (JSON only).
 * Times are in ms of the runner's clock.
 */
export interface HealthRecord {
  state: BreakerState;
  /** Health failures since the last success. */
  consecutiveFailures: number;
  /** Outcomes in the window as `[bucket start, failures, successes]`, oldest first (see {@link WINDOW_BUCKETS}). */
  buckets: Bucket[];
  /** When the breaker last opened (meaningful while open). */
  openedAt: number;
  /** Start times of the probes in flight while half-open. */
  probes: number[];
  /** Until when the model is ordered last (exclusion window); `null` when it is not. */
  excludedUntil: number | null;
}

/**
 * The window is kept as this many buckets of `windowMs / WINDOW_BUCKETS` each, so recording an
 * outcome costs the same however busy the model is. An outcome leaves the window with its
 * bucket: it counts for between 0.9 × `windowMs` and `windowMs`.
 */
export const WINDOW_BUCKETS = 10;

/** A breaker that has seen nothing. */
export function freshRecord(): HealthRecord {
  return { state: 'closed', consecutiveFailures: 0, buckets: [], openedAt: 0, probes: [], excludedUntil: null };
}

/** The state at `now`: an open breaker whose cooldown is over is half-open, even before anyone asks. */
export function effectiveState(record: HealthRecord, now: number, policy: BreakerPolicy): BreakerState {
  if (record.state === 'open' && now - record.openedAt >= policy.cooldownMs) return 'half-open';
  return record.state;
}

// A probe that never reported back (its process died) stops holding its slot after a cooldown.
function liveProbes(record: HealthRecord, now: number, policy: BreakerPolicy): number[] {
  return record.probes.filter((startedAt) => now - startedAt < policy.cooldownMs);
}

/** Whether a call may go through at `now`. */
export function admissionOf(record: HealthRecord, now: number, policy: BreakerPolicy): Admission {
  const state = effectiveState(record, now, policy);
  if (state === 'closed') return 'allow';
  if (state === 'open') return 'reject';
  return liveProbes(record, now, policy).length < policy.halfOpenProbes ? 'probe' : 'reject';
}

/** The record after a probe started at `now` (the breaker is half-open from then on). */
export function withProbe(record: HealthRecord, now: number, policy: BreakerPolicy): HealthRecord {
  return { ...record, state: 'half-open', probes: [...liveProbes(record, now, policy), now] };
}

// Buckets still in the window at `now`: those that started less than `windowMs` ago.
function liveBuckets(record: HealthRecord, now: number, policy: BreakerPolicy): Bucket[] {
  return record.buckets.filter(([start]) => now - start < policy.windowMs);
}

function countsOf(buckets: readonly Bucket[]): { failures: number; total: number } {
  let failures = 0;
  let total = 0;
  for (const [, bucketFailures, bucketSuccesses] of buckets) {
    failures += bucketFailures;
    total += bucketFailures + bucketSuccesses;
  }
  return { failures, total };
}

/** The failure rate of the outcomes in the window (0 when there are none). */
export function failureRate(record: HealthRecord, now: number, policy: BreakerPolicy): number {
  const { failures, total } = countsOf(liveBuckets(record, now, policy));
  return total === 0 ? 0 : failures / total;
}

function withCounted(record: HealthRecord, isFailure: boolean, now: number, policy: BreakerPolicy): Bucket[] {
  const width = policy.windowMs / WINDOW_BUCKETS;
  const start = Math.floor(now / width) * width;
  const buckets = liveBuckets(record, now, policy);
  const current: Bucket = buckets.at(-1)?.[0] === start ? (buckets.pop() as Bucket) : [start, 0, 0];
  buckets.push([start, current[1] + (isFailure ? 1 : 0), current[2] + (isFailure ? 0 : 1)]);
  return buckets;
}

function shouldOpen(consecutiveFailures: number, buckets: Bucket[], policy: BreakerPolicy): boolean {
  if (consecutiveFailures >= policy.failureThreshold) return true;
  const { failures, total } = countsOf(buckets);
  return total >= policy.minimumSamples && failures / total > policy.maxErrorRate;
}

/**
 * The record after an attempt ended at `now` with `outcome`. `probeStartedAt` is the start of the
 * probe this attempt held, if any (its slot is released). Transitions: closed → open after
 * `failureThreshold` consecutive failures or a failure rate above `maxErrorRate` over at least
 * `minimumSamples` outcomes in the window; half-open → closed on a success, → open on a failure.
 * With the breaker disabled, outcomes are still counted (the `availability` strategy reads them)
 * but the state stays closed.
 */
export function withOutcome(
  record: HealthRecord,
  outcome: BreakerOutcome,
  now: number,
  policy: BreakerPolicy,
  probeStartedAt: number | null,
): HealthRecord {
  const probes = [...record.probes];
  const probeIndex = probeStartedAt === null ? -1 : probes.indexOf(probeStartedAt);
  if (probeIndex !== -1) probes.splice(probeIndex, 1);
  if (outcome === 'neutral') return { ...record, probes };
  const isFailure = outcome === 'failure';
  const buckets = withCounted(record, isFailure, now, policy);
  const consecutiveFailures = isFailure ? record.consecutiveFailures + 1 : 0;
  const updated: HealthRecord = { ...record, consecutiveFailures, buckets, probes };
  if (!policy.enabled) return updated;
  if (record.state === 'half-open') {
    return isFailure
      ? { ...updated, state: 'open', openedAt: now, probes: [] }
      : { ...updated, state: 'closed', buckets: [], probes: [] };
  }
  if (record.state === 'closed' && isFailure && shouldOpen(consecutiveFailures, buckets, policy)) {
    return { ...updated, state: 'open', openedAt: now, probes: [] };
  }
  return updated;
}
