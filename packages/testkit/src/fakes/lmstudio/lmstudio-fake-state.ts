// The state of a fake LM Studio and what its endpoints answer: downloaded models, loaded
// instances, rpc results, and the messages of the loadModel, getOrLoad and predict channels.
import { composeFakeAnswer, defaultFakeAnswer, type FakeAnswerFunction } from '../fake-answer';
import {
  checkedNumber,
  collapseConfigStack,
  DEFAULT_LOADED_CONTEXT_LENGTH,
  FAKE_ERRORS,
  historyToMessages,
  instanceInfoOf,
  modelInfoOf,
} from './lmstudio-fake-protocol';
import type {
  FakeLMStudioError,
  FakeLMStudioInstance,
  FakeLMStudioModel,
  LMStudioFakeOptions,
} from './lmstudio-fake-types';

/** How a channel handler ended: done (close the channel), stopped (a fault took over), or an error to send. */
export type Outcome = 'done' | 'stopped' | { error: FakeLMStudioError };

/** Sends a channel message (after the trickle delay unless `isPaced` is false); false when the channel must stop. */
export type Emit = (message: Record<string, unknown>, isPaced?: boolean) => Promise<boolean>;

/** What a channel handler knows of its channel. */
export interface ChannelState {
  /** The client sent `{ type: 'cancel' }`. */
  cancelled: boolean;
  /** Waits the trickle delay before the next message (none before the first). */
  pace(): Promise<void>;
}

/** The models of a fake LM Studio and its endpoint handlers. */
export interface FakeLMStudioState {
  /** Loaded instances, in load order (live: handlers change it). */
  readonly instances: FakeLMStudioInstance[];
  /** The answer of an rpc call. */
  rpc(namespace: string, endpoint: string, parameter: unknown): { result: unknown } | { error: FakeLMStudioError };
  /** Runs a channel: sends its messages through `emit` and says how it ended. */
  channel(namespace: string, endpoint: string, parameter: unknown, emit: Emit, state: ChannelState): Promise<Outcome>;
}

