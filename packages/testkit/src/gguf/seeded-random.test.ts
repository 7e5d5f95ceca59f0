import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';

describe('createSeededRandom', () => {
  it('produces the SplitMix32 sequence (values checked against an independent implementation)', () => {
    const zero = createSeededRandom(0);
    expect([zero.nextUint32(), zero.nextUint32(), zero.nextUint32()]).toEqual([1684164658, 3653269916, 2939563536]);
    const one = createSeededRandom(1);
    expect([one.nextUint32(), one.nextUint32(), one.nextUint32()]).toEqual([1580013426, 350525680, 3524174333]);
    const fortyTwo = createSeededRandom(42);
    expect(fortyTwo.nextUint32()).toBe(551831576);
  });

  it('scales words to [0, 1) and [-1, 1)', () => {
    const random = createSeededRandom(1);
    expect(random.nextUnit()).toBe(1580013426 / 2 ** 32);
    expect(random.nextSigned()).toBe((350525680 / 2 ** 32) * 2 - 1);
  });

  it('reduces the seed to 32 bits', () => {
    expect(createSeededRandom(2 ** 32 + 1).nextUint32()).toBe(createSeededRandom(1).nextUint32());
    expect(createSeededRandom(-1).nextUint32()).toBe(createSeededRandom(0xffffffff).nextUint32());
  });

  it('gives the same sequence for the same seed, in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const first = createSeededRandom(seed);
        const second = createSeededRandom(seed);
        for (let index = 0; index < 20; index++) {
          const word = first.nextUint32();
          expect(second.nextUint32()).toBe(word);
          expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true);
          const unit = first.nextUnit();
          expect(unit >= 0 && unit < 1).toBe(true);
          second.nextUnit();
          const signed = first.nextSigned();
          expect(signed >= -1 && signed < 1).toBe(true);
          second.nextSigned();
        }
      }),
    );
  });
});
