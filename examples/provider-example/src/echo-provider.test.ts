import { inspect } from 'node:util';
import { ConfigError, isErrorOfKind, SPECIFICATION_VERSION } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ECHO_API_KEY_VARIABLE } from './echo-client';
import { createEcho, echo } from './echo-provider';
import { ECHO_GENERATION_OPTIONS } from './echo-request';
import { jsonResponse, scriptedFetch } from './test-support/scripted-fetch';

const KEY = 'echo-unit-key-0a1b2c3d';
const LISTING = {
  models: [
    { id: 'echo/small:v1', context_tokens: 8192 },
    { id: 'echo-free', free: true },
  ],
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createEcho', () => {
  test('creating does no I/O and reads no environment variable', () => {
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const environment = vi.spyOn(process, 'env', 'get');
    const provider = createEcho({ fetch });
    expect(calls).toHaveLength(0);
    expect(environment).not.toHaveBeenCalled();
    environment.mockRestore();
    expect(provider).toMatchObject({ specificationVersion: SPECIFICATION_VERSION, id: 'echo', kind: 'echo' });
  });

  test('the manifest: real streaming, five options, nothing else', () => {
    expect(createEcho().supports).toEqual({
      streaming: true,
      pull: false,
      loadUnload: false,
      tools: false,
      embeddings: false,
      generationOptions: ['maxOutputTokens', 'temperature', 'topP', 'stop', 'seed'],
    });
    expect(createEcho().pullModel).toBeUndefined();
  });

  test('each provider owns its manifest: changing one changes no other', () => {
    const first = createEcho();
    first.supports.generationOptions.pop();
    expect(createEcho().supports.generationOptions).toHaveLength(5);
    expect(ECHO_GENERATION_OPTIONS).toHaveLength(5);
    expect(Object.isFrozen(ECHO_GENERATION_OPTIONS)).toBe(true);
  });

  test('invalid settings throw a ConfigError at creation', () => {
    expect(() => createEcho({ id: 'Not An Id' })).toThrow(ConfigError);
  });

  test('the default instance `echo` exists without a key or any I/O', () => {
    expect(echo.id).toBe('echo');
    expect(echo.kind).toBe('echo');
  });

  test('neither JSON.stringify nor inspect shows the key, of the provider or of a model', async () => {
    const provider = createEcho({ apiKey: KEY });
    const model = await provider.loadModel('m');
    for (const value of [provider, model]) {
      expect(JSON.stringify(value)).not.toContain(KEY);
      expect(inspect(value, { depth: 8, showHidden: true })).not.toContain(KEY);
    }
  });
});

describe('the API key', () => {
  test('without apiKey, ECHO_API_KEY is read at the first request, not at creation', async () => {
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const provider = createEcho({ fetch });
    vi.stubEnv(ECHO_API_KEY_VARIABLE, 'from-the-environment');
    await provider.listModels();
    expect(calls[0]?.headers.authorization).toBe('Bearer from-the-environment');
    expect(ECHO_API_KEY_VARIABLE).toBe('ECHO_API_KEY');
  });

  test('apiKey wins over ECHO_API_KEY', async () => {
    vi.stubEnv(ECHO_API_KEY_VARIABLE, 'from-the-environment');
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    await createEcho({ fetch, apiKey: KEY }).listModels();
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test('with neither, calls reject with auth naming both, and nothing is sent', async () => {
    vi.stubEnv(ECHO_API_KEY_VARIABLE, '');
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const provider = createEcho({ fetch });
    const error = await provider.listModels().catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'auth')).toBe(true);
    expect((error as Error).message).toBe('No Echo API key: pass apiKey to createEcho() or set ECHO_API_KEY');
    expect(calls).toHaveLength(0);
  });

  test('a key set after a failed call is picked up by the next one', async () => {
    vi.stubEnv(ECHO_API_KEY_VARIABLE, undefined);
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const provider = createEcho({ fetch });
    await expect(provider.listModels()).rejects.toMatchObject({ kind: 'auth' });
    vi.stubEnv(ECHO_API_KEY_VARIABLE, 'set-later-key');
    await provider.listModels();
    expect(calls.map((call) => call.headers.authorization)).toEqual(['Bearer set-later-key']);
  });
});

