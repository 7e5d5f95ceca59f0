import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapWithLimit } from './ollama-catalogue';

describe('mapWithLimit', () => {
  it('keeps the order of the results and never runs more than the limit at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const results = await mapWithLimit([30, 10, 20, 0, 5], 2, async (delayMs) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      running -= 1;
      return delayMs * 2;
    });
    expect(results).toEqual([60, 20, 40, 0, 10]);
    expect(mostAtOnce).toBe(2);
  });

  it('does nothing for no items, and rejects with the first failure', async () => {
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([]);
    await expect(
      mapWithLimit([1, 2], 4, async (item) => {
        if (item === 2) throw new Error('second failed');
        return item;
      }),
    ).rejects.toThrow('second failed');
  });

  it('maps every item exactly once, whatever the limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer()), fc.integer({ min: 1, max: 8 }), async (items, limit) => {
        const seen: number[] = [];
        const results = await mapWithLimit(items, limit, async (item) => {
          seen.push(item);
          return item + 1;
        });
        expect(results).toEqual(items.map((item) => item + 1));
        expect(seen.sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });
});
