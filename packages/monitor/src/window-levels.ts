import type { BucketStore } from './bucket-store';
import { COUNTER_COUNT, mergeCounters } from './counter-layout';
import type { WindowDefinition } from './window-options';
import { WindowRing } from './window-ring';

/**
 * The windows of one model as levels, shortest first. A value is stored once, in the shortest
 * window whose buckets still cover its time; when a bucket leaves its window it moves, whole, into
 * the bucket of the next window that covers it. So window `i` is levels `0…i` together, record()
 * touches one bucket, and memory does not grow with the number of windows a value belongs to.
 * Moves happen lazily, when a slot is needed again or before a read ({@link WindowLevels.settle}).
 */
export class WindowLevels {
  /** One ring per window, shortest first. */
  readonly rings: WindowRing[];

  /** `windows` must be sorted by length, each bucket width a multiple of the previous one. */
  constructor(windows: readonly WindowDefinition[], zeroKey: number) {
    this.rings = windows.map((window) => new WindowRing(window, zeroKey));
  }

  /**
   * The level whose window holds time `time` at `now` (both ms), with its slot claimed for the time's
   * bucket; -1 when the time is older than every window. The slot is in `this.claimedSlot`.
   */
  claim(time: number, now: number): number {
    for (let level = 0; level < this.rings.length; level += 1) {
      const ring = this.rings[level] as WindowRing;
      const current = ring.bucketOf(now);
      const bucket = Math.min(ring.bucketOf(time), current);
      if (!ring.isLive(bucket, current)) continue;
      const slot = ring.slotOf(bucket);
      if (ring.bucketNumbers[slot] !== bucket) this.vacate(level, slot, bucket, now);
      this.claimedSlot = slot;
      return level;
    }
    return -1;
  }

  /** The slot {@link WindowLevels.claim} claimed last. */
  claimedSlot = 0;

  /**
   * Adds a bucket's counters and bins (the bins are taken over, not copied) to the level, from
   * `fromLevel` up, whose window holds time `time` at `now`; dropped when no window does.
   */
  deposit(
    fromLevel: number,
    time: number,
    now: number,
    counters: Float64Array,
    countersBase: number,
    store: BucketStore | undefined,
  ): void {
    for (let level = fromLevel; level < this.rings.length; level += 1) {
      const ring = this.rings[level] as WindowRing;
      const current = ring.bucketOf(now);
      const bucket = Math.min(ring.bucketOf(time), current);
      if (!ring.isLive(bucket, current)) continue;
      const slot = ring.slotOf(bucket);
      if (ring.bucketNumbers[slot] !== bucket) this.vacate(level, slot, bucket, now);
      mergeCounters(ring.counters, slot * COUNTER_COUNT, counters, countersBase);
      if (store === undefined) return;
      const existing = ring.stores[slot];
      if (existing === undefined) ring.stores[slot] = store;
      else existing.merge(store);
      return;
    }
  }

  /** Moves every bucket that has left its window at `now` up to the next level (call before reads). */
  settle(now: number): void {
    this.rings.forEach((ring, level) => {
      const current = ring.bucketOf(now);
      ring.bucketNumbers.forEach((bucket, slot) => {
        if (bucket <= current - ring.bucketCount) this.vacate(level, slot, Number.NaN, now);
      });
    });
  }

  /** Calls `visit` with every live slot of level `level` at `now` (ms); settle first. */
  forEachLevelSlot(level: number, now: number, visit: (ring: WindowRing, slot: number, bucket: number) => void): void {
    const ring = this.rings[level] as WindowRing;
    const current = ring.bucketOf(now);
    ring.bucketNumbers.forEach((bucket, slot) => {
      if (ring.isLive(bucket, current)) visit(ring, slot, bucket);
    });
  }

  // Moves what slot `slot` of `level` holds up a level, then gives the slot to `bucket`.
  private vacate(level: number, slot: number, bucket: number, now: number): void {
    const ring = this.rings[level] as WindowRing;
    const held = ring.bucketNumbers[slot] as number;
    if (!Number.isNaN(held)) {
      this.deposit(level + 1, held * ring.bucketMs, now, ring.counters, slot * COUNTER_COUNT, ring.stores[slot]);
    }
    ring.resetSlot(slot, bucket);
  }
}
