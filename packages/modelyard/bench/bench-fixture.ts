// What the overhead scripts share: one loopback OpenAI-compatible fake with one free model, the
// bare `openai` client and a provider-custom instance on it; and the machine facts every report
// records (the load average moves the figures on a shared machine).
import { cpus, loadavg, totalmem } from 'node:os';
import { createCustomProvider } from '@modelyard/provider-custom';
import { startOpenAICompatibleFake } from '@modelyard/testkit';
import OpenAI from 'openai';

export const BENCH_PROMPT = 'Hello there, how are you today?';

/** The fake, the bare client and the provider; close the fake when done. */
export async function startOverheadFixture() {
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
  const viaOpenAI = () =>
    client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: BENCH_PROMPT }] });
  return { fake, client, provider, viaOpenAI };
}

/** CPU, cores, memory, Node and the load average before (given) and now. */
export function machineFacts(loadBefore: number[]) {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: loadBefore.map((value) => Number(value.toFixed(2))),
    loadAverageAfter: loadavg().map((value) => Number(value.toFixed(2))),
  };
}
