import { describe, expect, it } from 'vitest';
import { BucketStore } from './bucket-store';
import { COUNTER_COUNT } from './counter-layout';
import { WindowLevels } from './window-levels';
import type { WindowRing } from './window-ring';

// Level 0: 10 s in 5 buckets of 2 s. Level 1: 60 s in 6 buckets of 10 s.
const WINDOWS = [
  { name: 'short', lengthMs: 10_000, bucketCount: 5 },
  { name: 'long', lengthMs: 60_000, bucketCount: 6 },
];
const ZERO_KEY = -346;

function levels(): WindowLevels {
  return new WindowLevels(WINDOWS, ZERO_KEY);
}

/** Claims the bucket of `time` at `now` and counts one `ok` there, with one latency key. */
function recordAt(target: WindowLevels, time: number, now: number, key = 100): number {
  const level = target.claim(time, now);
  if (level === -1) return level;
  const ring = target.rings[level] as WindowRing;
  const slot = target.claimedSlot;
  ring.counters[slot * COUNTER_COUNT] = (ring.counters[slot * COUNTER_COUNT] as number) + 1;
  ring.storeAt(slot).add(0, key);
  return level;
}

/** `level:bucket=count` for every live slot at `now`. */
function live(target: WindowLevels, now: number): string[] {
  const found: string[] = [];
  target.rings.forEach((_ring, level) => {
    target.forEachLevelSlot(level, now, (ring, slot, bucket) => {
      found.push(`${level}:${bucket}=${ring.counters[slot * COUNTER_COUNT]}`);
    });
  });
  return found.sort();
}

describe('WindowLevels', () => {
  it('puts a recent time in the shortest window, in the slot of its bucket', () => {
    const target = levels();
    expect(target.claim(0, 0)).toBe(0);
    expect(target.claimedSlot).toBe(0);
    expect(target.claim(3000, 3000)).toBe(0);
    expect(target.claimedSlot).toBe(1);
    expect(target.claim(11_999, 11_999)).toBe(0);
    expect(target.claimedSlot).toBe(0);
  });

  it('puts a time too old for the short window in the long one, and drops one too old for both', () => {
    const target = levels();
    // At 10 s the short window's current bucket is 5: bucket 0 (0–2 s) has just left it.
    expect(target.claim(0, 9999)).toBe(0);
    expect(target.claim(0, 10_000)).toBe(1);
    expect(target.claimedSlot).toBe(0);
    // At 60 s the long window's current bucket is 6: bucket 0 (0–10 s) has just left it.
    expect(target.claim(0, 59_999)).toBe(1);
    expect(target.claim(0, 60_000)).toBe(-1);
  });

  it('counts a time ahead of now as now', () => {
    const target = levels();
    expect(target.claim(50_000, 4000)).toBe(0);
    expect(target.claimedSlot).toBe(2);
    expect(target.rings[0]?.bucketNumbers[2]).toBe(2);
  });

  it('handles times before 1970 (negative bucket numbers)', () => {
    const target = levels();
    expect(target.claim(-1, 0)).toBe(0);
    expect(target.claimedSlot).toBe(4);
    expect(target.rings[0]?.bucketNumbers[4]).toBe(-1);
    expect(target.claim(-10_001, -1)).toBe(1);
    expect(target.claimedSlot).toBe(4);
  });

  it('moves a bucket up a level when its slot is needed again', () => {
    const target = levels();
    recordAt(target, 0, 0);
    recordAt(target, 1000, 1000);
    recordAt(target, 10_000, 10_000); // slot 0 again: bucket 0 (2 values) moves to the long window
    expect(live(target, 10_000)).toEqual(['0:5=1', '1:0=2']);
    const moved = target.rings[1]?.stores[0];
    const keys: number[] = [];
    moved?.forEach((_measure, key, count) => {
      keys.push(key, count);
    });
    expect(keys).toEqual([100, 1, 100, 1]);
  });

  it('settles every bucket that has left its window, and drops what has left every window', () => {
    const target = levels();
    recordAt(target, 0, 0);
    recordAt(target, 2000, 2000);
    recordAt(target, 9000, 9000);
    target.settle(9999);
    expect(live(target, 9999)).toEqual(['0:0=1', '0:1=1', '0:4=1']);
    target.settle(12_000); // buckets 0 and 1 left the short window
    expect(live(target, 12_000)).toEqual(['0:4=1', '1:0=2']);
    expect(target.rings[0]?.bucketNumbers[0]).toBeNaN();
    target.settle(59_999);
    expect(live(target, 59_999)).toEqual(['1:0=3']);
    target.settle(60_000);
    expect(live(target, 60_000)).toEqual([]);
    expect([...(target.rings[1]?.bucketNumbers ?? [])].every(Number.isNaN)).toBe(true);
  });

  it('merges a moved bucket into a long-window bucket that already holds values', () => {
    const target = levels();
    recordAt(target, 0, 0, 100);
    recordAt(target, 0, 10_000, 200); // straight into the long window's bucket 0
    target.settle(10_000); // the short window's bucket 0 joins it
    expect(live(target, 10_000)).toEqual(['1:0=2']);
    const keys: number[] = [];
    target.rings[1]?.stores[0]?.forEach((_measure, key) => {
      keys.push(key);
    });
    expect(keys.sort()).toEqual([100, 200]);
  });

  it('deposits a bucket (a snapshot) in the shortest window that still covers it', () => {
    const target = levels();
    const counters = new Float64Array(COUNTER_COUNT);
    counters[0] = 4;
    const store = new BucketStore(ZERO_KEY);
    store.add(0, 7);
    target.deposit(0, 8000, 10_000, counters, 0, store);
    expect(live(target, 10_000)).toEqual(['0:4=4']);
    expect(target.rings[0]?.stores[4]).toBe(store);
    target.deposit(0, 0, 10_000, counters, 0, undefined);
    expect(live(target, 10_000)).toEqual(['0:4=4', '1:0=4']);
    expect(target.rings[1]?.stores[0]).toBeUndefined();
    target.deposit(0, 0, 60_000, counters, 0, undefined);
    expect(live(target, 60_000)).toEqual([]);
    target.deposit(1, 99_000, 10_000, counters, 0, undefined); // ahead of now: the current bucket
    expect(live(target, 10_000)).toEqual(['0:4=4', '1:0=4', '1:1=4']);
  });

  it('leaves a bucket from ahead of a clock that went back alone until its time comes', () => {
    const target = levels();
    recordAt(target, 20_000, 20_000);
    target.settle(5000);
    expect(live(target, 5000)).toEqual([]);
    expect(live(target, 20_000)).toEqual(['0:10=1']);
  });
});
