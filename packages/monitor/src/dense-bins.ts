/** Bins added beyond the needed range when the counts grow, so that growth stays rare. */
export const GROWTH_SLACK = 16;

/** Counts per integer key over one contiguous range of keys: the dense form of a sketch. */
export class DenseBins {
  /** The key of `counts[0]`. */
  private offset = 0;
  // A packed array of small integers: V8 keeps it unboxed; counts past 2^31 turn it into doubles
  // on their own, so no count can overflow.
  private counts: number[] = [];

  /** Whether no bin was ever allocated. */
  get isEmpty(): boolean {
    return this.counts.length === 0;
  }

  /** Bins held, empty ones included (what bounds its memory). */
  get length(): number {
    return this.counts.length;
  }

  /** Adds `count` to bin `key`. */
  add(key: number, count: number): void {
    this.ensureRange(key, key);
    const index = key - this.offset;
    this.counts[index] = (this.counts[index] as number) + count;
  }

  /** Adds every bin of `other`. */
  addAll(other: DenseBins): void {
    if (other.isEmpty) return;
    this.ensureRange(other.offset, other.offset + other.counts.length - 1);
    const shift = other.offset - this.offset;
    for (let index = 0; index < other.counts.length; index += 1) {
      this.counts[index + shift] = (this.counts[index + shift] as number) + (other.counts[index] as number);
    }
  }

  /** Calls `visit` with every non-empty bin, in ascending key order. */
  forEach(visit: (key: number, count: number) => void): void {
    this.counts.forEach((count, index) => {
      if (count > 0) visit(index + this.offset, count);
    });
  }

  /**
   * For each rank (ascending, each below the total count), the key of the value of that rank:
   * the first key whose cumulative count exceeds it.
   */
  keysAtRanks(ranks: readonly number[]): number[] {
    const keys: number[] = [];
    let index = 0;
    let cumulative = this.counts[0] as number;
    for (const rank of ranks) {
      while (cumulative <= rank) {
        index += 1;
        cumulative += this.counts[index] as number;
      }
      keys.push(index + this.offset);
    }
    return keys;
  }

  private ensureRange(low: number, high: number): void {
    if (this.counts.length === 0) {
      this.counts = zeros(high - low + 1);
      this.offset = low;
      return;
    }
    const end = this.offset + this.counts.length - 1;
    const growsDown = low < this.offset;
    const growsUp = high > end;
    if (!growsDown && !growsUp) return;
    const newLow = growsDown ? low - GROWTH_SLACK : this.offset;
    const newHigh = growsUp ? high + GROWTH_SLACK : end;
    const grown = zeros(newHigh - newLow + 1);
    const shift = this.offset - newLow;
    for (let index = 0; index < this.counts.length; index += 1) grown[index + shift] = this.counts[index] as number;
    this.counts = grown;
    this.offset = newLow;
  }
}

function zeros(length: number): number[] {
  const array: number[] = [];
  for (let index = 0; index < length; index += 1) array.push(0);
  return array;
}
