import { describe, expect, it } from 'vitest';
import {
  admissionOf,
  type BreakerPolicy,
  effectiveState,
  failureRate,
  freshRecord,
  type HealthRecord,
  WINDOW_BUCKETS,
  withOutcome,
  withProbe,
} from './circuit-breaker';

const policy: BreakerPolicy = {
  enabled: true,
  failureThreshold: 3,
  windowMs: 1_000,
  minimumSamples: 4,
  cooldownMs: 500,
  halfOpenProbes: 1,
  maxErrorRate: 0.5,
};

const open = (openedAt: number): HealthRecord => ({ ...freshRecord(), state: 'open', openedAt });
const halfOpen = (probes: number[]): HealthRecord => ({ ...freshRecord(), state: 'half-open', probes });

/** Applies outcomes one millisecond apart from `start`. */
function play(outcomes: string, start = 10_000, record = freshRecord(), settings = policy): HealthRecord {
  let current = record;
  [...outcomes].forEach((letter, index) => {
    const outcome = letter === 'F' ? 'failure' : letter === 'S' ? 'success' : 'neutral';
    current = withOutcome(current, outcome, start + index, settings, null);
  });
  return current;
}

describe('freshRecord', () => {
  it('is closed, without history, probes or exclusion', () => {
    expect(freshRecord()).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      buckets: [],
      openedAt: 0,
      probes: [],
      excludedUntil: null,
    });
    expect(freshRecord()).not.toBe(freshRecord());
  });
});

describe('effectiveState', () => {
  it('an open breaker turns half-open exactly when its cooldown is over', () => {
    expect(effectiveState(open(100), 599, policy)).toBe('open');
    expect(effectiveState(open(100), 600, policy)).toBe('half-open');
    expect(effectiveState(open(100), 601, policy)).toBe('half-open');
  });
  it('closed and half-open stay as stored', () => {
    expect(effectiveState(freshRecord(), 1e12, policy)).toBe('closed');
    expect(effectiveState(halfOpen([]), 0, policy)).toBe('half-open');
  });
});

describe('admissionOf', () => {
  it('closed allows, open rejects during its cooldown, then lets a probe through', () => {
    expect(admissionOf(freshRecord(), 0, policy)).toBe('allow');
    expect(admissionOf(open(100), 599, policy)).toBe('reject');
    expect(admissionOf(open(100), 600, policy)).toBe('probe');
  });
  it('half-open lets through as many probes at a time as halfOpenProbes', () => {
    expect(admissionOf(halfOpen([]), 1_000, policy)).toBe('probe');
    expect(admissionOf(halfOpen([900]), 1_000, policy)).toBe('reject');
    expect(admissionOf(halfOpen([900]), 1_000, { ...policy, halfOpenProbes: 2 })).toBe('probe');
    expect(admissionOf(halfOpen([900, 950]), 1_000, { ...policy, halfOpenProbes: 2 })).toBe('reject');
  });
  it('a probe that never reported back frees its slot after a cooldown', () => {
    expect(admissionOf(halfOpen([501]), 1_000, policy)).toBe('reject');
    expect(admissionOf(halfOpen([500]), 1_000, policy)).toBe('probe');
  });
});

describe('withProbe', () => {
  it('records the probe start and makes the breaker half-open', () => {
    expect(withProbe(open(100), 600, policy)).toEqual({ ...open(100), state: 'half-open', probes: [600] });
  });
  it('drops lost probes while adding the new one', () => {
    expect(withProbe(halfOpen([400, 700]), 900, { ...policy, halfOpenProbes: 3 }).probes).toEqual([700, 900]);
  });
});

describe('failureRate', () => {
  it('is 0 without outcomes', () => {
    expect(failureRate(freshRecord(), 0, policy)).toBe(0);
  });
  it('counts the buckets that started less than windowMs ago', () => {
    const record: HealthRecord = {
      ...freshRecord(),
      buckets: [
        [0, 1, 1],
        [100, 1, 0],
      ],
    };
    expect(failureRate(record, 150, policy)).toBe(2 / 3);
    expect(failureRate(record, 999, policy)).toBe(2 / 3);
    expect(failureRate(record, 1_000, policy)).toBe(1);
    expect(failureRate(record, 1_099, policy)).toBe(1);
    expect(failureRate(record, 1_100, policy)).toBe(0);
  });
});

