import type { Logger, ModelProvider, StreamPart } from '@modelyard/core';
import { type LMStudioFake, readLMStudioPredictionOptions, startLMStudioFake } from '@modelyard/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLMStudio, LMSTUDIO_SUPPORTS, lmstudio } from './lmstudio-provider';
import { expectQuietProcess } from './test-support/quiet-process';

const HELLO = { messages: [{ role: 'user' as const, content: 'hello' }] };

let fake: LMStudioFake;
let provider: ModelProvider;

expectQuietProcess();

beforeEach(async () => {
  fake = await startLMStudioFake({
    models: [
      {
        modelKey: 'qwen2.5-7b-instruct',
        displayName: 'Qwen2.5 7B Instruct',
        sizeBytes: 4_683_073_952,
        paramsString: '7B',
        architecture: 'qwen2',
        maxContextLength: 32_768,
        trainedForToolUse: true,
        loaded: { contextLength: 8192 },
      },
      { modelKey: 'llava', vision: true, format: 'safetensors', quantization: { name: '4bit', bits: 4 } },
      { modelKey: 'nomic-embed', type: 'embedding' },
    ],
  });
  provider = createLMStudio({ baseUrl: fake.baseUrl });
});

afterEach(async () => {
  await provider.dispose();
  await fake.close();
});

const callsTo = (endpoint: string) => fake.calls.filter((call) => call.endpoint === endpoint);
const lastHistory = () =>
  (callsTo('predict').at(-1)?.parameter as { history: { messages: unknown[] } } | undefined)?.history.messages;

