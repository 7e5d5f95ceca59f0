// Deterministic call samples for the benchmarks: 1,000 models on 10 providers, log-normal
// latencies (median 800 ms, σ 0.5), mostly successful, streaming, with token counts and costs.
import type { CallSample } from '@modelyard/core';

/** A small fast PRNG (mulberry32) so every run sees the same stream. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES = [
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'ok',
  'rate_limit',
  'timeout',
] as const;
const TASKS = ['dialogue_generation', 'summarization', 'classification', 'code_generation'];

/** `count` samples spread over `modelCount` models (round robin), timestamps left at 0. */
export function sampleStream(count: number, modelCount: number, seed = 42): CallSample[] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const models = Array.from({ length: modelCount }, (_, index) => ({
    providerId: `provider-${index % 10}`,
    modelId: `vendor-${index % 37}/model-${index}:free`,
  }));
  const samples: CallSample[] = [];
  for (let index = 0; index < count; index += 1) {
    const latencyMs = 800 * Math.exp(0.5 * normal());
    const outputTokens = Math.round(50 + 400 * random());
    samples.push({
      model: models[index % modelCount] as CallSample['model'],
      outcome: OUTCOMES[Math.floor(random() * OUTCOMES.length)] as CallSample['outcome'],
      timestamp: 0,
      latencyMs,
      timeToFirstTokenMs: latencyMs * (0.1 + 0.2 * random()),
      inputTokens: Math.round(200 + 2000 * random()),
      outputTokens,
      tokensPerSecond: outputTokens / (latencyMs / 1000),
      costUsd: outputTokens * 0.000_000_6,
      task: TASKS[index % TASKS.length] as string,
      isStreaming: true,
    });
  }
  return samples;
}