describe('withOutcome: closed', () => {
  it('opens at exactly failureThreshold consecutive failures', () => {
    expect(play('FF')).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
    expect(play('FFF')).toMatchObject({ state: 'open', consecutiveFailures: 3, openedAt: 10_002, probes: [] });
  });
  it('a success resets the consecutive count', () => {
    expect(play('FFS')).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(play('FFSSSSFF')).toMatchObject({ state: 'closed', consecutiveFailures: 2 }); // 4/8 is not above 0.5
  });
  it('neutral outcomes count for nothing', () => {
    expect(play('FFNNN')).toMatchObject({
      state: 'closed',
      consecutiveFailures: 2,
      buckets: [[10_000, 2, 0]],
    });
  });
  it('opens when the failure rate is above maxErrorRate over at least minimumSamples outcomes', () => {
    expect(play('FSF')).toMatchObject({ state: 'closed' }); // 2/3, but only 3 samples
    expect(play('FSFF')).toMatchObject({ state: 'open', openedAt: 10_003 }); // 3/4 > 0.5
    expect(play('SFSF')).toMatchObject({ state: 'closed' }); // 2/4 = 0.5 is not above
    expect(play('SFSF', 10_000, freshRecord(), { ...policy, maxErrorRate: 0.49 })).toMatchObject({ state: 'open' });
  });
  it('a success never opens, whatever the rate', () => {
    const record: HealthRecord = { ...freshRecord(), buckets: [[10_000, 3, 0]] };
    expect(withOutcome(record, 'success', 10_003, policy, null)).toMatchObject({ state: 'closed' });
  });
  it('forgets outcomes once their bucket leaves the window', () => {
    const record = play('FSF', 10_000);
    expect(record.buckets).toEqual([[10_000, 2, 1]]);
    const later = withOutcome(record, 'failure', 11_001, policy, null);
    expect(later.buckets).toEqual([[11_000, 1, 0]]);
    expect(later.state).toBe('closed');
    expect(withOutcome(record, 'failure', 10_999, policy, null).buckets).toEqual([
      [10_000, 2, 1],
      [10_900, 1, 0],
    ]);
  });
  it(`keeps the window in ${WINDOW_BUCKETS} buckets of windowMs / ${WINDOW_BUCKETS}`, () => {
    expect(WINDOW_BUCKETS).toBe(10);
    expect(play('S'.repeat(150)).buckets).toEqual([
      [10_000, 0, 100],
      [10_100, 0, 50],
    ]);
    let record = freshRecord();
    for (let index = 0; index < 15; index++)
      record = withOutcome(record, 'success', 10_000 + index * 100, policy, null);
    expect(record.buckets.map(([start]) => start)).toEqual([
      10_500, 10_600, 10_700, 10_800, 10_900, 11_000, 11_100, 11_200, 11_300, 11_400,
    ]);
  });
  it('buckets follow windowMs, fractions included', () => {
    const record = withOutcome(freshRecord(), 'failure', 1_000, { ...policy, windowMs: 15 }, null);
    expect(record.buckets).toEqual([[999, 1, 0]]);
  });
  it('with the breaker disabled, counts outcomes but stays closed', () => {
    const disabled = { ...policy, enabled: false };
    expect(play('FFFFF', 10_000, freshRecord(), disabled)).toMatchObject({
      state: 'closed',
      consecutiveFailures: 5,
    });
    expect(play('FFFFF', 10_000, freshRecord(), disabled).buckets).toEqual([[10_000, 5, 0]]);
  });
});

describe('withOutcome: half-open and open', () => {
  it('half-open closes on a success, forgetting the window', () => {
    const record: HealthRecord = { ...halfOpen([10_000]), buckets: [[9_900, 1, 0]], consecutiveFailures: 3 };
    expect(withOutcome(record, 'success', 10_010, policy, 10_000)).toEqual({
      ...freshRecord(),
      state: 'closed',
      openedAt: 0,
    });
  });
  it('half-open reopens on a failure', () => {
    expect(withOutcome(halfOpen([10_000]), 'failure', 10_010, policy, 10_000)).toMatchObject({
      state: 'open',
      openedAt: 10_010,
      probes: [],
      consecutiveFailures: 1,
    });
  });
  it('a neutral outcome releases the probe and keeps the state', () => {
    expect(withOutcome(halfOpen([10_000, 10_005]), 'neutral', 10_010, policy, 10_005)).toEqual(halfOpen([10_000]));
    expect(withOutcome(halfOpen([10_000]), 'neutral', 10_010, policy, 9_000)).toEqual(halfOpen([10_000]));
    expect(withOutcome(halfOpen([10_000]), 'neutral', 10_010, policy, null)).toEqual(halfOpen([10_000]));
    expect(withOutcome(halfOpen([10_000, 10_005]), 'neutral', 10_010, policy, null).probes).toEqual([10_000, 10_005]);
  });
  it('releases one probe of two with the same start', () => {
    expect(withOutcome(halfOpen([10_000, 10_000]), 'neutral', 10_010, policy, 10_000).probes).toEqual([10_000]);
  });
  it('an outcome of a call admitted before the breaker opened leaves it open', () => {
    expect(withOutcome(open(10_000), 'success', 10_001, policy, null)).toMatchObject({
      state: 'open',
      openedAt: 10_000,
      consecutiveFailures: 0,
    });
    // enough failures to open a closed breaker do not restart an open one's cooldown
    expect(withOutcome({ ...open(10_000), consecutiveFailures: 2 }, 'failure', 10_001, policy, null)).toMatchObject({
      state: 'open',
      openedAt: 10_000,
      consecutiveFailures: 3,
    });
  });
  it('does not change the record it was given', () => {
    const record = halfOpen([10_000]);
    withOutcome(record, 'failure', 10_010, policy, 10_000);
    expect(record).toEqual(halfOpen([10_000]));
  });
});