describe('createLMStudio', () => {
  test('creating does no I/O; the manifest and identity', () => {
    expect(fake.connections).toEqual([]);
    expect(provider.id).toBe('lmstudio');
    expect(provider.kind).toBe('lmstudio');
    expect(provider.specificationVersion).toBe('v1');
    expect(provider.supports).toEqual({
      streaming: true,
      pull: false,
      loadUnload: true,
      tools: false,
      embeddings: false,
      generationOptions: ['maxOutputTokens', 'temperature', 'topP', 'topK', 'stop', 'responseFormat'],
    });
    expect(provider.pullModel).toBeUndefined();
    expect(LMSTUDIO_SUPPORTS).toBe(provider.supports);
  });

  test('the default instance targets ws://127.0.0.1:1234 as "lmstudio"', () => {
    expect(lmstudio.id).toBe('lmstudio');
  });

  test('bad settings throw a ConfigError at creation', () => {
    expect(() => createLMStudio({ baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
  });
});

describe('listModels', () => {
  test('downloaded LLMs with what LM Studio says of them; embedding models left out', async () => {
    const models = await provider.listModels();
    expect(models.map((model) => model.modelId)).toEqual(['qwen2.5-7b-instruct', 'llava']);
    expect(models[0]).toMatchObject({
      providerId: 'lmstudio',
      displayName: 'Qwen2.5 7B Instruct',
      locality: 'local',
      contextLength: 32_768,
      isFree: true,
      isLoaded: true,
      capabilities: ['chat', 'streaming', 'json', 'structured_output', 'tools'],
      weights: {
        sizeBytes: 4_683_073_952,
        parameterCount: 7e9,
        quantization: 'Q4_K_M',
        family: 'qwen2',
        format: 'gguf',
      },
      providerMetadata: { loadedInstances: [{ identifier: 'qwen2.5-7b-instruct', contextLength: 8192 }] },
    });
    expect(models[1]).toMatchObject({
      isLoaded: false,
      capabilities: ['chat', 'streaming', 'vision'],
      modalities: { input: ['text', 'image'], output: ['text'] },
      weights: { quantization: '4bit', format: 'safetensors', parameterCount: 1e9 },
    });
  });

  test('the listing is cached for cacheTtlMs; refresh asks again', async () => {
    await provider.listModels();
    await provider.listModels();
    expect(callsTo('listDownloadedModels')).toHaveLength(1);
    await provider.listModels({ refresh: true });
    expect(callsTo('listDownloadedModels')).toHaveLength(2);
    const uncached = createLMStudio({ baseUrl: fake.baseUrl, cacheTtlMs: 0 });
    await uncached.listModels();
    await uncached.listModels();
    await uncached.dispose();
    expect(callsTo('listDownloadedModels')).toHaveLength(4);
  });

  test('an aborted signal rejects even when the listing is cached', async () => {
    await provider.listModels();
    await expect(provider.listModels({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('loadModel and unloadModel', () => {
  test('a model LM Studio holds is reused, not loaded again', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    expect(model.identity).toEqual({ providerId: 'lmstudio', modelId: 'qwen2.5-7b-instruct' });
    expect(callsTo('loadModel')).toEqual([]);
    expect(fake.loadedInstances).toHaveLength(1);
  });

  test('a loaded model with another context length, or a GPU offload asked, gets a new instance', async () => {
    await provider.loadModel('qwen2.5-7b-instruct', { contextLength: 8192 });
    expect(callsTo('loadModel')).toEqual([]);
    await provider.loadModel('qwen2.5-7b-instruct', { contextLength: 16_384 });
    await provider.loadModel('qwen2.5-7b-instruct', { gpuOffload: 'off' });
    expect(
      fake.loadedInstances.map(({ identifier, contextLength, gpuOffloadRatio }) => [
        identifier,
        contextLength,
        gpuOffloadRatio,
      ]),
    ).toEqual([
      ['qwen2.5-7b-instruct', 8192, null],
      ['qwen2.5-7b-instruct:2', 16_384, null],
      ['qwen2.5-7b-instruct:3', 4096, 'off'],
    ]);
  });

  test('loading sends the context length, the GPU offload ratio and the keep-alive as TTL', async () => {
    await provider.loadModel('llava', { contextLength: 2048, gpuOffload: 0.5, keepAliveMs: 60_000 });
    expect(fake.loadedInstances.at(-1)).toMatchObject({
      modelKey: 'llava',
      contextLength: 2048,
      gpuOffloadRatio: 0.5,
      ttlMs: 60_000,
    });
    expect((await provider.listModels()).find((model) => model.modelId === 'llava')?.isLoaded).toBe(true);
  });

  test('an unknown model is not_found; an embedding model is bad_request; an impossible key never reaches LM Studio', async () => {
    await expect(provider.loadModel('nope')).rejects.toMatchObject({ kind: 'not_found', modelId: 'nope' });
    await expect(provider.loadModel('nomic-embed')).rejects.toMatchObject({ kind: 'bad_request' });
    const callsBefore = fake.calls.length;
    await expect(provider.loadModel('bad\u0000key')).rejects.toMatchObject({ kind: 'not_found' });
    expect(fake.calls.length).toBe(callsBefore);
    await expect(provider.loadModel('llava', { contextLength: 0 })).rejects.toMatchObject({ kind: 'bad_request' });
  });

  test('unloadModel frees every instance of the model; a model not loaded unloads quietly', async () => {
    await provider.loadModel('qwen2.5-7b-instruct', { contextLength: 1024 });
    expect(fake.loadedInstances).toHaveLength(2);
    await provider.unloadModel('qwen2.5-7b-instruct');
    expect(fake.loadedInstances).toEqual([]);
    await expect(provider.unloadModel('llava')).resolves.toBeUndefined();
    expect((await provider.listModels()).every((model) => model.isLoaded === false)).toBe(true);
  });

  test('a model unloaded behind its handle answers not_found', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    await provider.unloadModel('qwen2.5-7b-instruct');
    await expect(model.generate(HELLO)).rejects.toMatchObject({ kind: 'not_found', modelId: 'qwen2.5-7b-instruct' });
  });
});

describe('generate', () => {
  test('text, usage and timings from LM Studio stats', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const result = await model.generate(HELLO);
    // "qwen2.5-7b-instruct heard: hello" is 3 words; "hello" is ceil(5 / 4) = 2 prompt tokens.
    expect(result).toMatchObject({
      text: 'qwen2.5-7b-instruct heard: hello',
      finishReason: 'stop',
      usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 },
      model: { providerId: 'lmstudio', modelId: 'qwen2.5-7b-instruct' },
      costUsd: 0,
      warnings: [],
      providerMetadata: { stopReason: 'eosFound', identifier: 'qwen2.5-7b-instruct' },
    });
    expect(result.timings.timeToFirstTokenMs).toBe(100);
    expect(result.timings.tokensPerSecond).toBe(50);
    expect(result.timings.loadMs).toBeNull();
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  test('supported options reach LM Studio as given; the others are warnings, not sent', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const result = await model.generate({
      ...HELLO,
      maxOutputTokens: 48,
      temperature: 0,
      topP: 0.5,
      topK: 7,
      stop: ['NEVER'],
      seed: 42,
      presencePenalty: 0.25,
      frequencyPenalty: 0.5,
    });
    expect(readLMStudioPredictionOptions(callsTo('predict').at(-1) as { parameter: unknown })).toEqual({
      maxOutputTokens: 48,
      temperature: 0,
      topP: 0.5,
      topK: 7,
      stop: ['NEVER'],
    });
    expect(result.warnings).toEqual([
      'seed is not supported by lmstudio (LM Studio SDK 1.5) and was not sent',
      'presencePenalty is not supported by lmstudio (LM Studio SDK 1.5) and was not sent',
      'frequencyPenalty is not supported by lmstudio (LM Studio SDK 1.5) and was not sent',
    ]);
  });

  test('the token limit ends with "length"; a JSON response format yields JSON', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const cut = await model.generate({ ...HELLO, maxOutputTokens: 2 });
    expect(cut).toMatchObject({ text: 'qwen2.5-7b-instruct heard: ', finishReason: 'length' });
    const json = await model.generate({ ...HELLO, responseFormat: { type: 'json' } });
    expect(JSON.parse(json.text)).toEqual({ answer: 'qwen2.5-7b-instruct heard: hello' });
  });

  test('the system prompt and the conversation reach LM Studio as its chat history', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    await model.generate({
      system: 'Be brief',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'bye' },
      ],
    });
    expect(lastHistory()).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief' }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'bye' }] },
    ]);
  });

  test('images are uploaded to LM Studio and sent as file parts', async () => {
    const model = await provider.loadModel('llava');
    await model.generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image', data: 'AAECAw==', mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(callsTo('uploadFileBase64').map((call) => call.parameter)).toEqual([
      { name: 'image-0-1.png', contentBase64: 'AAECAw==' },
    ]);
    expect(lastHistory()).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', identifier: 'fake-file-1', name: 'image-0-1.png', fileType: 'image', sizeBytes: 4 },
          { type: 'text', text: 'what is this' },
        ],
      },
    ]);
  });

  test('a request LM Studio cannot take is a bad_request before anything is sent', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const before = fake.calls.length;
    await expect(model.generate({ ...HELLO, maxOutputTokens: 0 })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(model.generate({ messages: [] })).rejects.toMatchObject({ kind: 'bad_request' });
    expect(fake.calls.length).toBe(before);
  });
});

