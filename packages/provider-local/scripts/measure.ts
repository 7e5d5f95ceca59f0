// Figures for the README, from the provider's own timings over repeated runs on the generated tiny
// model: load time, time to first token and decode speed (medians). Run: pnpm run measure
import { cpus } from 'node:os';
import { createLocalProvider } from '@modelyard/provider-local';
import { createTinyModelsDirectory } from '@modelyard/testkit/gguf';

const runs = Number(process.argv[2] ?? 30);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const models = await createTinyModelsDirectory();
const provider = createLocalProvider({ modelDirectories: models.path, gpu: false });
const model = await provider.loadModel('tiny-llama');
// A new prompt each time (it differs from its first character), so llama.cpp cannot reuse the
// previous call's evaluated prompt: time to first token includes evaluating ~55 prompt tokens.
const request = (run: number) => ({
  messages: [{ role: 'user' as const, content: `${run % 10} Say hello to the contract suite ${run}` }],
  maxOutputTokens: 128,
});
await model.generate(request(-1));

const loadMs: number[] = [];
const firstTokenMs: number[] = [];
const tokensPerSecond: number[] = [];
for (let run = 0; run < runs; run++) {
  await provider.unloadModel('tiny-llama');
  const loaded = await model.generate(request(run));
  loadMs.push(loaded.timings.loadMs ?? 0);
  const warm = await model.generate(request(run + 1));
  firstTokenMs.push(warm.timings.timeToFirstTokenMs ?? 0);
  tokensPerSecond.push(warm.timings.tokensPerSecond ?? 0);
}
await provider.dispose();
await models.remove();

console.log(
  JSON.stringify(
    {
      machine: `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}`,
      runs,
      threads: 'max(1, cpuMathCores - 1)',
      medianLoadMs: Number(median(loadMs).toFixed(2)),
      medianTimeToFirstTokenMs: Number(median(firstTokenMs).toFixed(2)),
      medianTokensPerSecond: Math.round(median(tokensPerSecond)),
    },
    null,
    2,
  ),
);
