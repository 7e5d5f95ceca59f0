// Hot-path helpers of the spec: model keys are built for every candidate on every ranking and
// every recorded metric, so they must stay far below a microsecond.
import { estimateCost, formatModelKey, modelInfoSchema, parseModelKey } from '@modelyard/core';
import type { Bench } from 'tinybench';

const identity = { providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' };
const key = formatModelKey(identity);
const pricing = { inputPerToken: 0.000_000_15, outputPerToken: 0.000_000_6, perRequest: 0 };
const listing = {
  providerId: 'openrouter',
  providerKind: 'openrouter',
  modelId: 'meta-llama/llama-3.1-8b-instruct',
  locality: 'remote',
  contextLength: 131_072,
  pricing,
  capabilities: ['chat', 'streaming', 'tools'],
};

export default function register(bench: Bench): void {
  bench
    .add('formatModelKey', () => {
      formatModelKey(identity);
    })
    .add('parseModelKey', () => {
      parseModelKey(key);
    })
    .add('estimateCost', () => {
      estimateCost(pricing, { inputTokens: 1200, outputTokens: 300 });
    })
    .add('modelInfoSchema.parse (one listing entry)', () => {
      modelInfoSchema.parse(listing);
    });
}
