// The model listing: `/api/tags`, then `/api/show` for each model not seen before, and `/api/ps`;
// cached for a TTL on an injected clock. What `/api/show` says depends only on the model's
// digest, so it is asked once per digest: a refresh costs two requests, not one per model.
import { type Clock, type ModelInfo, type ModelyardError, parseResponseWithSchema } from '@modelyard/core';
import type { Ollama } from 'ollama';
import { type PsEntry, psSchema, type ShowResponse, showSchema, tagsSchema } from './ollama-api';
import { type OllamaConnection, withCall } from './ollama-client';
import { type LoadedFacts, loadedFactsOf, type OllamaModelFacts, ollamaModelToInfo } from './ollama-models';

/** What the catalogue needs from its provider. */
export interface OllamaCatalogueOptions {
  providerId: string;
  connection: OllamaConnection;
  clock: Clock;
  /** How long a listing stays fresh, in ms; `0` caches nothing. */
  ttlMs: number;
  /** How many `/api/show` requests run at once. */
  showConcurrency: number;
  /** Turns a failure into a core error. */
  classify(thrown: unknown, signal: AbortSignal | undefined, modelId?: string): ModelyardError;
}

/** A cached listing of an Ollama server's models. */
export interface OllamaCatalogue {
  /** The listing: the cached one while fresh, else a new one (always new with `refresh`). */
  list(options: { refresh?: boolean | undefined; signal?: AbortSignal | undefined }): Promise<ModelInfo[]>;
  /** What `/api/show` said of a model, from the cache or asked now. */
  show(modelId: string, signal: AbortSignal | undefined): Promise<ShowResponse>;
  /** Forgets the listing (after a pull, a load or an unload). */
  invalidate(): void;
  /** Forgets everything, `/api/show` answers included. */
  clear(): void;
}

/** Runs `action` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapWithLimit<Item, Result>(
  items: readonly Item[],
  limit: number,
  action: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await action(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `GET /api/tags`, parsed. Rejects with what the client threw, or `invalid_response`. */
export async function requestTags(client: Ollama, providerId: string) {
  return parseResponseWithSchema(tagsSchema, await client.list(), { providerId, what: 'a model listing (/api/tags)' });
}

/** `POST /api/show` for one model, parsed. */
export async function requestShow(client: Ollama, providerId: string, modelId: string) {
  return parseResponseWithSchema(showSchema, await client.show({ model: modelId }), {
    providerId,
    modelId,
    what: 'a model description (/api/show)',
  });
}

/** `GET /api/ps`, parsed. */
export async function requestPs(client: Ollama, providerId: string) {
  return parseResponseWithSchema(psSchema, await client.ps(), {
    providerId,
    what: 'a list of loaded models (/api/ps)',
  });
}

function showKey(modelId: string, digest: string | null | undefined): string {
  return `${modelId}@${digest ?? ''}`;
}

/** Creates the catalogue; no request is sent before the first listing. */
export function createOllamaCatalogue(options: OllamaCatalogueOptions): OllamaCatalogue {
  const { providerId, connection, clock } = options;
  const shows = new Map<string, ShowResponse>();
  let cached: { models: ModelInfo[]; expiresAt: number } | undefined;

  async function showWith(client: Ollama, modelId: string, digest: string | null | undefined) {
    const key = showKey(modelId, digest);
    const known = shows.get(key);
    if (known !== undefined) return known;
    const show = await requestShow(client, providerId, modelId);
    // Only answers tied to a digest can be reused: without one, a changed model would go unnoticed.
    if (digest) shows.set(key, show);
    return show;
  }

  // The loaded models, or `undefined` when `/api/ps` failed: loaded-ness is then unknown, and the
  // listing still stands.
  async function loadedModels(client: Ollama, signal: AbortSignal | undefined) {
    try {
      const ps = await requestPs(client, providerId);
      return new Map<string, LoadedFacts>(ps.models.map((entry: PsEntry) => [entry.name, loadedFactsOf(entry)]));
    } catch (error) {
      const classified = options.classify(error, signal);
      if (classified.kind === 'aborted') throw classified;
      return undefined;
    }
  }

  async function load(signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    return withCall(connection, signal, async ({ client }) => {
      let tags: Awaited<ReturnType<typeof requestTags>>;
      try {
        tags = await requestTags(client, providerId);
      } catch (error) {
        throw options.classify(error, signal);
      }
      const entries = [...new Map(tags.models.map((entry) => [entry.name, entry])).values()];
      // Answers for models (or digests) no longer installed are dropped: the cache stays as big as the listing.
      const current = new Set(entries.map((entry) => showKey(entry.name, entry.digest)));
      for (const key of shows.keys()) if (!current.has(key)) shows.delete(key);
      const [facts, loaded] = await Promise.all([
        mapWithLimit(entries, options.showConcurrency, async (entry): Promise<Omit<OllamaModelFacts, 'loaded'>> => {
          try {
            return { entry, show: await showWith(client, entry.name, entry.digest) };
          } catch (error) {
            // One model the server cannot describe is listed with what /api/tags says of it.
            const classified = options.classify(error, signal, entry.name);
            if (classified.kind === 'aborted') throw classified;
            return { entry, show: undefined, showError: classified.message };
          }
        }),
        loadedModels(client, signal),
      ]);
      return facts.map((fact) =>
        ollamaModelToInfo(
          { ...fact, loaded: loaded === undefined ? undefined : (loaded.get(fact.entry.name) ?? null) },
          providerId,
        ),
      );
    });
  }

  return {
    async list({ refresh = false, signal }) {
      if (!refresh && cached !== undefined && clock.now() < cached.expiresAt) return [...cached.models];
      const models = await load(signal);
      cached = { models, expiresAt: clock.now() + options.ttlMs };
      return [...models];
    },
    show(modelId, signal) {
      return withCall(connection, signal, async ({ client }) => {
        try {
          return await showWith(client, modelId, undefined);
        } catch (error) {
          throw options.classify(error, signal, modelId);
        }
      });
    },
    invalidate() {
      cached = undefined;
    },
    clear() {
      cached = undefined;
      shows.clear();
    },
  };
}