/** The state of a fake started with `options`: models, instances loaded at start, answers and stats. */
export function createFakeLMStudioState(options: LMStudioFakeOptions): FakeLMStudioState {
  const downloaded = new Map(options.models.map((model) => [model.modelKey, model]));
  const instances: FakeLMStudioInstance[] = [];
  const answer: FakeAnswerFunction = options.answer ?? defaultFakeAnswer;
  const tokensPerSecond = options.tokensPerSecond ?? 50;
  const timeToFirstTokenSec = options.timeToFirstTokenSec ?? 0.1;
  let nextReference = 1;
  let nextFile = 1;

  function loadInstance(
    model: FakeLMStudioModel,
    settings: { identifier?: string | undefined; contextLength?: unknown; ratio?: unknown; ttlMs?: unknown },
  ): FakeLMStudioInstance {
    let identifier = settings.identifier ?? model.modelKey;
    for (let copy = 2; settings.identifier === undefined && instances.some((i) => i.identifier === identifier); copy++)
      identifier = `${model.modelKey}:${copy}`;
    const maxContext = model.maxContextLength ?? 4096;
    const ratio = settings.ratio;
    const instance: FakeLMStudioInstance = {
      identifier,
      instanceReference: `fake-instance-${nextReference++}`,
      modelKey: model.modelKey,
      contextLength:
        typeof settings.contextLength === 'number'
          ? settings.contextLength
          : Math.min(DEFAULT_LOADED_CONTEXT_LENGTH, maxContext),
      gpuOffloadRatio: typeof ratio === 'number' || ratio === 'max' || ratio === 'off' ? ratio : null,
      ttlMs: typeof settings.ttlMs === 'number' ? settings.ttlMs : null,
    };
    instances.push(instance);
    return instance;
  }

  for (const model of options.models) {
    if (model.loaded) {
      loadInstance(model, { contextLength: model.loaded === true ? undefined : model.loaded.contextLength });
    }
  }

  const identifiers = () => instances.map((instance) => instance.identifier);
  const modelOf = (instance: FakeLMStudioInstance) => downloaded.get(instance.modelKey) as FakeLMStudioModel;

  function resolveInstance(specifier: unknown): FakeLMStudioInstance | { error: FakeLMStudioError } {
    const { type, instanceReference, query } = (specifier ?? {}) as {
      type?: unknown;
      instanceReference?: unknown;
      query?: { identifier?: unknown; path?: unknown };
    };
    if (type === 'instanceReference') {
      const found = instances.find((instance) => instance.instanceReference === instanceReference);
      return found ?? { error: FAKE_ERRORS.specificModelUnloaded() };
    }
    const found = instances.find(
      (instance) =>
        (query?.identifier === undefined || query.identifier === instance.identifier) &&
        (query?.path === undefined ||
          query.path === instance.modelKey ||
          query.path === modelInfoOf(modelOf(instance)).path),
    );
    return found ?? { error: FAKE_ERRORS.noModelMatchingQuery(query ?? {}, identifiers()) };
  }

  function findDownloaded(key: unknown): FakeLMStudioModel | undefined {
    return downloaded.get(String(key)) ?? [...downloaded.values()].find((model) => modelInfoOf(model).path === key);
  }

  function rpc(
    namespace: string,
    endpoint: string,
    parameter: unknown,
  ): { result: unknown } | { error: FakeLMStudioError } {
    const argument = (parameter ?? {}) as Record<string, unknown>;
    switch (`${namespace}/${endpoint}`) {
      case 'system/listDownloadedModels':
        return { result: [...downloaded.values()].map(modelInfoOf) };
      case 'system/version':
        return { result: options.version ?? { version: '0.3.30', build: 2 } };
      case 'llm/listLoaded':
      case 'embedding/listLoaded':
        return {
          result: instances
            .filter((instance) => (modelOf(instance).type ?? 'llm') === namespace)
            .map((instance) => instanceInfoOf(modelOf(instance), instance)),
        };
      case 'llm/getModelInfo': {
        const found = resolveInstance(argument.specifier);
        if ('error' in found) return argument.throwIfNotFound === true ? found : { result: undefined };
        return { result: instanceInfoOf(modelOf(found), found) };
      }
      case 'llm/unloadModel': {
        const index = instances.findIndex((instance) => instance.identifier === argument.identifier);
        if (index === -1) return { error: FAKE_ERRORS.identifierNotFound(String(argument.identifier), identifiers()) };
        instances.splice(index, 1);
        return { result: undefined };
      }
      case 'files/uploadFileBase64': {
        const content = typeof argument.contentBase64 === 'string' ? argument.contentBase64 : '';
        return {
          result: {
            identifier: `fake-file-${nextFile++}`,
            fileType: 'image',
            sizeBytes: Buffer.from(content, 'base64').length,
          },
        };
      }
      default:
        return { error: { title: `The fake LM Studio has no rpc endpoint "${namespace}/${endpoint}"` } };
    }
  }

  async function load(namespace: string, parameter: unknown, emit: Emit, state: ChannelState): Promise<Outcome> {
    const { modelKey, identifier, ttlMs, loadConfigStack } = (parameter ?? {}) as Record<string, unknown>;
    const model = findDownloaded(modelKey);
    if (model === undefined) return { error: FAKE_ERRORS.pathNotFound(String(modelKey), [...downloaded.keys()]) };
    const domain = model.type ?? 'llm';
    if (domain !== namespace)
      return { error: FAKE_ERRORS.domainMismatch(String(modelInfoOf(model).path), domain, namespace) };
    if (typeof identifier === 'string' && identifiers().includes(identifier))
      return { error: { title: `A model with identifier "${identifier}" is already loaded` } };
    if (!(await emit({ type: 'resolved', info: modelInfoOf(model) }))) return 'stopped';
    for (const progress of [0.5, 1]) {
      if (state.cancelled) return { error: { title: 'Model loading was cancelled' } };
      if (!(await emit({ type: 'progress', progress }))) return 'stopped';
    }
    if (state.cancelled) return { error: { title: 'Model loading was cancelled' } };
    const fields = collapseConfigStack(loadConfigStack);
    const instance = loadInstance(model, {
      identifier: typeof identifier === 'string' ? identifier : undefined,
      contextLength: fields.get('llm.load.contextLength'),
      ratio: fields.get('llm.load.llama.acceleration.offloadRatio'),
      ttlMs,
    });
    return (await emit({ type: 'success', info: instanceInfoOf(model, instance) })) ? 'done' : 'stopped';
  }

  async function getOrLoad(parameter: unknown, emit: Emit): Promise<Outcome> {
    const { identifier, loadTtlMs, loadConfigStack } = (parameter ?? {}) as Record<string, unknown>;
    const existing = instances.find(
      (instance) => instance.identifier === identifier || instance.modelKey === identifier,
    );
    if (existing) {
      const message = { type: 'alreadyLoaded', info: instanceInfoOf(modelOf(existing), existing) };
      return (await emit(message)) ? 'done' : 'stopped';
    }
    const model = findDownloaded(identifier);
    if (model === undefined || (model.type ?? 'llm') !== 'llm')
      return { error: FAKE_ERRORS.pathNotFound(String(identifier), [...downloaded.keys()]) };
    if (!(await emit({ type: 'startLoading', identifier: model.modelKey, info: modelInfoOf(model) }))) return 'stopped';
    if (!(await emit({ type: 'loadProgress', progress: 1 }))) return 'stopped';
    const fields = collapseConfigStack(loadConfigStack);
    const instance = loadInstance(model, {
      contextLength: fields.get('llm.load.contextLength'),
      ratio: fields.get('llm.load.llama.acceleration.offloadRatio'),
      ttlMs: loadTtlMs,
    });
    return (await emit({ type: 'loadSuccess', info: instanceInfoOf(model, instance) })) ? 'done' : 'stopped';
  }

  async function predict(parameter: unknown, emit: Emit, state: ChannelState): Promise<Outcome> {
    const { modelSpecifier, history, predictionConfigStack } = (parameter ?? {}) as Record<string, unknown>;
    const instance = resolveInstance(modelSpecifier);
    if ('error' in instance) return instance;
    const messages = historyToMessages(history);
    const fields = collapseConfigStack(predictionConfigStack);
    const stopStrings = fields.get('llm.prediction.stopStrings');
    const stop = Array.isArray(stopStrings)
      ? stopStrings.filter((item): item is string => typeof item === 'string')
      : [];
    const structured = fields.get('llm.prediction.structured') as { type?: unknown } | undefined;
    // Under a JSON constraint the model can only write JSON: the answer is wrapped in an object.
    const modelAnswer: FakeAnswerFunction =
      structured?.type === 'json' ? (input) => JSON.stringify({ answer: answer(input) }) : answer;
    const modelId = instance.modelKey;
    const full = modelAnswer({ modelId, messages });
    const result = composeFakeAnswer({
      modelId,
      messages,
      answer: modelAnswer,
      maxTokens: checkedNumber(fields.get('llm.prediction.maxPredictedTokens')),
      stop,
    });
    let stopReason =
      result.finishReason === 'length'
        ? 'maxPredictedTokensReached'
        : stop.some((sequence) => full.includes(sequence))
          ? 'stopStringFound'
          : 'eosFound';
    let predicted = 0;
    for (const token of result.tokens) {
      // A cancel that arrives while the next token is being "generated" stops before it is sent.
      await state.pace();
      if (state.cancelled) {
        stopReason = 'userStopped';
        break;
      }
      const fragment = {
        content: token,
        tokensCount: 1,
        containsDrafted: false,
        reasoningType: 'none',
        isStructural: false,
      };
      if (!(await emit({ type: 'fragment', fragment }, false))) return 'stopped';
      predicted++;
    }
    const stats = {
      stopReason,
      tokensPerSecond,
      timeToFirstTokenSec,
      totalTimeSec: timeToFirstTokenSec + predicted / tokensPerSecond,
      promptTokensCount: result.promptTokens,
      predictedTokensCount: predicted,
      totalTokensCount: result.promptTokens + predicted,
    };
    const success = {
      type: 'success',
      stats,
      modelInfo: instanceInfoOf(modelOf(instance), instance),
      loadModelConfig: { fields: [{ key: 'llm.load.contextLength', value: instance.contextLength }] },
      predictionConfig: { fields: [...fields].map(([key, value]) => ({ key, value })) },
    };
    return (await emit(success)) ? 'done' : 'stopped';
  }

  return {
    instances,
    rpc,
    channel(namespace, endpoint, parameter, emit, state) {
      if (namespace === 'llm' && endpoint === 'predict') return predict(parameter, emit, state);
      if (endpoint === 'loadModel') return load(namespace, parameter, emit, state);
      if (namespace === 'llm' && endpoint === 'getOrLoad') return getOrLoad(parameter, emit);
      return Promise.resolve({
        error: { title: `The fake LM Studio has no channel endpoint "${namespace}/${endpoint}"` },
      });
    },
  };
}
