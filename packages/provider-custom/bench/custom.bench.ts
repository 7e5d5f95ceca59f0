// Creating a provider parses and normalizes every declared model once; listing without discovery
// copies them. Both run at application start and per selection, so both must stay cheap.
import { createCustomProvider } from '@modelyard/provider-custom';
import type { Bench } from 'tinybench';

const models = Array.from({ length: 50 }, (_, index) => ({
  id: `org/model-${index}:q4_k_m`,
  contextLength: 32_768,
  maxOutputTokens: 4096,
  pricing: { inputPerToken: 0.0000001, outputPerToken: 0.0000002, perRequest: 0 },
}));
const settings = { name: 'bench-server', baseURL: 'http://127.0.0.1:8000/v1', discover: false, models };
const provider = createCustomProvider(settings);

export default function register(bench: Bench): void {
  bench
    .add('createCustomProvider (50 declared models)', () => {
      createCustomProvider(settings);
    })
    .add('listModels (50 declared models, no discovery)', async () => {
      await provider.listModels();
    });
}
