import {
  ConfigError,
  type ConfigIssue,
  describeReceived,
  formatModelKey,
  isSameModel,
  type LanguageModel,
  type ModelIdentity,
  type ModelInfo,
  type ModelProvider,
} from '@modelyard/core';

/** A model ready to call, with what is known about it (context window, prices). */
export interface ModelCandidate {
  /** The model to call. */
  model: LanguageModel;
  /** The model's listing entry: `contextLength` drives the `context_length` fallback, `pricing` the cost strategy. */
  info?: ModelInfo;
}

/** A model to load from its provider when (and only when) the runner gets to it. */
export interface ProviderCandidate {
  /** The provider whose `loadModel` gives the model. */
  provider: ModelProvider;
  /** The model id as the provider names it. */
  modelId: string;
  /** The model's listing entry (see {@link ModelCandidate.info}). */
  info?: ModelInfo;
}

/** One entry of the ranked list a run walks: a bare `LanguageModel`, or one of the forms above. */
export type Candidate = LanguageModel | ModelCandidate | ProviderCandidate;

/** A candidate as a run sees it. */
export interface ResolvedCandidate {
  identity: ModelIdentity;
  /** `formatModelKey(identity)`. */
  key: string;
  /** Position in the list as given (0 first). */
  rank: number;
  info: ModelInfo | null;
  /** The model, loaded at the first call (once per run; again after a failed load). */
  load(signal: AbortSignal | undefined): Promise<LanguageModel>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isLanguageModel(value: unknown): value is LanguageModel {
  return isObject(value) && typeof value.generate === 'function' && typeof value.stream === 'function';
}

function invalid(path: string, expected: string, value: unknown): ConfigIssue {
  return { path, expected, received: describeReceived(value) };
}

function providerLoader(provider: ModelProvider, modelId: string): ResolvedCandidate['load'] {
  let loading: Promise<LanguageModel> | undefined;
  return (signal) => {
    loading ??= provider.loadModel(modelId, signal ? { signal } : {}).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

type Resolved = Omit<ResolvedCandidate, 'rank' | 'key'>;

// A valid entry, or `null` after pushing what is wrong with it.
function resolveOne(candidate: unknown, path: string, issues: ConfigIssue[]): Resolved | null {
  if (isLanguageModel(candidate)) {
    return { identity: candidate.identity, info: null, load: async () => candidate };
  }
  if (isObject(candidate) && 'model' in candidate) {
    const { model } = candidate;
    if (isLanguageModel(model)) return { identity: model.identity, info: null, load: async () => model };
    issues.push(invalid(`${path}.model`, 'a LanguageModel', model));
    return null;
  }
  if (isObject(candidate) && 'provider' in candidate) {
    const { provider, modelId } = candidate;
    const isProvider = isObject(provider) && typeof provider.loadModel === 'function';
    const hasModelId = typeof modelId === 'string' && modelId !== '';
    if (!isProvider) issues.push(invalid(`${path}.provider`, 'a ModelProvider', provider));
    if (!hasModelId) issues.push(invalid(`${path}.modelId`, 'a model id', modelId));
    if (!isProvider || !hasModelId) return null;
    const typed = provider as unknown as ModelProvider;
    return { identity: { providerId: typed.id, modelId }, info: null, load: providerLoader(typed, modelId) };
  }
  issues.push(invalid(path, 'a LanguageModel, { model, info? } or { provider, modelId, info? }', candidate));
  return null;
}

/**
 * Checks and normalises the candidate list.
 * @throws ConfigError naming each bad entry (`candidates[2].model`), an `info` that describes
 *   another model than its candidate, or a model listed twice.
 */
export function resolveCandidates(candidates: readonly Candidate[]): ResolvedCandidate[] {
  const issues: ConfigIssue[] = [];
  if (!Array.isArray(candidates)) {
    throw new ConfigError('fallback candidates', [invalid('candidates', 'an array', candidates)]);
  }
  const seen = new Set<string>();
  const resolved: ResolvedCandidate[] = [];
  candidates.forEach((candidate: unknown, rank) => {
    const path = `candidates[${rank}]`;
    const entry = resolveOne(candidate, path, issues);
    if (entry === null) return;
    const key = formatModelKey(entry.identity);
    const info = (candidate as { info?: unknown }).info as ModelInfo | undefined;
    if (info !== undefined && !(isObject(info) && isSameModel(info, entry.identity))) {
      issues.push(invalid(`${path}.info`, `the ModelInfo of ${key}`, isObject(info) ? formatModelKey(info) : info));
    }
    if (seen.has(key)) issues.push({ path, expected: 'a model not listed before', received: JSON.stringify(key) });
    seen.add(key);
    resolved.push({ ...entry, key, rank, info: info ?? null });
  });
  if (issues.length > 0) throw new ConfigError('fallback candidates', issues);
  return resolved;
}
