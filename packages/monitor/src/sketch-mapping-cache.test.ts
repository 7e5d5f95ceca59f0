// In a file of its own: the mapping cache is module state, and this test counts what it holds.
import { expect, it } from 'vitest';
import { sketchMapping } from './sketch-mapping';

it('caches the mappings of the first 16 accuracies it sees, and builds later ones afresh', () => {
  const accuracies = Array.from({ length: 20 }, (_, index) => 0.01 + index / 1000);
  const isCached = accuracies.map((accuracy) => {
    const first = sketchMapping(accuracy);
    return first === sketchMapping(accuracy);
  });
  expect(isCached).toEqual([...Array.from({ length: 16 }, () => true), false, false, false, false]);
});
