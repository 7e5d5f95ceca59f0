/** A loaded model as the eviction planner sees it. */
export interface ResidentModel {
  modelId: string;
  /** Memory it holds (RAM + VRAM), in bytes. */
  memoryBytes: number;
  /** When it was last used: any increasing counter (a use sequence number, a timestamp). */
  lastUsed: number;
  /** Whether a generation is running on it (it cannot be unloaded now). */
  isBusy: boolean;
}

/** Limits on what may be loaded at once. */
export interface ResidencyLimits {
  /** Models loaded at once, ≥ 1. */
  maxLoadedModels: number;
  /** Memory all loaded models may hold together, in bytes. */
  maxMemoryBytes: number;
}

/**
 * What to do before loading a model:
 * - `fits`: unload `evict` (least recently used first), then load;
 * - `too_large`: the model alone exceeds the memory limit;
 * - `busy`: only models that are generating could make room; try again when they finish.
 */
export type EvictionPlan = { outcome: 'fits'; evict: string[] } | { outcome: 'too_large' } | { outcome: 'busy' };

/**
 * Plans least-recently-used unloading so that one more model of `incomingBytes` fits within
 * `limits`. Only idle models are unloaded, oldest first, and no more of them than needed.
 */
export function planEvictions(
  resident: readonly ResidentModel[],
  incomingBytes: number,
  limits: ResidencyLimits,
): EvictionPlan {
  if (incomingBytes > limits.maxMemoryBytes) return { outcome: 'too_large' };
  let count = resident.length;
  let memory = resident.reduce((sum, model) => sum + model.memoryBytes, 0);
  const fits = () => count + 1 <= limits.maxLoadedModels && memory + incomingBytes <= limits.maxMemoryBytes;
  const idle = resident.filter((model) => !model.isBusy).sort((a, b) => a.lastUsed - b.lastUsed);
  const evict: string[] = [];
  for (const model of idle) {
    if (fits()) break;
    evict.push(model.modelId);
    count -= 1;
    memory -= model.memoryBytes;
  }
  return fits() ? { outcome: 'fits', evict } : { outcome: 'busy' };
}
