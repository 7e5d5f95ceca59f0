// Overhead of the fallback runner around a model that answers at once: what the runner itself
// costs per decision (admission, ordering, breaker bookkeeping, reporting), with the default
// in-memory state store and the system clock. Compare each task with its bare baseline.
import type { GenerateRequest, GenerateResult, LanguageModel, StreamPart } from '@modelyard/core';
import { ModelyardError } from '@modelyard/core';
import { createFallbackRunner } from '@modelyard/fallback';
import type { Bench } from 'tinybench';

const request: GenerateRequest = { messages: [{ role: 'user', content: 'Tell me a story' }] };
const usage = { inputTokens: 4, outputTokens: 3, totalTokens: 7 };
const timings = { totalMs: 0, timeToFirstTokenMs: 0, tokensPerSecond: null, loadMs: null };

function instantModel(modelId: string): LanguageModel {
  const identity = { providerId: 'bench', modelId };
  const result: GenerateResult = {
    text: 'Once upon a time',
    finishReason: 'stop',
    usage,
    timings,
    model: identity,
    costUsd: 0,
    warnings: [],
    providerMetadata: {},
  };
  const parts: StreamPart[] = [
    { type: 'start', model: identity, warnings: [] },
    { type: 'text-delta', text: 'Once ' },
    { type: 'text-delta', text: 'upon ' },
    { type: 'text-delta', text: 'a time' },
    { type: 'finish', finishReason: 'stop', usage, timings, costUsd: 0, providerMetadata: {} },
  ];
  return {
    identity,
    generate: async () => result,
    async *stream() {
      yield* parts;
    },
  };
}

// The error is built once: building an Error (its stack) is the model's cost, not the runner's.
function missingModel(modelId: string): LanguageModel {
  const identity = { providerId: 'bench', modelId };
  const notFound = new ModelyardError({ kind: 'not_found', message: 'no such model', providerId: 'bench', modelId });
  return {
    identity,
    generate: () => Promise.reject(notFound),
    stream: () => {
      throw notFound;
    },
  };
}

const answering = instantModel('answering');
const oneCandidate = [answering];
const threeCandidates = [missingModel('missing-1'), missingModel('missing-2'), answering];
// not_found is neutral for breakers; exclusion off so every run tries the three in order.
const runner = createFallbackRunner({ exclusionWindowMs: 0 });
const timed = { timeouts: { totalMs: 60_000, attemptMs: 30_000 } };

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _part of stream) {
    // consume
  }
}

export default function register(bench: Bench): void {
  bench
    .add('baseline: model.generate alone', async () => {
      await answering.generate(request);
    })
    .add('runner.generate, one attempt', async () => {
      await runner.generate(request, oneCandidate);
    })
    .add('runner.generate, three attempts (two instant not_found)', async () => {
      await runner.generate(request, threeCandidates);
    })
    .add('runner.generate, one attempt, total + attempt timeouts', async () => {
      await runner.generate(request, oneCandidate, timed);
    })
    .add('baseline: model.stream alone (3 chunks)', async () => {
      await drain(answering.stream(request));
    })
    .add('runner.stream, one attempt (3 chunks)', async () => {
      await drain(runner.stream(request, oneCandidate));
    });
}
