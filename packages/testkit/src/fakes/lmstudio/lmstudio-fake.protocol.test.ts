import { describe, expect, test } from 'vitest';
import { readLMStudioPredictionOptions } from './lmstudio-fake-protocol';
import { openProtocolClient, useLMStudioFakeHarness } from './lmstudio-protocol-client';

const harness = useLMStudioFakeHarness();

describe('connection', () => {
  test('answers the authentication packet and records the client', async () => {
    await harness.client('system');
    expect(harness.fake.connections).toEqual([
      { namespace: 'system', clientIdentifier: 'test-client', authenticated: true, isOpen: true },
    ]);
  });

  test('refuses a malformed authentication packet and closes', async () => {
    const raw = await openProtocolClient(harness.fake, 'system');
    raw.send({ authVersion: 2 });
    expect(await raw.next()).toEqual({ success: false, error: 'Invalid authentication packet' });
    await raw.closed;
  });

  test('answers a keepAlive and warns about messages it does not serve', async () => {
    const system = await harness.client('system');
    system.send({ type: 'keepAlive' });
    expect(await system.next()).toEqual({ type: 'keepAliveAck' });
    system.send({ type: 'signalSubscribe', endpoint: 'x', subscribeId: 0, creationParameter: null });
    expect(await system.next()).toMatchObject({ type: 'communicationWarning' });
    system.socket.send('not json');
    expect(await system.next()).toEqual({
      type: 'communicationWarning',
      warning: 'Received a message that is not JSON',
    });
  });

  test('plain HTTP gets 426 Upgrade Required', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.fake.port}/llm`);
    expect(response.status).toBe(426);
  });
});

describe('rpc', () => {
  test('listDownloadedModels describes every model with the defaults filled in', async () => {
    const system = await harness.client('system');
    system.send({ type: 'rpcCall', endpoint: 'listDownloadedModels', callId: 7 });
    const answer = await system.next();
    expect(answer.type).toBe('rpcResult');
    expect(answer.callId).toBe(7);
    expect(answer.result).toEqual([
      {
        type: 'llm',
        modelKey: 'tiny-chat',
        format: 'gguf',
        displayName: 'tiny-chat',
        path: 'lmstudio-community/tiny-chat/tiny-chat.gguf',
        sizeBytes: 1_000_000_000,
        paramsString: '1B',
        architecture: 'llama',
        quantization: { name: 'Q4_K_M', bits: 4 },
        maxContextLength: 4096,
        vision: false,
        trainedForToolUse: false,
      },
      {
        type: 'llm',
        modelKey: 'big-vision',
        format: 'gguf',
        displayName: 'Big Vision',
        path: 'lmstudio-community/big-vision/big-vision.gguf',
        sizeBytes: 5_000_000_000,
        paramsString: '7B',
        architecture: 'qwen2',
        quantization: { name: 'Q8_0', bits: 8 },
        maxContextLength: 131_072,
        vision: true,
        trainedForToolUse: true,
      },
      {
        type: 'embedding',
        modelKey: 'nomic-embed',
        format: 'gguf',
        displayName: 'nomic-embed',
        path: 'lmstudio-community/nomic-embed/nomic-embed.gguf',
        sizeBytes: 1_000_000_000,
        maxContextLength: 4096,
      },
    ]);
  });

  test('version, listLoaded, getModelInfo and unloadModel', async () => {
    const system = await harness.client('system');
    system.send({ type: 'rpcCall', endpoint: 'version', callId: 0 });
    expect(await system.next()).toEqual({ type: 'rpcResult', callId: 0, result: { version: '0.3.30', build: 2 } });
    const llm = await harness.client('llm');
    llm.send({ type: 'rpcCall', endpoint: 'listLoaded', callId: 1 });
    const loaded = (await llm.next()).result as Record<string, unknown>[];
    expect(loaded.map(({ identifier, contextLength }) => ({ identifier, contextLength }))).toEqual([
      { identifier: 'tiny-chat', contextLength: 4096 },
    ]);
    llm.send({
      type: 'rpcCall',
      endpoint: 'getModelInfo',
      callId: 2,
      parameter: { specifier: { type: 'query', query: { identifier: 'nope' } }, throwIfNotFound: false },
    });
    expect(await llm.next()).toEqual({ type: 'rpcResult', callId: 2 });
    llm.send({ type: 'rpcCall', endpoint: 'unloadModel', callId: 3, parameter: { identifier: 'tiny-chat' } });
    expect(await llm.next()).toEqual({ type: 'rpcResult', callId: 3 });
    expect(harness.fake.loadedInstances).toEqual([]);
    llm.send({ type: 'rpcCall', endpoint: 'unloadModel', callId: 4, parameter: { identifier: 'tiny-chat' } });
    const missing = await llm.next();
    expect(missing.type).toBe('rpcError');
    expect(missing.error).toMatchObject({
      title: 'Cannot find a model with identifier "tiny-chat"',
      rootTitle: 'Cannot find a model with identifier "tiny-chat"',
      displayData: { code: 'generic.identifierNotFound', identifier: 'tiny-chat', totalLoadedModels: 0 },
    });
  });

  test('uploadFileBase64 answers a file handle of the decoded size', async () => {
    const files = await harness.client('files');
    files.send({
      type: 'rpcCall',
      endpoint: 'uploadFileBase64',
      callId: 0,
      parameter: { name: 'a.png', contentBase64: 'AAECAw==' },
    });
    expect(await files.next()).toEqual({
      type: 'rpcResult',
      callId: 0,
      result: { identifier: 'fake-file-1', fileType: 'image', sizeBytes: 4 },
    });
  });

  test('an unknown endpoint is an rpcError', async () => {
    const system = await harness.client('system');
    system.send({ type: 'rpcCall', endpoint: 'startHttpServer', callId: 0, parameter: {} });
    expect(await system.next()).toMatchObject({
      type: 'rpcError',
      error: { title: 'The fake LM Studio has no rpc endpoint "system/startHttpServer"' },
    });
  });
});

describe('readLMStudioPredictionOptions', () => {
  test('reads every option the SDK writes back in core names', () => {
    const fields = [
      { key: 'llm.prediction.maxPredictedTokens', value: { checked: true, value: 48 } },
      { key: 'llm.prediction.temperature', value: 0 },
      { key: 'llm.prediction.topPSampling', value: { checked: true, value: 0.5 } },
      { key: 'llm.prediction.topKSampling', value: 7 },
      { key: 'llm.prediction.stopStrings', value: ['STOP'] },
      { key: 'llm.prediction.structured', value: { type: 'json', jsonSchema: { type: 'object' } } },
    ];
    const call = {
      parameter: { predictionConfigStack: { layers: [{ layerName: 'apiOverride', config: { fields } }] } },
    };
    expect(readLMStudioPredictionOptions(call)).toEqual({
      maxOutputTokens: 48,
      temperature: 0,
      topP: 0.5,
      topK: 7,
      stop: ['STOP'],
      responseFormat: { type: 'json', schema: { type: 'object' } },
    });
  });

  test('an unchecked value, an empty stop list and no stack read as unset', () => {
    const fields = [
      { key: 'llm.prediction.maxPredictedTokens', value: { checked: false, value: 1000 } },
      { key: 'llm.prediction.stopStrings', value: [] },
    ];
    expect(
      readLMStudioPredictionOptions({ parameter: { predictionConfigStack: { layers: [{ config: { fields } }] } } }),
    ).toEqual({});
    expect(readLMStudioPredictionOptions({ parameter: null })).toEqual({});
  });
});
