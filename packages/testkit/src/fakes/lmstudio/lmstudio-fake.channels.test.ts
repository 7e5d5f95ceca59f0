import { describe, expect, test } from 'vitest';
import { readLMStudioPredictionOptions } from './lmstudio-fake-protocol';
import { PREDICT, useLMStudioFakeHarness } from './lmstudio-protocol-client';

const harness = useLMStudioFakeHarness();

describe('channels', () => {
  test('predict streams one fragment per word, then success with stats, then closes', async () => {
    const llm = await harness.client('llm');
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 3, creationParameter: PREDICT });
    const contents: string[] = [];
    let message = await llm.next();
    while ((message.message as { type: string }).type === 'fragment') {
      contents.push((message.message as { fragment: { content: string } }).fragment.content);
      message = await llm.next();
    }
    expect(contents).toEqual(['tiny-chat ', 'heard: ', 'hello']);
    const success = message.message as { stats: Record<string, number | string>; modelInfo: { identifier: string } };
    // "hello" is 5 characters: ceil(5 / 4) = 2 prompt tokens; 3 words predicted at 50 tokens/s.
    expect(success.stats).toMatchObject({
      stopReason: 'eosFound',
      tokensPerSecond: 50,
      timeToFirstTokenSec: 0.1,
      promptTokensCount: 2,
      predictedTokensCount: 3,
      totalTokensCount: 5,
    });
    expect(success.stats.totalTimeSec).toBeCloseTo(0.16, 10);
    expect(success.modelInfo.identifier).toBe('tiny-chat');
    expect(await llm.next()).toEqual({ type: 'channelClose', channelId: 3 });
  });

  test('predict honours maxPredictedTokens and stop strings, and answers JSON under a JSON constraint', async () => {
    const llm = await harness.client('llm');
    const config = (fields: { key: string; value: unknown }[]) => ({
      ...PREDICT,
      predictionConfigStack: { layers: [{ layerName: 'apiOverride', config: { fields } }] },
    });
    const collect = async () => {
      const texts: string[] = [];
      for (;;) {
        const packet = (await llm.next()).message as { type: string; fragment?: { content: string }; stats?: unknown };
        if (packet.type !== 'fragment') return { text: texts.join(''), stats: packet.stats as { stopReason: string } };
        texts.push(packet.fragment?.content ?? '');
      }
    };
    llm.send({
      type: 'channelCreate',
      endpoint: 'predict',
      channelId: 1,
      creationParameter: config([{ key: 'llm.prediction.maxPredictedTokens', value: { checked: true, value: 2 } }]),
    });
    expect(await collect()).toMatchObject({
      text: 'tiny-chat heard: ',
      stats: { stopReason: 'maxPredictedTokensReached' },
    });
    await llm.next();
    llm.send({
      type: 'channelCreate',
      endpoint: 'predict',
      channelId: 2,
      creationParameter: config([{ key: 'llm.prediction.stopStrings', value: ['heard'] }]),
    });
    expect(await collect()).toMatchObject({ text: 'tiny-chat ', stats: { stopReason: 'stopStringFound' } });
    await llm.next();
    llm.send({
      type: 'channelCreate',
      endpoint: 'predict',
      channelId: 4,
      creationParameter: config([{ key: 'llm.prediction.structured', value: { type: 'json', jsonSchema: {} } }]),
    });
    const json = await collect();
    expect(JSON.parse(json.text)).toEqual({ answer: 'tiny-chat heard: hello' });
    expect(readLMStudioPredictionOptions(harness.fake.calls.at(-1) as { parameter: unknown })).toEqual({
      responseFormat: { type: 'json' },
    });
  });

  test('a cancel ends a prediction with stop reason userStopped and is recorded', async () => {
    harness.fake.injectFault({ type: 'trickle', messageDelayMs: 50 }, { endpoint: 'predict' });
    const llm = await harness.client('llm');
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 0, creationParameter: PREDICT });
    expect((await llm.next()).message).toMatchObject({ type: 'fragment' });
    llm.send({ type: 'channelSend', channelId: 0, message: { type: 'cancel' } });
    const success = (await llm.next()).message as {
      type: string;
      stats: { stopReason: string; predictedTokensCount: number };
    };
    expect(success.type).toBe('success');
    expect(success.stats.stopReason).toBe('userStopped');
    expect(success.stats.predictedTokensCount).toBe(1);
    expect(harness.fake.calls.at(-1)).toMatchObject({ endpoint: 'predict', cancelled: true, clientClosed: false });
  });

  test('predict on a model that is not loaded is a channelError with noModelMatchingQuery', async () => {
    const llm = await harness.client('llm');
    const parameter = { ...PREDICT, modelSpecifier: { type: 'query', query: { identifier: 'big-vision' } } };
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 0, creationParameter: parameter });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      channelId: 0,
      error: { displayData: { code: 'generic.noModelMatchingQuery', loadedModelsSample: ['tiny-chat'] } },
    });
  });

  test('loadModel resolves, reports progress, loads with the config sent and succeeds', async () => {
    const llm = await harness.client('llm');
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 0,
      creationParameter: {
        modelKey: 'big-vision',
        ttlMs: 60_000,
        loadConfigStack: {
          layers: [
            {
              layerName: 'apiOverride',
              config: {
                fields: [
                  { key: 'llm.load.contextLength', value: 8192 },
                  { key: 'llm.load.llama.acceleration.offloadRatio', value: 0.5 },
                ],
              },
            },
          ],
        },
      },
    });
    const types: string[] = [];
    for (let index = 0; index < 4; index++) types.push(((await llm.next()).message as { type: string }).type);
    expect(types).toEqual(['resolved', 'progress', 'progress', 'success']);
    expect(await llm.next()).toEqual({ type: 'channelClose', channelId: 0 });
    expect(harness.fake.loadedInstances.at(-1)).toEqual({
      identifier: 'big-vision',
      instanceReference: 'fake-instance-2',
      modelKey: 'big-vision',
      contextLength: 8192,
      gpuOffloadRatio: 0.5,
      ttlMs: 60_000,
    });
  });

  test('loadModel of an unknown key is pathNotFound; of an embedding model in llm, domainMismatch', async () => {
    const llm = await harness.client('llm');
    llm.send({ type: 'channelCreate', endpoint: 'loadModel', channelId: 0, creationParameter: { modelKey: 'nope' } });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      error: {
        displayData: {
          code: 'generic.pathNotFound',
          path: 'nope',
          availablePathsSample: ['tiny-chat', 'big-vision', 'nomic-embed'],
          totalModels: 3,
        },
      },
    });
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 1,
      creationParameter: { modelKey: 'nomic-embed' },
    });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      error: { displayData: { code: 'generic.domainMismatch', actualDomain: 'embedding', expectedDomain: 'llm' } },
    });
  });

  test('a second instance of a loaded model gets the next free identifier; getOrLoad reuses the first', async () => {
    const llm = await harness.client('llm');
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 0,
      creationParameter: { modelKey: 'tiny-chat' },
    });
    for (let index = 0; index < 5; index++) await llm.next();
    expect(harness.fake.loadedInstances.map((instance) => instance.identifier)).toEqual(['tiny-chat', 'tiny-chat:2']);
    llm.send({
      type: 'channelCreate',
      endpoint: 'getOrLoad',
      channelId: 1,
      creationParameter: { identifier: 'tiny-chat' },
    });
    expect((await llm.next()).message).toMatchObject({ type: 'alreadyLoaded', info: { identifier: 'tiny-chat' } });
  });
});

