import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admissionOf,
  type BreakerOutcome,
  type BreakerPolicy,
  effectiveState,
  freshRecord,
  type HealthRecord,
  WINDOW_BUCKETS,
  withOutcome,
  withProbe,
} from './circuit-breaker';

const policyArbitrary: fc.Arbitrary<BreakerPolicy> = fc.record({
  enabled: fc.boolean(),
  failureThreshold: fc.integer({ min: 1, max: 8 }),
  windowMs: fc.integer({ min: 1, max: 5_000 }),
  minimumSamples: fc.integer({ min: 1, max: 200 }),
  cooldownMs: fc.integer({ min: 0, max: 2_000 }),
  halfOpenProbes: fc.integer({ min: 1, max: 3 }),
  maxErrorRate: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** A call: a wait, then an admission check, then (when admitted) an outcome. */
const callsArbitrary = fc.array(
  fc.record({
    waitMs: fc.integer({ min: 0, max: 1_500 }),
    outcome: fc.constantFrom<BreakerOutcome>('success', 'failure', 'neutral'),
  }),
  { maxLength: 60 },
);

/** Drives a breaker through calls the way the runner does; returns every record seen. */
function drive(policy: BreakerPolicy, calls: { waitMs: number; outcome: BreakerOutcome }[]) {
  let record: HealthRecord = freshRecord();
  let now = 1_000;
  const seen: { record: HealthRecord; now: number; admitted: boolean; before: HealthRecord }[] = [];
  for (const { waitMs, outcome } of calls) {
    now += waitMs;
    const before = record;
    const admission = policy.enabled ? admissionOf(record, now, policy) : 'allow';
    if (admission === 'reject') {
      seen.push({ record, now, admitted: false, before });
      continue;
    }
    const probe = admission === 'probe' ? now : null;
    if (probe !== null) record = withProbe(record, now, policy);
    record = withOutcome(record, outcome, now, policy, probe);
    seen.push({ record, now, admitted: true, before });
  }
  return seen;
}

describe('circuit breaker (properties)', () => {
  it('keeps at most WINDOW_BUCKETS ordered, non-empty buckets and never more probes than allowed', () => {
    fc.assert(
      fc.property(policyArbitrary, callsArbitrary, (policy, calls) => {
        for (const { record } of drive(policy, calls)) {
          expect(record.buckets.length).toBeLessThanOrEqual(WINDOW_BUCKETS);
          expect(record.probes.length).toBeLessThanOrEqual(policy.halfOpenProbes);
          expect(record.consecutiveFailures).toBeGreaterThanOrEqual(0);
          const starts = record.buckets.map(([start]) => start);
          expect(new Set(starts).size).toBe(starts.length);
          expect(starts).toEqual([...starts].sort((left, right) => left - right));
          for (const [, failures, successes] of record.buckets) expect(failures + successes).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('never admits a call while the breaker is open, and always admits while closed', () => {
    fc.assert(
      fc.property(policyArbitrary, callsArbitrary, (policy, calls) => {
        for (const { before, now, admitted } of drive(policy, calls)) {
          const state = effectiveState(before, now, policy);
          if (state === 'open') expect(admitted).toBe(false);
          if (state === 'closed') expect(admitted).toBe(true);
        }
      }),
    );
  });

  it('a disabled breaker stays closed', () => {
    fc.assert(
      fc.property(policyArbitrary, callsArbitrary, (policy, calls) => {
        for (const { record } of drive({ ...policy, enabled: false }, calls)) expect(record.state).toBe('closed');
      }),
    );
  });

  it('failureThreshold consecutive failures of admitted calls always leave it open or half-open', () => {
    fc.assert(
      fc.property(policyArbitrary, fc.integer({ min: 0, max: 5 }), (policy, extra) => {
        const failures = Array.from({ length: policy.failureThreshold + extra }, () => ({
          waitMs: 0,
          outcome: 'failure' as const,
        }));
        const last = drive({ ...policy, enabled: true }, failures).at(-1);
        expect(last?.record.state).not.toBe('closed');
      }),
    );
  });

  it('consecutiveFailures counts the failures since the last success', () => {
    fc.assert(
      fc.property(callsArbitrary, (calls) => {
        const policy = { ...freshPolicy(), enabled: false };
        const seen = drive(policy, calls);
        let expected = 0;
        calls.forEach(({ outcome }, index) => {
          if (outcome === 'failure') expected += 1;
          if (outcome === 'success') expected = 0;
          expect(seen[index]?.record.consecutiveFailures).toBe(expected);
        });
      }),
    );
  });
});

function freshPolicy(): BreakerPolicy {
  return {
    enabled: true,
    failureThreshold: 5,
    windowMs: 60_000,
    minimumSamples: 10,
    cooldownMs: 30_000,
    halfOpenProbes: 1,
    maxErrorRate: 0.5,
  };
}
