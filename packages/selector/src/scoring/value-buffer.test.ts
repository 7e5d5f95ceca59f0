import { describe, expect, it } from 'vitest';
import { acquireValueBuffer, releaseValueBuffer } from './value-buffer';

describe('value buffer pool', () => {
  it('hands out a fresh buffer when none is spare, and the spare when it is large enough', () => {
    const first = acquireValueBuffer(10);
    expect(first.length).toBe(10);
    releaseValueBuffer(first);
    const again = acquireValueBuffer(8);
    expect(again).toBe(first);
    const nested = acquireValueBuffer(4);
    expect(nested).not.toBe(first);
    releaseValueBuffer(again);
    releaseValueBuffer(nested);
    expect(acquireValueBuffer(10)).toBe(first);
  });

  it('keeps the current spare when an equally large one comes back', () => {
    const first = acquireValueBuffer(64);
    const second = acquireValueBuffer(64);
    releaseValueBuffer(first);
    releaseValueBuffer(second);
    expect(acquireValueBuffer(64)).toBe(first);
  });

  it('allocates when the spare is too small, and keeps the larger one', () => {
    const small = acquireValueBuffer(3);
    releaseValueBuffer(small);
    const large = acquireValueBuffer(30);
    expect(large).not.toBe(small);
    expect(large.length).toBe(30);
    releaseValueBuffer(large);
    releaseValueBuffer(new Float64Array(5));
    expect(acquireValueBuffer(30)).toBe(large);
    releaseValueBuffer(large);
  });
});
