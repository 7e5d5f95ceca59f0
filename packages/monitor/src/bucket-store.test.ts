import { describe, expect, it } from 'vitest';
import { BUCKET_LIST_LIMIT, BucketStore } from './bucket-store';

const ZERO_KEY = -346;

/** The store's bins as sorted `measure:key×count` strings, duplicates summed. */
function contents(store: BucketStore): string[] {
  const totals = new Map<string, number>();
  store.forEach((measure, key, count) => {
    const name = `${measure}:${key}`;
    totals.set(name, (totals.get(name) ?? 0) + count);
  });
  return [...totals].map(([name, count]) => `${name}×${count}`).sort();
}

function fill(store: BucketStore, count: number, measure = 0, key = 100): void {
  for (let index = 0; index < count; index += 1) store.add(measure, key);
}

describe('BucketStore', () => {
  it('keeps values of three measures apart, from the zero key to the highest key', () => {
    const store = new BucketStore(ZERO_KEY);
    store.add(0, 5);
    store.add(1, 5);
    store.add(2, 5);
    store.add(0, ZERO_KEY);
    store.add(2, 1037);
    store.add(0, 5);
    expect(contents(store)).toEqual(['0:-346×1', '0:5×2', '1:5×1', '2:1037×1', '2:5×1']);
  });

  it('lists each value once while it is a list', () => {
    const store = new BucketStore(ZERO_KEY);
    fill(store, 3);
    const visits: number[] = [];
    store.forEach((_measure, _key, count) => {
      visits.push(count);
    });
    expect(visits).toEqual([1, 1, 1]);
  });

  it('stays a list up to the limit and switches to dense counts past it', () => {
    const store = new BucketStore(ZERO_KEY);
    fill(store, BUCKET_LIST_LIMIT);
    let visits = 0;
    store.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(BUCKET_LIST_LIMIT);
    store.add(0, 100);
    store.add(1, 7);
    const dense: [number, number, number][] = [];
    store.forEach((measure, key, count) => {
      dense.push([measure, key, count]);
    });
    expect(dense).toEqual([
      [0, 100, BUCKET_LIST_LIMIT + 1],
      [1, 7, 1],
    ]);
  });

  it('merges two lists into one list while they fit', () => {
    const left = new BucketStore(ZERO_KEY);
    left.add(0, 1);
    const right = new BucketStore(ZERO_KEY);
    fill(right, 9, 1, 2);
    left.merge(right);
    left.merge(new BucketStore(ZERO_KEY));
    expect(contents(left)).toEqual(['0:1×1', '1:2×9']);
    let visits = 0;
    left.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(10);
  });

  it('merges into dense counts when the two lists would not fit, and keeps every value', () => {
    const left = new BucketStore(ZERO_KEY);
    fill(left, BUCKET_LIST_LIMIT - 10, 0, 3);
    const right = new BucketStore(ZERO_KEY);
    fill(right, 11, 2, 4);
    left.merge(right);
    expect(contents(left)).toEqual([`0:3×${BUCKET_LIST_LIMIT - 10}`, '2:4×11']);
    let visits = 0;
    left.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(2);
  });

  it('grows a full list to exactly the limit when a merge needs all of it', () => {
    const left = new BucketStore(ZERO_KEY);
    fill(left, BUCKET_LIST_LIMIT / 2);
    const right = new BucketStore(ZERO_KEY);
    fill(right, BUCKET_LIST_LIMIT / 2, 1, 3);
    left.merge(right);
    expect(left.size).toBe(BUCKET_LIST_LIMIT);
    let visits = 0;
    left.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(BUCKET_LIST_LIMIT);
  });

  it('merges exactly at the limit into a list', () => {
    const left = new BucketStore(ZERO_KEY);
    fill(left, BUCKET_LIST_LIMIT - 10);
    const right = new BucketStore(ZERO_KEY);
    fill(right, 10);
    left.merge(right);
    let visits = 0;
    left.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(BUCKET_LIST_LIMIT);
  });

  it('merges a dense store into a list, and a list into a dense store', () => {
    const dense = new BucketStore(ZERO_KEY);
    fill(dense, BUCKET_LIST_LIMIT + 1, 1, 9);
    const list = new BucketStore(ZERO_KEY);
    list.add(1, 9);
    list.add(0, -2);
    list.merge(dense);
    expect(contents(list)).toEqual(['0:-2×1', `1:9×${BUCKET_LIST_LIMIT + 2}`]);
    const other = new BucketStore(ZERO_KEY);
    other.add(2, 0);
    dense.merge(other);
    expect(contents(dense)).toEqual([`1:9×${BUCKET_LIST_LIMIT + 1}`, '2:0×1']);
  });

  it('adds counts in bulk: as list entries while they fit, as dense counts beyond', () => {
    const store = new BucketStore(ZERO_KEY);
    store.addCount(0, 10, 3);
    store.addCount(2, 11, 1);
    let visits = 0;
    store.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(4);
    store.addCount(1, 12, BUCKET_LIST_LIMIT);
    expect(contents(store)).toEqual(['0:10×3', `1:12×${BUCKET_LIST_LIMIT}`, '2:11×1']);
    store.addCount(1, 12, 5);
    expect(contents(store)).toEqual(['0:10×3', `1:12×${BUCKET_LIST_LIMIT + 5}`, '2:11×1']);
  });

  it('reports its size: list capacity (doubling from 4), then the dense bins of all measures', () => {
    const store = new BucketStore(ZERO_KEY);
    expect(store.size).toBe(4);
    fill(store, 5);
    expect(store.size).toBe(8);
    fill(store, BUCKET_LIST_LIMIT - 5);
    expect(store.size).toBe(BUCKET_LIST_LIMIT);
    store.add(0, 100);
    expect(store.size).toBe(1);
    store.add(1, 10);
    store.add(1, 12);
    // Measure 1 grew from key 10 to 12: 16 bins of slack beyond 12, so 1 + 19.
    expect(store.size).toBe(1 + 19);
  });

  it('grows its list only when it must, to the next power of two that fits', () => {
    const store = new BucketStore(ZERO_KEY);
    store.addCount(0, 1, 1);
    expect(store.size).toBe(4);
    store.addCount(0, 1, 3);
    expect(store.size).toBe(4);
    const four = new BucketStore(ZERO_KEY);
    fill(four, 4);
    store.merge(four);
    expect(store.size).toBe(8);
    const roomy = new BucketStore(ZERO_KEY);
    fill(roomy, 5);
    const one = new BucketStore(ZERO_KEY);
    one.add(2, 2);
    roomy.merge(one);
    roomy.merge(one);
    roomy.merge(one);
    expect(roomy.size).toBe(8);
    let visits = 0;
    roomy.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(8);
    expect(contents(roomy)).toEqual(['0:100×5', '2:2×3']);
  });

  it('adds a bulk count beyond the list limit as one dense count', () => {
    const store = new BucketStore(ZERO_KEY);
    store.addCount(1, 5, BUCKET_LIST_LIMIT + 1);
    expect(store.size).toBe(1);
    expect(contents(store)).toEqual([`1:5×${BUCKET_LIST_LIMIT + 1}`]);
  });

  it('adds a bulk count that exactly fills the list as list entries', () => {
    const store = new BucketStore(ZERO_KEY);
    store.addCount(0, 10, BUCKET_LIST_LIMIT);
    let visits = 0;
    store.forEach(() => {
      visits += 1;
    });
    expect(visits).toBe(BUCKET_LIST_LIMIT);
  });
});
