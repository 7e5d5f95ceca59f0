import type { ModelProvider, ModelyardError, StreamPart } from '@modelyard/core';
import {
  findClosedPort,
  LMSTUDIO_FAKE_ERRORS,
  type LMStudioFake,
  PROMPT_ABORT_MS,
  startLMStudioFake,
} from '@modelyard/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLMStudio } from './lmstudio-provider';
import { expectQuietProcess } from './test-support/quiet-process';

// LM Studio's own ways of failing, through the real SDK: a server that is down or never answers,
// errors in rpc calls and channels, a connection cut in the middle of an answer, and aborts.
const HELLO = { messages: [{ role: 'user' as const, content: 'hello' }] };

let fake: LMStudioFake;
let provider: ModelProvider;

expectQuietProcess();

beforeEach(async () => {
  fake = await startLMStudioFake({ models: [{ modelKey: 'chat-model', loaded: true }] });
  provider = createLMStudio({ baseUrl: fake.baseUrl, connectTimeoutMs: 300, cacheTtlMs: 0 });
});

afterEach(async () => {
  await provider.dispose();
  await fake.close();
});

async function timed<T>(action: () => Promise<T>): Promise<{ outcome: T | ModelyardError; ms: number }> {
  const startedAt = Date.now();
  try {
    return { outcome: await action(), ms: Date.now() - startedAt };
  } catch (error) {
    return { outcome: error as ModelyardError, ms: Date.now() - startedAt };
  }
}

async function collect(stream: AsyncIterable<StreamPart>) {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error: error as ModelyardError };
  }
}

describe('LM Studio not running', () => {
  test('every call fails fast with "unavailable"; health is unhealthy, not a rejection', async () => {
    const down = createLMStudio({ baseUrl: `ws://127.0.0.1:${await findClosedPort()}` });
    try {
      const listing = await timed(() => down.listModels());
      expect(listing.outcome).toMatchObject({ kind: 'unavailable', retryable: true, providerId: 'lmstudio' });
      expect((listing.outcome as ModelyardError).message).toContain('Is LM Studio running with its server on');
      expect(listing.ms).toBeLessThan(2000);
      await expect(down.loadModel('chat-model')).rejects.toMatchObject({ kind: 'unavailable' });
      const health = await down.healthCheck();
      expect(health).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
    } finally {
      await down.dispose();
    }
  });

  test('a server that accepts TCP but never answers the upgrade fails after connectTimeoutMs', async () => {
    fake.injectFault({ type: 'stall-handshake' }, { times: Number.POSITIVE_INFINITY });
    const listing = await timed(() => provider.listModels());
    expect(listing.outcome).toMatchObject({ kind: 'unavailable' });
    expect((listing.outcome as ModelyardError).message).toContain('no answer to the connection within 300 ms');
    expect(listing.ms).toBeGreaterThanOrEqual(250);
    expect(listing.ms).toBeLessThan(2000);
    expect(fake.connections).toEqual([]);
    const health = await timed(() => provider.healthCheck());
    expect(health.outcome).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
    expect(health.ms).toBeLessThan(2000);
  });

  test('a server that never answers the authentication fails after connectTimeoutMs', async () => {
    fake.injectFault({ type: 'stall-auth' });
    const listing = await timed(() => provider.listModels());
    expect(listing.outcome).toMatchObject({ kind: 'unavailable' });
    expect(listing.ms).toBeLessThan(2000);
    // The check is repeated on the next call, which now succeeds.
    await expect(provider.listModels()).resolves.toHaveLength(1);
  });

  test('a refused authentication and a refused upgrade are "unavailable"', async () => {
    fake.injectFault({ type: 'refuse-auth', error: 'Wrong passkey' });
    await expect(provider.listModels()).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('it refused the connection (Wrong passkey)'),
    });
    fake.injectFault({ type: 'refuse-upgrade', status: 404 });
    await expect(provider.listModels()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  test('LM Studio quitting after a call: the next call fails fast with "unavailable"', async () => {
    await provider.listModels();
    await fake.close();
    const listing = await timed(() => provider.listModels());
    expect(listing.outcome).toMatchObject({ kind: 'unavailable' });
    expect(listing.ms).toBeLessThan(2000);
  });

  test('LM Studio restarting between calls: the SDK reconnects and the next call works', async () => {
    await provider.listModels();
    fake.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(provider.listModels()).resolves.toHaveLength(1);
  });
});

describe('errors LM Studio reports', () => {
  test('an rpcError on the listing → "unavailable" with the title', async () => {
    fake.injectFault(
      { type: 'error', error: { title: 'Models folder unreadable' } },
      { endpoint: 'listDownloadedModels' },
    );
    await expect(provider.listModels()).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'LM Studio (lmstudio) answered: Models folder unreadable',
    });
  });

  test('an error with a known code keeps its kind (identifierNotFound on unload → not_found)', async () => {
    fake.injectFault(
      { type: 'error', error: LMSTUDIO_FAKE_ERRORS.identifierNotFound('chat-model', []) },
      { endpoint: 'unloadModel' },
    );
    await expect(provider.unloadModel('chat-model')).rejects.toMatchObject({
      kind: 'not_found',
      modelId: 'chat-model',
    });
  });

  test('a channelError while loading → "unavailable"', async () => {
    const fresh = await startLMStudioFake({ models: [{ modelKey: 'big' }] });
    const loader = createLMStudio({ baseUrl: fresh.baseUrl });
    try {
      fresh.injectFault(
        { type: 'error', afterMessages: 1, error: { title: 'Not enough memory' } },
        { endpoint: 'loadModel' },
      );
      await expect(loader.loadModel('big')).rejects.toMatchObject({
        kind: 'unavailable',
        message: 'LM Studio (lmstudio) answered: Not enough memory',
      });
    } finally {
      await loader.dispose();
      await fresh.close();
    }
  });

  test('a channelError in the middle of an answer: generate rejects; stream ends in the error after the text it had', async () => {
    const model = await provider.loadModel('chat-model');
    fake.injectFault({ type: 'error', afterMessages: 1, error: { title: 'Engine crashed' } }, { endpoint: 'predict' });
    await expect(model.generate(HELLO)).rejects.toMatchObject({ kind: 'unavailable', modelId: 'chat-model' });
    fake.injectFault({ type: 'error', afterMessages: 2, error: { title: 'Engine crashed' } }, { endpoint: 'predict' });
    const streamed = await collect(model.stream(HELLO));
    expect(streamed.parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta']);
    expect(streamed.error).toMatchObject({
      kind: 'unavailable',
      message: 'LM Studio (lmstudio) answered: Engine crashed',
    });
  });
});

