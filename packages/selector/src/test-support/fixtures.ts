// Builders for tests only (not exported from index.ts): parsed models, machines and stats sources
// with just the facts a test is about.
import {
  formatModelKey,
  type HardwareProfile,
  type ModelInfo,
  type ModelInfoInput,
  type ModelPerformanceStats,
  modelInfoSchema,
  type PerformanceStatsSource,
} from '@modelyard/core';

const GIB = 2 ** 30;

/** A parsed remote model; `overrides` are ModelInfo input fields. */
export function remoteModel(modelId: string, overrides: Partial<ModelInfoInput> = {}): ModelInfo {
  return modelInfoSchema.parse({
    providerId: 'cloud',
    modelId,
    providerKind: 'openrouter',
    locality: 'remote',
    pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 },
    ...overrides,
  });
}

/** A parsed local model (free); `overrides` are ModelInfo input fields. */
export function localModel(modelId: string, overrides: Partial<ModelInfoInput> = {}): ModelInfo {
  return modelInfoSchema.parse({
    providerId: 'ollama',
    modelId,
    providerKind: 'ollama',
    locality: 'local',
    isFree: true,
    ...overrides,
  });
}

/** A machine with `gpuGib` of free dedicated VRAM (none when 0) and `systemGib` of available RAM. */
export function machine(gpuGib: number, systemGib: number, overrides: Partial<HardwareProfile> = {}): HardwareProfile {
  return {
    os: { platform: 'linux', release: '6.8', arch: 'x64' },
    cpu: { model: 'Test CPU', physicalCores: 8, logicalCores: 16, speedGHz: 3, flags: ['avx2'] },
    memory: { totalBytes: 2 * systemGib * GIB, availableBytes: systemGib * GIB },
    gpus:
      gpuGib > 0
        ? [
            {
              vendor: 'nvidia',
              model: 'Test GPU',
              vramTotalBytes: 2 * gpuGib * GIB,
              vramFreeBytes: gpuGib * GIB,
              hasUnifiedMemory: false,
            },
          ]
        : [],
    detectedAt: 0,
    ...overrides,
  };
}

/** Stats with the given figures; unmeasured parts `null`. */
export function stats(figures: Partial<ModelPerformanceStats> = {}): ModelPerformanceStats {
  return {
    sampleCount: 10,
    successRate: 1,
    latencyMs: null,
    timeToFirstTokenMs: null,
    tokensPerSecond: null,
    windowMs: 60_000,
    ...figures,
  };
}

/** A stats source answering from a table by `<providerId>/<modelId>`, counting its calls. */
export function statsSource(table: Record<string, ModelPerformanceStats>): PerformanceStatsSource & { calls: number } {
  const source = {
    calls: 0,
    getModelStats(model: { providerId: string; modelId: string }) {
      source.calls += 1;
      return table[formatModelKey(model)];
    },
  };
  return source;
}

export { GIB };
