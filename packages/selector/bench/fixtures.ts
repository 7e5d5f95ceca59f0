// Deterministic model listings for the benchmarks: a mix like a real discovery result (mostly
// remote models with prices, some local ones with weights), measured stats for most of them,
// and requirements that exercise every filter and factor.
import type { HardwareProfile, ModelInfo, ModelPerformanceStats, PerformanceStatsSource } from '@modelyard/core';
import { modelInfoSchema } from '@modelyard/core';

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const CAPABILITY_SETS = [
  ['chat', 'streaming'],
  ['chat', 'streaming', 'tools', 'json'],
  ['chat', 'streaming', 'tools', 'structured_output', 'vision'],
  ['chat', 'streaming', 'reasoning', 'long_context'],
  ['chat'],
] as const;
const QUANTIZATIONS = ['Q4_K_M', 'Q8_0', 'F16', '4bit'];

/** `count` parsed models; about 30% local. */
export function makeModels(count: number, seed = 42): ModelInfo[] {
  const random = seededRandom(seed);
  const models: ModelInfo[] = [];
  for (let index = 0; index < count; index += 1) {
    const isLocal = random() < 0.3;
    const isFree = random() < 0.15;
    const price = isFree ? 0 : random() < 0.05 ? null : random() * 0.00002;
    const parameters = Math.round(1 + random() * 70) * 1e9;
    models.push(
      modelInfoSchema.parse({
        providerId: isLocal ? 'ollama' : `cloud-${index % 7}`,
        modelId: `family-${index % 13}/model-${index}:${isLocal ? 'q4' : 'latest'}`,
        providerKind: isLocal ? 'ollama' : 'openrouter',
        locality: isLocal ? 'local' : 'remote',
        contextLength: random() < 0.05 ? null : 4096 * (1 + Math.floor(random() * 32)),
        pricing: isLocal
          ? { inputPerToken: 0, outputPerToken: 0, perRequest: 0 }
          : { inputPerToken: price, outputPerToken: price === null ? null : price * 3, perRequest: 0 },
        isFree: isLocal || isFree,
        capabilities: [...(CAPABILITY_SETS[index % CAPABILITY_SETS.length] ?? ['chat'])],
        weights: isLocal
          ? {
              parameterCount: parameters,
              quantization: QUANTIZATIONS[index % QUANTIZATIONS.length],
              family: `family-${index % 13}`,
            }
          : null,
        quality: random() < 0.8 ? { value: Math.round(random() * 100) / 10, source: 'bench' } : null,
        safety: random() < 0.6 ? { value: Math.round(random() * 100) / 10, source: 'bench' } : null,
      }),
    );
  }
  return models;
}

/**
 * Stats for about 80% of the models, held by provider id then model id, as `@modelyard/monitor`
 * holds them: no key string is built per lookup (that alone would cost more than the ranking).
 */
export function makeStats(models: readonly ModelInfo[], seed = 7): PerformanceStatsSource {
  const random = seededRandom(seed);
  const byProvider = new Map<string, Map<string, ModelPerformanceStats>>();
  for (const model of models) {
    if (random() < 0.2) continue;
    const p50 = 200 + random() * 4000;
    let byModel = byProvider.get(model.providerId);
    if (byModel === undefined) {
      byModel = new Map();
      byProvider.set(model.providerId, byModel);
    }
    byModel.set(model.modelId, {
      sampleCount: 20 + Math.floor(random() * 200),
      successRate: 0.8 + random() * 0.2,
      latencyMs: { p50, p95: p50 * 1.8 },
      timeToFirstTokenMs: { p50: p50 / 5, p95: p50 / 3 },
      tokensPerSecond: 10 + random() * 90,
      windowMs: 3_600_000,
    });
  }
  return { getModelStats: (model) => byProvider.get(model.providerId)?.get(model.modelId) };
}

/** A workstation with one 24 GiB GPU. */
export const hardware: HardwareProfile = {
  os: { platform: 'linux', release: '6.8', arch: 'x64' },
  cpu: { model: 'AMD Ryzen 9', physicalCores: 16, logicalCores: 32, speedGHz: 4.5, flags: ['avx2'] },
  memory: { totalBytes: 64 * 2 ** 30, availableBytes: 48 * 2 ** 30 },
  gpus: [
    {
      vendor: 'nvidia',
      model: 'RTX 4090',
      vramTotalBytes: 24 * 2 ** 30,
      vramFreeBytes: 22 * 2 ** 30,
      hasUnifiedMemory: false,
    },
  ],
  detectedAt: 0,
};

/** Requirements that set every filter and make most factors apply. */
export const fullRequirements = {
  task: 'narrative_generation',
  minContextLength: 8192,
  requiredCapabilities: ['chat' as const, 'streaming' as const],
  maxPricePerMillionTokens: { input: 15, output: 45 },
  maxCostPerRequest: 0.05,
  maxLatencyMs: 7000,
  minQuality: 2,
  locality: 'prefer_local' as const,
  denyProviders: ['cloud-6'],
  expectedInputTokens: 1200,
  expectedOutputTokens: 400,
};
