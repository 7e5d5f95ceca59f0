// Ranking runs on every request the fallback runner serves, over every model discovery found.
// Targets on the 2-core VM: rank 10,000 ≤ 2 ms median, best-of-10,000 ≤ 0.5 ms.
import { createSelector } from '@modelyard/selector';
import type { Bench } from 'tinybench';
import { fullRequirements, hardware, makeModels, makeStats } from './fixtures.ts';

export default function register(bench: Bench): void {
  for (const count of [10, 100, 1000, 10_000]) {
    const models = makeModels(count);
    const selector = createSelector({ hardware, stats: makeStats(models), preferFree: true });
    bench.add(`rank ${count.toLocaleString('en-US')} models`, () => {
      selector.rank(models, fullRequirements);
    });
  }
  const models = makeModels(10_000);
  const selector = createSelector({ hardware, stats: makeStats(models), preferFree: true });
  bench.add('best of 10,000 models', () => {
    selector.select(models, fullRequirements);
  });
  const withoutStats = createSelector({ hardware, preferFree: true });
  bench.add('best of 10,000 models, no stats source', () => {
    withoutStats.select(models, fullRequirements);
  });
  // A list the selector has not seen: its columns are built first (discovery refreshed).
  bench.add('rank 10,000 models, new list each time', () => {
    selector.rank([...models], fullRequirements);
  });
  bench.add('rank 10,000 models, reading every rejection reason', () => {
    selector.rank(models, fullRequirements).rejected;
  });
  const hundred = models.slice(0, 100);
  bench.add('explain 100 models', () => {
    selector.explain(hundred, fullRequirements);
  });
}