describe('a connection cut in the middle of an answer', () => {
  test('stream: the text so far, then a retryable "unavailable"; the next call reconnects', async () => {
    const model = await provider.loadModel('chat-model');
    fake.injectFault({ type: 'drop', afterMessages: 2 }, { endpoint: 'predict' });
    const streamed = await collect(model.stream(HELLO));
    expect(streamed.parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta']);
    expect(streamed.error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(streamed.parts.some((part) => part.type === 'finish')).toBe(false);
    const again = await model.generate(HELLO);
    expect(again.text).toBe('chat-model heard: hello');
  });

  test('generate: a retryable "unavailable", never a truncated answer', async () => {
    const model = await provider.loadModel('chat-model');
    fake.injectFault({ type: 'drop', afterMessages: 1 }, { endpoint: 'predict' });
    await expect(model.generate(HELLO)).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
  });

  test('a cut rpc → "unavailable"', async () => {
    fake.injectFault({ type: 'drop' }, { endpoint: 'listDownloadedModels' });
    await expect(provider.listModels()).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('aborts and deadlines', () => {
  test('aborting a stalled generation rejects promptly with "aborted" and sends LM Studio a cancel', async () => {
    const model = await provider.loadModel('chat-model');
    fake.injectFault({ type: 'stall' }, { endpoint: 'predict' });
    const controller = new AbortController();
    const pending = timed(() => model.generate(HELLO, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const { outcome, ms } = await pending;
    expect(outcome).toMatchObject({ kind: 'aborted' });
    expect(ms).toBeLessThan(100 + PROMPT_ABORT_MS);
    await expect.poll(() => fake.calls.at(-1)?.cancelled).toBe(true);
  });

  test('a generation past timeoutMs rejects with "timeout"', async () => {
    const short = createLMStudio({ baseUrl: fake.baseUrl, timeoutMs: 200 });
    try {
      const model = await short.loadModel('chat-model');
      fake.injectFault({ type: 'stall' }, { endpoint: 'predict' });
      const { outcome, ms } = await timed(() => model.generate(HELLO));
      expect(outcome).toMatchObject({
        kind: 'timeout',
        retryable: true,
        message: 'lmstudio: the generation did not finish within 200 ms',
      });
      expect(ms).toBeLessThan(1500);
      fake.injectFault({ type: 'stall' }, { endpoint: 'listDownloadedModels' });
      await expect(short.listModels()).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      await short.dispose();
    }
  });

  test('an answer that is not JSON is dropped by the SDK (to the logger): the call ends at timeoutMs', async () => {
    const warnings: string[] = [];
    const ignore = () => undefined;
    const short = createLMStudio({
      baseUrl: fake.baseUrl,
      timeoutMs: 300,
      logger: { debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) },
    });
    try {
      fake.injectFault({ type: 'malformed' }, { endpoint: 'listDownloadedModels' });
      const { outcome, ms } = await timed(() => short.listModels());
      expect(outcome).toMatchObject({ kind: 'timeout' });
      expect(ms).toBeLessThan(1500);
      expect(warnings.some((warning) => warning.includes('invalid JSON'))).toBe(true);
    } finally {
      await short.dispose();
    }
  });

  test('aborting a stalled load rejects with "aborted" and cancels the load', async () => {
    const fresh = await startLMStudioFake({ models: [{ modelKey: 'big' }] });
    const loader = createLMStudio({ baseUrl: fresh.baseUrl });
    try {
      fresh.injectFault({ type: 'stall' }, { endpoint: 'loadModel' });
      const controller = new AbortController();
      const pending = loader.loadModel('big', { signal: controller.signal });
      await expect.poll(() => fresh.calls.some((call) => call.endpoint === 'loadModel')).toBe(true);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
      await expect.poll(() => fresh.calls.find((call) => call.endpoint === 'loadModel')?.cancelled).toBe(true);
    } finally {
      await loader.dispose();
      await fresh.close();
    }
  });

  test('leaving a stream early cancels the prediction in LM Studio', async () => {
    const model = await provider.loadModel('chat-model');
    fake.injectFault({ type: 'trickle', messageDelayMs: 200 }, { endpoint: 'predict' });
    for await (const part of model.stream(HELLO)) {
      if (part.type === 'text-delta') break;
    }
    await expect.poll(() => fake.calls.at(-1)?.cancelled).toBe(true);
  });

  test('dispose does not hang on a call LM Studio never answers', async () => {
    fake.injectFault({ type: 'stall' }, { endpoint: 'listDownloadedModels' });
    const pending = provider.listModels().catch((error: unknown) => error);
    await expect.poll(() => fake.calls.some((call) => call.endpoint === 'listDownloadedModels')).toBe(true);
    const { ms } = await timed(() => provider.dispose());
    expect(ms).toBeLessThan(2000);
    await expect(pending).resolves.toMatchObject({ kind: 'unavailable' });
  });
});
