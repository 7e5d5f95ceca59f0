// Overhead of Modelyard around one chat request: the same request through `modelyard.generate`
// (discovery from cache, selection, fallback runner, monitor, provider-custom on the openai client)
// and through the bare `openai` client, against the same loopback OpenAI-compatible fake, one at a
// time and 64 at a time. `pnpm --filter modelyard overhead` measures the ratio with the two
// interleaved, which is less sensitive to load from other processes.
import { createCustomProvider } from '@modelyard/provider-custom';
import { startOpenAICompatibleFake } from '@modelyard/testkit';
import { createModelyard } from 'modelyard';
import OpenAI from 'openai';
import type { Bench } from 'tinybench';

export const options = { time: 3000, warmupTime: 500 };

const prompt = 'Hello there, how are you today?';

export default async function register(bench: Bench): Promise<void> {
  const fake = await startOpenAICompatibleFake({ models: [{ id: 'bench-model' }] });
  const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'bench-key', maxRetries: 0 });
  const provider = createCustomProvider({
    name: 'bench',
    baseURL: fake.baseURL,
    apiKey: 'bench-key',
    discover: false,
    models: [
      {
        id: 'bench-model',
        contextLength: 8192,
        isFree: true,
        pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
      },
    ],
  });
  const modelyard = createModelyard({ providers: [provider], hardware: null });
  const viaOpenAI = () =>
    client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: prompt }] });
  const viaModelyard = () => modelyard.generate({ messages: [{ role: 'user', content: prompt }] });
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
