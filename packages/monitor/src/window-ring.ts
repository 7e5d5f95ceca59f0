import { BucketStore } from './bucket-store';
import { COUNTER_COUNT } from './counter-layout';
import type { WindowDefinition } from './window-options';

/**
 * The buckets of one window of one model. Bucket `n` covers the times `[n·width, (n+1)·width)` and
 * sits in slot `n mod bucketCount`. A slot still holding an older bucket is emptied when it is
 * next needed (see {@link WindowLevels}): no timer, no sweep.
 */
export class WindowRing {
  /** Width of a bucket, in ms. */
  readonly bucketMs: number;
  /** Slots in the ring. */
  readonly bucketCount: number;
  /** The bucket number each slot holds (NaN: none). */
  readonly bucketNumbers: Float64Array;
  /** {@link COUNTER_COUNT} counters per slot, side by side. */
  readonly counters: Float64Array;
  /** The sketch bins of each slot, created at its first value. */
  readonly stores: (BucketStore | undefined)[];
  private readonly zeroKey: number;

  constructor(definition: WindowDefinition, zeroKey: number) {
    this.bucketMs = definition.lengthMs / definition.bucketCount;
    this.bucketCount = definition.bucketCount;
    this.bucketNumbers = new Float64Array(this.bucketCount).fill(Number.NaN);
    this.counters = new Float64Array(this.bucketCount * COUNTER_COUNT);
    this.stores = new Array<BucketStore | undefined>(this.bucketCount).fill(undefined);
    this.zeroKey = zeroKey;
  }

  /** The number of the bucket holding time `time` (ms). */
  bucketOf(time: number): number {
    return Math.floor(time / this.bucketMs);
  }

  /** The slot of bucket `bucket`. */
  slotOf(bucket: number): number {
    // `%` keeps the sign of negative bucket numbers (times before 1970 under a fake clock).
    return bucket - Math.floor(bucket / this.bucketCount) * this.bucketCount;
  }

  /** Whether bucket `bucket` is inside the window when the current bucket is `current`. */
  isLive(bucket: number, current: number): boolean {
    return bucket > current - this.bucketCount && bucket <= current;
  }

  /** The sketch bins of slot `slot`, created when missing. */
  storeAt(slot: number): BucketStore {
    let store = this.stores[slot];
    if (store === undefined) {
      store = new BucketStore(this.zeroKey);
      this.stores[slot] = store;
    }
    return store;
  }

  /** Empties slot `slot` and gives it to bucket `bucket` (NaN: to none). */
  resetSlot(slot: number, bucket: number): void {
    this.bucketNumbers[slot] = bucket;
    this.counters.fill(0, slot * COUNTER_COUNT, (slot + 1) * COUNTER_COUNT);
    this.stores[slot] = undefined;
  }
}