describe('more of the protocol', () => {
  test('getModelInfo finds an instance by reference or path, or errors when asked to', async () => {
    const llm = await harness.client('llm');
    const reference = harness.fake.loadedInstances[0]?.instanceReference;
    llm.send({
      type: 'rpcCall',
      endpoint: 'getModelInfo',
      callId: 0,
      parameter: { specifier: { type: 'instanceReference', instanceReference: reference }, throwIfNotFound: true },
    });
    expect(await llm.next()).toMatchObject({
      type: 'rpcResult',
      result: { identifier: 'tiny-chat', contextLength: 4096 },
    });
    llm.send({
      type: 'rpcCall',
      endpoint: 'getModelInfo',
      callId: 1,
      parameter: {
        specifier: { type: 'query', query: { path: 'lmstudio-community/tiny-chat/tiny-chat.gguf' } },
        throwIfNotFound: true,
      },
    });
    expect(await llm.next()).toMatchObject({ type: 'rpcResult', result: { modelKey: 'tiny-chat' } });
    llm.send({
      type: 'rpcCall',
      endpoint: 'getModelInfo',
      callId: 2,
      parameter: { specifier: { type: 'instanceReference', instanceReference: 'gone' }, throwIfNotFound: true },
    });
    expect(await llm.next()).toMatchObject({
      type: 'rpcError',
      error: { displayData: { code: 'generic.specificModelUnloaded' } },
    });
  });

  test('an identifier asked for is used, and refused when taken; a cancelled load fails', async () => {
    const llm = await harness.client('llm');
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 0,
      creationParameter: { modelKey: 'big-vision', identifier: 'mine' },
    });
    for (let index = 0; index < 5; index++) await llm.next();
    expect(harness.fake.loadedInstances.map((instance) => instance.identifier)).toEqual(['tiny-chat', 'mine']);
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 1,
      creationParameter: { modelKey: 'tiny-chat', identifier: 'mine' },
    });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      error: { title: 'A model with identifier "mine" is already loaded' },
    });
    harness.fake.injectFault({ type: 'trickle', messageDelayMs: 60 }, { endpoint: 'loadModel' });
    llm.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 2,
      creationParameter: { modelKey: 'big-vision' },
    });
    expect((await llm.next()).message).toMatchObject({ type: 'resolved' });
    llm.send({ type: 'channelSend', channelId: 2, message: { type: 'cancel' } });
    let answer = await llm.next();
    while (answer.type === 'channelSend') answer = await llm.next();
    expect(answer).toMatchObject({ type: 'channelError', error: { title: 'Model loading was cancelled' } });
  });

  test('getOrLoad loads a model that is not loaded; unknown channels and models are errors', async () => {
    const llm = await harness.client('llm');
    llm.send({
      type: 'channelCreate',
      endpoint: 'getOrLoad',
      channelId: 0,
      creationParameter: { identifier: 'big-vision' },
    });
    const types: string[] = [];
    for (let index = 0; index < 3; index++) types.push(((await llm.next()).message as { type: string }).type);
    expect(types).toEqual(['startLoading', 'loadProgress', 'loadSuccess']);
    expect(await llm.next()).toEqual({ type: 'channelClose', channelId: 0 });
    llm.send({ type: 'channelCreate', endpoint: 'getOrLoad', channelId: 1, creationParameter: { identifier: 'nope' } });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      error: { displayData: { code: 'generic.pathNotFound' } },
    });
    llm.send({ type: 'channelCreate', endpoint: 'streamLogs', channelId: 2 });
    expect(await llm.next()).toMatchObject({
      type: 'channelError',
      error: { title: 'The fake LM Studio has no channel endpoint "llm/streamLogs"' },
    });
  });

  test('embedding models load in the embedding namespace and are listed there only', async () => {
    const embedding = await harness.client('embedding');
    embedding.send({
      type: 'channelCreate',
      endpoint: 'loadModel',
      channelId: 0,
      creationParameter: { modelKey: 'nomic-embed' },
    });
    for (let index = 0; index < 5; index++) await embedding.next();
    embedding.send({ type: 'rpcCall', endpoint: 'listLoaded', callId: 1 });
    expect(((await embedding.next()).result as { modelKey: string }[]).map((info) => info.modelKey)).toEqual([
      'nomic-embed',
    ]);
    const llm = await harness.client('llm');
    llm.send({ type: 'rpcCall', endpoint: 'listLoaded', callId: 0 });
    expect(((await llm.next()).result as { modelKey: string }[]).map((info) => info.modelKey)).toEqual(['tiny-chat']);
  });
});