describe('stream', () => {
  test('start, one delta per fragment, usage, then finish with LM Studio timings', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const parts: StreamPart[] = [];
    for await (const part of model.stream(HELLO)) parts.push(part);
    expect(parts.map((part) => part.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.text)).toEqual([
      'qwen2.5-7b-instruct ',
      'heard: ',
      'hello',
    ]);
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 },
      costUsd: 0,
      timings: { timeToFirstTokenMs: 100, tokensPerSecond: 50, loadMs: null },
      providerMetadata: { stopReason: 'eosFound' },
    });
  });

  test('warnings come in the start part', async () => {
    const model = await provider.loadModel('qwen2.5-7b-instruct');
    const stream = model.stream({ ...HELLO, seed: 1 })[Symbol.asyncIterator]();
    const first = await stream.next();
    expect(first.value).toMatchObject({
      type: 'start',
      warnings: ['seed is not supported by lmstudio (LM Studio SDK 1.5) and was not sent'],
    });
    await stream.return?.(undefined);
  });
});

describe('healthCheck and logging', () => {
  test('healthy with the LM Studio version, from the version endpoint only', async () => {
    const status = await provider.healthCheck();
    expect(status).toMatchObject({ status: 'healthy', message: 'LM Studio 0.3.30 (build 2)' });
    expect(fake.calls.map((call) => call.endpoint)).toEqual(['version']);
  });

  test("the SDK's logging goes to the logger given, not to the console", async () => {
    const lines: string[] = [];
    const record = (message: string) => lines.push(message);
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const logged = createLMStudio({ baseUrl: fake.baseUrl, logger });
    try {
      fake.injectFault({ type: 'drop', afterMessages: 1 }, { endpoint: 'predict' });
      const model = await logged.loadModel('llava');
      await expect(model.generate(HELLO)).rejects.toMatchObject({ kind: 'unavailable' });
      expect(lines.some((line) => line.includes('LM Studio is loading a model'))).toBe(true);
      expect(lines.some((line) => line.includes('WebSocket'))).toBe(true);
    } finally {
      await logged.dispose();
    }
  });
});
