import { describe, expect, it } from 'vitest';
import { DenseBins } from './dense-bins';

function binsOf(bins: DenseBins): [number, number][] {
  const result: [number, number][] = [];
  bins.forEach((key, count) => {
    result.push([key, count]);
  });
  return result;
}

describe('DenseBins', () => {
  it('starts empty and lists nothing', () => {
    const bins = new DenseBins();
    expect(bins.isEmpty).toBe(true);
    expect(binsOf(bins)).toEqual([]);
  });

  it('counts per key and lists non-empty bins in ascending key order', () => {
    const bins = new DenseBins();
    bins.add(5, 1);
    bins.add(3, 2);
    bins.add(5, 4);
    bins.add(-40, 1);
    bins.add(60, 3);
    expect(bins.isEmpty).toBe(false);
    expect(binsOf(bins)).toEqual([
      [-40, 1],
      [3, 2],
      [5, 5],
      [60, 3],
    ]);
  });

  it('keeps counts when it grows on either side', () => {
    const bins = new DenseBins();
    bins.add(0, 1);
    for (let key = 1; key <= 40; key += 1) bins.add(key, key);
    for (let key = -1; key >= -40; key -= 1) bins.add(key, -key);
    const listed = binsOf(bins);
    expect(listed).toHaveLength(81);
    expect(listed[0]).toEqual([-40, 40]);
    expect(listed[40]).toEqual([0, 1]);
    expect(listed[80]).toEqual([40, 40]);
  });

  it('adds another set of bins, with or without overlap', () => {
    const left = new DenseBins();
    left.add(10, 1);
    left.add(12, 1);
    const right = new DenseBins();
    right.add(12, 2);
    right.add(30, 1);
    right.add(-5, 1);
    left.addAll(right);
    left.addAll(new DenseBins());
    expect(binsOf(left)).toEqual([
      [-5, 1],
      [10, 1],
      [12, 3],
      [30, 1],
    ]);
    const empty = new DenseBins();
    empty.addAll(right);
    expect(binsOf(empty)).toEqual(binsOf(right));
  });

  it('allocates exactly the range it is given at first, then grows by 16 bins on the side that grew', () => {
    const bins = new DenseBins();
    bins.add(100, 1);
    expect(bins.length).toBe(1);
    bins.add(102, 1);
    expect(bins.length).toBe(1 + 2 + 16);
    bins.add(99, 1);
    expect(bins.length).toBe(19 + 1 + 16);
    bins.add(90, 1);
    bins.add(118, 1);
    expect(bins.length).toBe(36);
    bins.add(130, 1);
    expect(bins.length).toBe(36 + 12 + 16);
  });

  it('copies the exact range of another set of bins into an empty one, and ignores an empty one', () => {
    const other = new DenseBins();
    other.add(100, 1);
    other.add(101, 1);
    const empty = new DenseBins();
    empty.addAll(other);
    expect(empty.length).toBe(other.length);
    const far = new DenseBins();
    far.add(500, 1);
    far.addAll(new DenseBins());
    expect(far.length).toBe(1);
  });

  it('grows only on the low side when another set ends where it ends', () => {
    const bins = new DenseBins();
    bins.add(100, 1);
    bins.add(102, 1); // 100…118
    const lower = new DenseBins();
    lower.add(118, 1);
    lower.add(90, 1); // 74…118
    bins.addAll(lower);
    expect(bins.length).toBe(118 - (74 - 16) + 1);
  });

  it('grows only on the high side when another set starts where it starts', () => {
    const bins = new DenseBins();
    bins.add(0, 1);
    const longer = new DenseBins();
    longer.add(0, 1);
    longer.add(10, 1);
    bins.addAll(longer);
    expect(bins.length).toBe(longer.length + 16);
    expect(binsOf(bins)).toEqual([
      [0, 2],
      [10, 1],
    ]);
  });

  it('finds the key of each rank: the first key whose cumulative count exceeds it', () => {
    const bins = new DenseBins();
    bins.add(1, 2); // ranks 0–1
    bins.add(4, 1); // rank 2
    bins.add(9, 3); // ranks 3–5
    expect(bins.keysAtRanks([0, 1, 1.5, 2, 2.9, 3, 5])).toEqual([1, 1, 1, 4, 4, 9, 9]);
    expect(bins.keysAtRanks([])).toEqual([]);
  });
});