describe('listModels', () => {
  test('GET /v1/echo/models with our key → ModelInfo of this instance', async () => {
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const models = await createEcho({ id: 'echo-eu', baseURL: 'http://echo.test/', apiKey: KEY, fetch }).listModels();
    expect(calls[0]).toMatchObject({ url: 'http://echo.test/v1/echo/models', method: 'GET', body: undefined });
    expect(models.map((model) => [model.providerId, model.modelId, model.isFree])).toEqual([
      ['echo-eu', 'echo/small:v1', false],
      ['echo-eu', 'echo-free', true],
    ]);
  });

  test('a listing of the wrong shape is an invalid_response naming the field', async () => {
    const { fetch } = scriptedFetch(() => jsonResponse({ models: [{ name: 'no id' }] }));
    const error = await createEcho({ apiKey: KEY, fetch })
      .listModels()
      .catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'invalid_response')).toBe(true);
    expect((error as Error).message).toBe(
      "Echo's answer is not valid: the model list: models[0].id: expected a string, received nothing (undefined)",
    );
  });

  test('an error body that cannot be read still maps the status', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    });
    const { fetch } = scriptedFetch(() => new Response(body, { status: 503 }));
    const error = await createEcho({ apiKey: KEY, fetch })
      .listModels()
      .catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'unavailable')).toBe(true);
  });

  test('a success body that cannot be read is mapped too', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    });
    const { fetch } = scriptedFetch(() => new Response(body, { status: 200 }));
    await expect(createEcho({ apiKey: KEY, fetch }).listModels()).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('healthCheck', () => {
  test('healthy: latency and time from the injected clock, the listing only', async () => {
    const clock = createFakeClock({ now: 5_000 });
    const { fetch, calls } = scriptedFetch(async () => {
      await clock.advance(12);
      return jsonResponse(LISTING);
    });
    const status = await createEcho({ apiKey: KEY, fetch, clock }).healthCheck();
    expect(status).toEqual({ status: 'healthy', latencyMs: 12, checkedAt: 5_012, message: '2 models listed' });
    expect(calls.map((call) => call.url)).toEqual(['https://api.echo.example/v1/echo/models']);
  });

  test('a failing server is unhealthy with the error kind, not a rejection', async () => {
    const { fetch } = scriptedFetch(() =>
      jsonResponse({ error: { code: 'unauthorized', message: `bad ${KEY}` } }, 401),
    );
    const status = await createEcho({ apiKey: KEY, fetch, clock: createFakeClock({ now: 7 }) }).healthCheck();
    expect(status).toEqual({
      status: 'unhealthy',
      latencyMs: 0,
      checkedAt: 7,
      message: 'Echo answered HTTP 401 (unauthorized): bad [REDACTED]',
      errorKind: 'auth',
    });
  });

  test('an aborted signal rejects with aborted: the one rejection allowed', async () => {
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const error = await createEcho({ apiKey: KEY, fetch })
      .healthCheck({ signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(isErrorOfKind(error, 'aborted')).toBe(true);
    expect(calls).toHaveLength(0);
  });
});

describe('loadModel, unloadModel, dispose', () => {
  test('loadModel does no I/O and names the model', async () => {
    const { fetch, calls } = scriptedFetch(() => jsonResponse(LISTING));
    const model = await createEcho({ id: 'echo-2', apiKey: KEY, fetch }).loadModel('echo/small:v1');
    expect(model.identity).toEqual({ providerId: 'echo-2', modelId: 'echo/small:v1' });
    expect(calls).toHaveLength(0);
  });

  test('an empty model id is a ConfigError', async () => {
    await expect(createEcho().loadModel('')).rejects.toSatisfy((error: unknown) => ConfigError.isInstance(error));
  });

  test('an aborted signal rejects loadModel and unloadModel with aborted', async () => {
    const provider = createEcho();
    await expect(provider.loadModel('m', { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    await expect(provider.unloadModel('m', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
      modelId: 'm',
    });
  });

  test('unloadModel and dispose resolve, again and again', async () => {
    const provider = createEcho();
    await expect(provider.unloadModel('m')).resolves.toBeUndefined();
    await expect(provider.dispose()).resolves.toBeUndefined();
    await expect(provider.dispose()).resolves.toBeUndefined();
  });
});
