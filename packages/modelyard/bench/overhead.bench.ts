// Overhead of Modelyard around one chat request: the same request through `modelyard.generate`
// (discovery from cache, selection, fallback runner, monitor, provider-custom on the openai client)
// and through the bare `openai` client, against the same loopback OpenAI-compatible fake, one at a
// time and 64 at a time. `pnpm --filter modelyard overhead` measures the ratio with the two
// interleaved, which is less sensitive to load from other processes.
import { createModelyard } from 'modelyard';
import type { Bench } from 'tinybench';
import { BENCH_PROMPT, startOverheadFixture } from './bench-fixture.ts';

export const options = { time: 3000, warmupTime: 500 };

export default async function register(bench: Bench): Promise<void> {
  const { fake, provider, viaOpenAI } = await startOverheadFixture();
  const modelyard = createModelyard({ providers: [provider], hardware: null });
  const viaModelyard = () => modelyard.generate({ messages: [{ role: 'user', content: BENCH_PROMPT }] });
  const times = (count: number, call: () => Promise<unknown>) => () => Promise.all(Array.from({ length: count }, call));
  // The fake records every request; forgetting them after each task keeps memory flat.
  const forget = { afterAll: () => fake.reset() };
  bench
    .add('openai client, concurrency 1', viaOpenAI, forget)
    .add('modelyard.generate, concurrency 1', viaModelyard, forget)
    .add('openai client, concurrency 64', times(64, viaOpenAI), forget)
    .add('modelyard.generate, concurrency 64', times(64, viaModelyard), forget);
  bench.addEventListener('complete', () => {
    void modelyard.dispose().then(() => fake.close());
  });
}
