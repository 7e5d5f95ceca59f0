import { MEASURES } from './counter-layout';
import { DenseBins } from './dense-bins';

/**
 * Values a bucket keeps as a list before it switches to dense counts: 1,024 entries are 2 KB, about
 * what dense counts of three measures with a typical spread take.
 */
export const BUCKET_LIST_LIMIT = 1024;

const INITIAL_CAPACITY = 4;
// A list entry is `measure · 16384 + (key − zeroKey)`: keys of every allowed accuracy span fewer
// than 16,384 bins, so three measures fit in 16 bits.
const MEASURE_SHIFT = 16_384;
const NO_ENTRIES = new Uint16Array(0);

/**
 * The sketch bins of the three measures of one bucket. Most buckets hold a few dozen values, so
 * they are kept as one list of 16-bit entries (2 bytes a value, one allocation per bucket);
 * a bucket that reaches {@link BUCKET_LIST_LIMIT} values switches to dense counts per measure.
 */
export class BucketStore {
  private entries: Uint16Array = new Uint16Array(INITIAL_CAPACITY);
  private length = 0;
  private dense: DenseBins[] | undefined;
  private readonly zeroKey: number;

  /** `zeroKey`: the lowest key of the mapping in use. */
  constructor(zeroKey: number) {
    this.zeroKey = zeroKey;
  }

  /** Numbers held: list capacity, or dense bins of all measures (what bounds its memory). */
  get size(): number {
    return this.dense === undefined ? this.entries.length : this.dense.reduce((sum, bins) => sum + bins.length, 0);
  }

  /** Adds one value of `measure` in bin `key`. */
  add(measure: number, key: number): void {
    if (this.dense === undefined && this.length === this.entries.length) this.makeRoom(1);
    if (this.dense !== undefined) {
      (this.dense[measure] as DenseBins).add(key, 1);
      return;
    }
    this.entries[this.length] = measure * MEASURE_SHIFT + key - this.zeroKey;
    this.length += 1;
  }

  /** Adds `count` values of `measure` in bin `key` (reading a snapshot). */
  addCount(measure: number, key: number, count: number): void {
    if (this.dense === undefined && this.length + count <= BUCKET_LIST_LIMIT) {
      for (let added = 0; added < count; added += 1) this.add(measure, key);
      return;
    }
    (this.denseBins()[measure] as DenseBins).add(key, count);
  }

  /** Adds every value of `other` (same mapping). */
  merge(other: BucketStore): void {
    if (this.dense === undefined && other.dense === undefined && this.length + other.length <= BUCKET_LIST_LIMIT) {
      if (this.length + other.length > this.entries.length) this.makeRoom(other.length);
      // A loop, not set(subarray()): creating a typed-array view costs more than copying a few entries.
      let position = this.length;
      for (let index = 0; index < other.length; index += 1) {
        this.entries[position] = other.entries[index] as number;
        position += 1;
      }
      this.length = position;
      return;
    }
    const dense = this.denseBins();
    other.forEach((measure, key, count) => {
      (dense[measure] as DenseBins).add(key, count);
    });
  }

  /** Calls `visit` with the bins of every measure (in no particular order; a key may come more than once). */
  forEach(visit: (measure: number, key: number, count: number) => void): void {
    if (this.dense !== undefined) {
      this.dense.forEach((bins, measure) => {
        bins.forEach((key, count) => {
          visit(measure, key, count);
        });
      });
      return;
    }
    for (let index = 0; index < this.length; index += 1) {
      const entry = this.entries[index] as number;
      const measure = entry >>> 14;
      visit(measure, entry - measure * MEASURE_SHIFT + this.zeroKey, 1);
    }
  }

  // Grows the list to fit `extra` more entries, or switches to dense counts past the limit.
  // Capacities are powers of two from 4, so they never pass the limit (1,024) either.
  private makeRoom(extra: number): void {
    const needed = this.length + extra;
    if (needed > BUCKET_LIST_LIMIT) {
      this.densify();
      return;
    }
    let capacity = this.entries.length;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint16Array(capacity);
    grown.set(this.entries);
    this.entries = grown;
  }

  private denseBins(): DenseBins[] {
    return this.dense ?? this.densify();
  }

  private densify(): DenseBins[] {
    const dense = MEASURES.map(() => new DenseBins());
    this.forEach((measure, key, count) => {
      (dense[measure] as DenseBins).add(key, count);
    });
    this.dense = dense;
    this.entries = NO_ENTRIES;
    this.length = 0;
    return dense;
  }
}
