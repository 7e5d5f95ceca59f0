import { describe, expect, it } from 'vitest';
import { TextQueue } from './text-queue';

describe('TextQueue', () => {
  it('hands out pieces in order, then undefined once ended and drained', async () => {
    const queue = new TextQueue();
    queue.push('a');
    queue.push('b');
    queue.end();
    queue.push('ignored');
    expect(await queue.next()).toBe('a');
    expect(await queue.next()).toBe('b');
    expect(await queue.next()).toBeUndefined();
    expect(await queue.next()).toBeUndefined();
  });

  it('wakes a waiting reader on push and on end', async () => {
    const queue = new TextQueue();
    const first = queue.next();
    queue.push('x');
    expect(await first).toBe('x');
    const second = queue.next();
    queue.end();
    expect(await second).toBeUndefined();
  });
});
