// Real in-process inference on the generated tiny llama model (~0.5 MB, 64 dimensions, 2 blocks):
// how long loading takes, how soon the first token comes, and how fast a longer answer streams.
// It measures this package's overhead plus llama.cpp's, not a production-sized model.
import { createLocalProvider } from '@modelyard/provider-local';
import { createTinyModelsDirectory } from '@modelyard/testkit/gguf';
import type { Bench } from 'tinybench';

// A new prompt each time (it differs from its first character), so llama.cpp cannot reuse the
// previous call's evaluated prompt.
let calls = 0;
const prompt = () => ({
  messages: [{ role: 'user' as const, content: `${calls++ % 10} Say hello to the contract suite ${calls}` }],
});

export default async function register(bench: Bench): Promise<void> {
  const models = await createTinyModelsDirectory();
  const provider = createLocalProvider({ modelDirectories: models.path, gpu: false });
  const model = await provider.loadModel('tiny-llama');
  bench.addEventListener('complete', () => {
    void provider.dispose().then(() => models.remove());
  });
  bench
    .add('load the tiny model (unload, then load with a 512-token context)', async () => {
      await provider.unloadModel('tiny-llama');
      await provider.loadModel('tiny-llama');
    })
    .add('time to first token (~55-token new prompt, stream until the first delta)', async () => {
      for await (const part of model.stream({ ...prompt(), maxOutputTokens: 64 })) {
        if (part.type === 'text-delta') break;
      }
    })
    .add('generate 128 tokens (greedy, ~55-token new prompt)', async () => {
      await model.generate({ ...prompt(), maxOutputTokens: 128 });
    });
}
