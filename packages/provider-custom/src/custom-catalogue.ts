// The model listing, cached for a TTL on an injected clock: discovery asks the server once per TTL,
// not once per selection decision.
import type { Clock, ModelInfo } from '@modelyard/core';

/** Options of {@link createModelCatalogue}. */
export interface ModelCatalogueOptions {
  /** Fetches the whole listing. */
  load(signal: AbortSignal | undefined): Promise<ModelInfo[]>;
  clock: Clock;
  /** How long a listing stays fresh, in ms. `0` caches nothing. */
  ttlMs: number;
}

/** A cached model listing. */
export interface ModelCatalogue {
  /** The listing: the cached one while fresh, else a new one (always new with `refresh`). */
  list(options: { refresh?: boolean; signal?: AbortSignal | undefined }): Promise<ModelInfo[]>;
  /** The last listing fetched, fresh or not, without any request; `undefined` before the first. */
  lastKnown(): readonly ModelInfo[] | undefined;
  /** Forgets the cached listing. */
  clear(): void;
}

/** A model listing cached for `ttlMs` on `clock`. */
export function createModelCatalogue(options: ModelCatalogueOptions): ModelCatalogue {
  let cached: { models: ModelInfo[]; expiresAt: number } | undefined;
  return {
    async list({ refresh = false, signal }) {
      if (!refresh && cached !== undefined && options.clock.now() < cached.expiresAt) return [...cached.models];
      const models = await options.load(signal);
      cached = { models, expiresAt: options.clock.now() + options.ttlMs };
      return [...models];
    },
    lastKnown: () => cached?.models,
    clear() {
      cached = undefined;
    },
  };
}
