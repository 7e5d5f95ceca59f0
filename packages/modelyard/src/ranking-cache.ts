import { type CallSample, type Clock, formatModelKey, type ModelInfo } from '@modelyard/core';

/** Rankings reused between requests; see {@link createRankingCache}. */
export interface RankingCache<Value> {
  /** The ranking stored for this model list and these requirements, while it is still valid. */
  get(models: readonly ModelInfo[], requirements: unknown): Value | undefined;
  set(models: readonly ModelInfo[], requirements: unknown, value: Value): void;
  /** Sees every recorded attempt: a failure, or a model's first measurement, makes every ranking stale. */
  noteSample(sample: CallSample): void;
}

/** Most requirement shapes kept at once; older ones are dropped first. */
const MAX_ENTRIES = 64;

function keyOf(requirements: unknown): string | undefined {
  try {
    return JSON.stringify(requirements);
  } catch {
    return undefined; // not JSON (a BigInt, a cycle): never cached
  }
}

/**
 * Ranking every request again costs more than the rest of Modelyard's work around a call (the
 * selector validates the requirements and reads every candidate's stats). A ranking is reused for
 * requirements with the same content over the same discovered list for `ttlMs`, unless an attempt
 * failed or a model got its first measurement since: those change the order at once, while a few
 * more successful samples barely move the performance factor. `ttlMs: 0` turns the cache off.
 */
export function createRankingCache<Value>(options: { clock: Clock; ttlMs: number }): RankingCache<Value> {
  const entries = new Map<string, { models: readonly ModelInfo[]; at: number; generation: number; value: Value }>();
  const measured = new Set<string>();
  let generation = 0;
  return {
    get(models, requirements) {
      if (options.ttlMs === 0) return undefined;
      const key = keyOf(requirements);
      const entry = key === undefined ? undefined : entries.get(key);
      if (entry === undefined) return undefined;
      const isValid =
        entry.models === models && entry.generation === generation && options.clock.now() - entry.at < options.ttlMs;
      return isValid ? entry.value : undefined;
    },
    set(models, requirements, value) {
      if (options.ttlMs === 0) return;
      const key = keyOf(requirements);
      if (key === undefined) return;
      entries.delete(key);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(key, { models, at: options.clock.now(), generation, value });
    },
    noteSample(sample) {
      const key = formatModelKey(sample.model);
      if (sample.outcome !== 'ok' || !measured.has(key)) generation += 1;
      measured.add(key);
    },
  };
}
