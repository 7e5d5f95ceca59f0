import { inspect } from 'node:util';
import { ConfigError, isErrorOfKind, ModelyardError } from '@modelyard/core';
import { createFakeClock, findClosedPort, type OpenAICompatibleFake, startOpenRouterFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenRouter, OPENROUTER_SUPPORTS, openrouter, validateOpenRouterKey } from './openrouter-provider';
import { OPENROUTER_BASE_URL, openRouterSettingsSchema } from './openrouter-settings';

const KEY = 'sk-or-v1-provider-test-key';
let server: OpenAICompatibleFake;

beforeAll(async () => {
  server = await startOpenRouterFake({
    apiKey: KEY,
    keyInfo: { label: 'ci key', limit: 10, usage: 2.5, isFreeTier: false },
    models: [
      { id: 'vendor/paid', contextLength: 8192, pricing: { prompt: 0.000003, completion: 0.000015 } },
      { id: 'vendor/cheap', contextLength: 8192, pricing: { prompt: 0.0000001, completion: 0.0000002 } },
      { id: 'vendor/model:free', contextLength: 8192 },
    ],
  });
});
afterAll(() => server.close());
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});

const ids = (models: { modelId: string }[]) => models.map((model) => model.modelId);

describe('createOpenRouter settings', () => {
  it('does no I/O and reads no key when created', () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const provider = createOpenRouter({ baseURL: server.baseURL });
    expect(provider).toMatchObject({ id: 'openrouter', kind: 'openrouter', specificationVersion: 'v1' });
    expect(provider.supports).toBe(OPENROUTER_SUPPORTS);
    expect(server.requests).toHaveLength(0);
  });

  it('offers a ready default instance', () => {
    expect(openrouter.id).toBe('openrouter');
  });

  it('supports streaming and every generation option, and nothing it cannot do', () => {
    expect(OPENROUTER_SUPPORTS).toEqual({
      streaming: true,
      pull: false,
      loadUnload: false,
      tools: false,
      embeddings: false,
      generationOptions: [
        'maxOutputTokens',
        'temperature',
        'topP',
        'topK',
        'stop',
        'seed',
        'presencePenalty',
        'frequencyPenalty',
        'responseFormat',
      ],
    });
  });

  it("defaults to OpenRouter's API and drops trailing slashes from the base URL", () => {
    expect(OPENROUTER_BASE_URL).toBe('https://openrouter.ai/api/v1');
    expect(openRouterSettingsSchema.parse({}).baseURL).toBe('https://openrouter.ai/api/v1');
    expect(openRouterSettingsSchema.parse({ baseURL: 'https://proxy.example.com/api/v1//' }).baseURL).toBe(
      'https://proxy.example.com/api/v1',
    );
  });

  it('accepts http and https URLs only, and a clock with now() and sleep()', () => {
    expect(openRouterSettingsSchema.parse({ appUrl: 'http://localhost:3000' }).appUrl).toBe('http://localhost:3000');
    for (const url of ['xhttp://example.com', 'httpx://example.com', 'ws://example.com']) {
      expect(openRouterSettingsSchema.safeParse({ baseURL: url }).success).toBe(false);
      expect(openRouterSettingsSchema.safeParse({ appUrl: url }).success).toBe(false);
    }
    const sleep = async () => undefined;
    expect(openRouterSettingsSchema.safeParse({ clock: { now: () => 0, sleep } }).success).toBe(true);
    for (const clock of [{ sleep }, { now: () => 0 }, null, 5]) {
      expect(openRouterSettingsSchema.safeParse({ clock }).success).toBe(false);
    }
  });

  it('names what it validated in a ConfigError', () => {
    const failure = (() => {
      try {
        createOpenRouter({ timeoutMs: -1 });
      } catch (error) {
        return error;
      }
    })();
    expect(ConfigError.isInstance(failure) && failure.subject).toBe('OpenRouter settings');
  });

  it.each([
    [{ baseURL: 'not a url' }, 'baseURL: expected an http(s) URL such as "https://openrouter.ai/api/v1"'],
    [{ baseURL: 'ftp://example.com' }, 'baseURL: expected an http(s) URL'],
    [{ appUrl: 'example' }, 'appUrl: expected an http(s) URL of your app'],
    [{ id: 'Open Router' }, 'id: expected a provider id'],
    [{ timeoutMs: 0 }, 'timeoutMs: expected a number ≥ 1'],
    [{ cacheTtlMs: -1 }, 'cacheTtlMs: expected a number ≥ 0'],
    [{ maxInputPricePerToken: -0.1 }, 'maxInputPricePerToken: expected a number ≥ 0'],
    [{ fetch: 'fetch' }, 'fetch: expected a fetch function'],
    [{ clock: { now: () => 0 } }, 'clock: expected a Clock'],
    [{ apiKey: '' }, 'apiKey: expected a string of ≥ 1 characters'],
    [{ maxTokens: 5 }, 'unknown field "maxTokens"'],
  ])('rejects %j with a ConfigError naming the field', (settings, message) => {
    const create = () => createOpenRouter(settings as never);
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(message);
  });

  it('never shows the key in a ConfigError', () => {
    try {
      createOpenRouter({ apiKey: 'sk-or-v1-secret-in-config', baseURL: 'bad' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk-or-v1-secret-in-config');
    }
  });

  it('keeps the key out of JSON.stringify and inspect, even after a request', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await provider.listModels();
    expect(JSON.stringify(provider)).not.toContain(KEY);
    expect(inspect(provider, { depth: 10 })).not.toContain(KEY);
  });

  it('accepts a trailing slash on the base URL', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: `${server.baseURL}/` });
    await provider.listModels();
    expect(server.requests[0]?.path).toBe('/api/v1/models');
  });
});

describe('the API key', () => {
  it('is read from OPENROUTER_API_KEY at the first request', async () => {
    const provider = createOpenRouter({ baseURL: server.baseURL });
    vi.stubEnv('OPENROUTER_API_KEY', KEY);
    const model = await provider.loadModel('vendor/paid');
    const result = await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(result.text).toBe('vendor/paid heard: hi');
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('is named both ways when missing, at the first request that needs it', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const provider = createOpenRouter({ baseURL: server.baseURL });
    // The listing is public: it works without a key.
    expect(await provider.listModels()).toHaveLength(3);
    const model = await provider.loadModel('vendor/paid');
    const failure = await model.generate({ messages: [{ role: 'user', content: 'hi' }] }).catch((error) => error);
    expect(isErrorOfKind(failure, 'auth')).toBe(true);
    expect((failure as Error).message).toContain('pass apiKey to createOpenRouter() or set OPENROUTER_API_KEY');
  });
});

describe('headers', () => {
  it('sends the attribution headers and extra headers with every request', async () => {
    const provider = createOpenRouter({
      apiKey: KEY,
      baseURL: server.baseURL,
      appUrl: 'https://example.com/app',
      appTitle: 'Example App',
      headers: { 'X-Team': 'research' },
    });
    const model = await provider.loadModel('vendor/paid');
    await model.generate({ messages: [{ role: 'user', content: 'hi' }], headers: { 'X-Request-Tag': 'one' } });
    for (const request of server.requests) {
      expect(request.headers['http-referer']).toBe('https://example.com/app');
      expect(request.headers['x-title']).toBe('Example App');
      expect(request.headers['x-team']).toBe('research');
    }
    expect(server.requests.at(-1)?.headers['x-request-tag']).toBe('one');
  });

  it('sends no attribution header that was not configured', async () => {
    await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL }).listModels();
    expect(server.requests[0]?.headers['http-referer']).toBeUndefined();
    expect(server.requests[0]?.headers['x-title']).toBeUndefined();
  });

  it('goes through the injected fetch', async () => {
    const seen: string[] = [];
    const provider = createOpenRouter({
      apiKey: KEY,
      baseURL: server.baseURL,
      fetch: (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    await provider.listModels();
    expect(seen).toEqual([`${server.baseURL}/models`]);
  });
});

describe('listModels', () => {
  it('lists every model as ModelInfo of this instance', async () => {
    const models = await createOpenRouter({ id: 'or-work', apiKey: KEY, baseURL: server.baseURL }).listModels();
    expect(ids(models)).toEqual(['vendor/paid', 'vendor/cheap', 'vendor/model:free']);
    expect(models[0]).toMatchObject({
      providerId: 'or-work',
      providerKind: 'openrouter',
      pricing: { inputPerToken: 0.000003, outputPerToken: 0.000015, perRequest: 0 },
      isFree: false,
      contextLength: 8192,
    });
    expect(models[2]?.isFree).toBe(true);
  });

  it('applies the free-only and price filters of the settings', async () => {
    expect(ids(await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, freeOnly: true }).listModels())).toEqual([
      'vendor/model:free',
    ]);
    const capped = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, maxInputPricePerToken: 0.0000001 });
    expect(ids(await capped.listModels())).toEqual(['vendor/cheap', 'vendor/model:free']);
    const output = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, maxOutputPricePerToken: 0.0000001 });
    expect(ids(await output.listModels())).toEqual(['vendor/model:free']);
  });

  it('caches the listing for the TTL on the injected clock', async () => {
    const clock = createFakeClock({ now: 0 });
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, clock, cacheTtlMs: 60_000 });
    await provider.listModels();
    await provider.listModels();
    await clock.advance(59_999);
    await provider.listModels();
    expect(server.requests).toHaveLength(1);
    await clock.advance(1);
    await provider.listModels();
    expect(server.requests).toHaveLength(2);
    await provider.listModels({ refresh: true });
    expect(server.requests).toHaveLength(3);
  });

  it('forgets the cache on dispose', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await provider.listModels();
    await provider.dispose();
    await provider.listModels();
    expect(server.requests).toHaveLength(2);
  });

  it('rejects a listing it cannot read with invalid_response naming the field', async () => {
    server.injectFault({ type: 'status', status: 200, body: { data: [{ name: 'no id' }] } });
    const failure = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL })
      .listModels()
      .catch((error) => error);
    expect(isErrorOfKind(failure, 'invalid_response')).toBe(true);
    expect((failure as Error).message).toBe(
      'OpenRouter sent a model listing that cannot be read: data.0.id: Invalid input: expected string, received undefined',
    );
    server.injectFault({ type: 'status', status: 200, body: 'maintenance page' });
    const text = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL })
      .listModels()
      .catch((error) => error);
    expect((text as Error).message).toBe(
      'OpenRouter sent a model listing that cannot be read: (root): Invalid input: expected object, received string',
    );
  });

  it('rejects with aborted when the caller aborts, before or during the request', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await expect(provider.listModels({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    server.injectFault({ type: 'stall' });
    const controller = new AbortController();
    const pending = provider.listModels({ signal: controller.signal });
    // Abort once the server holds the request: aborted earlier, the request could reach the
    // server late and take the next test's fault.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    await expect(provider.loadModel('vendor/paid', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('names every field it cannot read', async () => {
    server.injectFault({ type: 'status', status: 200, body: { data: [{}, { id: 5 }] } });
    await expect(createOpenRouter({ apiKey: KEY, baseURL: server.baseURL }).listModels()).rejects.toThrow(
      'OpenRouter sent a model listing that cannot be read: data.0.id: Invalid input: expected string, received undefined; data.1.id: Invalid input: expected string, received number',
    );
  });

  it('lists a repeated id once', async () => {
    const entry = { id: 'vendor/twice', pricing: { prompt: '0', completion: '0' } };
    server.injectFault({ type: 'status', status: 200, body: { data: [entry, entry] } });
    expect(ids(await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL }).listModels())).toEqual([
      'vendor/twice',
    ]);
  });
});

describe('loadModel', () => {
  it('rejects an unlisted model with not_found before any generation', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    const failure = await provider.loadModel('vendor/nope').catch((error) => error);
    expect(failure).toMatchObject({ kind: 'not_found', retryable: false, modelId: 'vendor/nope' });
    expect((failure as Error).message).toBe('OpenRouter lists no model "vendor/nope"');
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v1/models']);
  });

  it('uses the cached listing', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await provider.loadModel('vendor/paid');
    await provider.loadModel('vendor/model:free');
    expect(server.requests).toHaveLength(1);
    await expect(provider.unloadModel('vendor/paid')).resolves.toBeUndefined();
  });
});

describe('healthCheck', () => {
  it('is healthy from the listing alone, with latency on the injected clock', async () => {
    const clock = createFakeClock({ now: 5000 });
    const status = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, clock }).healthCheck();
    expect(status).toEqual({ status: 'healthy', latencyMs: 0, checkedAt: 5000, message: '3 models listed' });
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v1/models']);
  });

  it('asks the server even when the listing is cached, and measures the time on the clock', async () => {
    let now = 0;
    const clock = { now: () => (now += 10), sleep: async () => undefined };
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, clock });
    await provider.listModels();
    const status = await provider.healthCheck();
    expect(server.requests).toHaveLength(2);
    // The clock reads 10 (listing cached), then 20 (check starts), 30 (listing cached again), 40 (check ends).
    expect(status).toEqual({ status: 'healthy', latencyMs: 20, checkedAt: 40, message: '3 models listed' });
  });

  it('measures an unhealthy check on the clock too', async () => {
    let now = 1000;
    const clock = { now: () => (now += 5), sleep: async () => undefined };
    server.injectFault({ type: 'status', status: 503, body: { error: { message: 'down' } } });
    const status = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL, clock }).healthCheck();
    // The clock reads 1005 (check starts), 1010 and 1015 (the two classifications), 1020 (check ends).
    expect(status).toEqual({
      status: 'unhealthy',
      latencyMs: 15,
      checkedAt: 1020,
      message: 'OpenRouter answered 503 (down)',
      errorKind: 'unavailable',
    });
  });

  it('is unhealthy, never rejected, when the server fails or cannot be reached', async () => {
    server.injectFault({ type: 'status', status: 503, body: { error: { message: 'down' } } });
    const failing = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL }).healthCheck();
    expect(failing).toMatchObject({
      status: 'unhealthy',
      errorKind: 'unavailable',
      message: 'OpenRouter answered 503 (down)',
    });
    const port = await findClosedPort();
    const unreachable = await createOpenRouter({
      apiKey: KEY,
      baseURL: `http://127.0.0.1:${port}/api/v1`,
    }).healthCheck();
    expect(unreachable).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
  });

  it('rejects with aborted when the caller aborts', async () => {
    const failure = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL })
      .healthCheck({ signal: AbortSignal.abort() })
      .catch((error) => error);
    expect(ModelyardError.isInstance(failure) && failure.kind).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });
});

describe('validateKey and validateOpenRouterKey', () => {
  it('describe a valid key: label, usage, limit, remaining credit, tier', async () => {
    const validation = await validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL });
    expect(validation).toEqual({
      isValid: true,
      key: {
        label: 'ci key',
        usageUsd: 2.5,
        limitUsd: 10,
        limitRemainingUsd: 7.5,
        isFreeTier: false,
        rateLimit: { requests: 1000, interval: '10s' },
      },
    });
    expect(server.requests[0]?.path).toBe('/api/v1/key');
  });

  it('report a rejected key as invalid, with the auth error and without the key', async () => {
    const validation = await validateOpenRouterKey({ apiKey: 'sk-or-v1-wrong-key-123', baseURL: server.baseURL });
    expect(validation.isValid).toBe(false);
    if (validation.isValid) return;
    expect(validation.error).toMatchObject({ kind: 'auth', statusCode: 401 });
    expect(JSON.stringify(validation)).not.toContain('sk-or-v1-wrong-key-123');
  });

  it('report a missing key as invalid without a request', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const validation = await validateOpenRouterKey({ baseURL: server.baseURL });
    expect(validation).toMatchObject({ isValid: false, error: { kind: 'auth' } });
    expect(server.requests).toHaveLength(0);
  });

  it('reject for failures that say nothing about the key', async () => {
    server.injectFault({ type: 'status', status: 500, body: { error: { message: 'oops' } } });
    await expect(validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL })).rejects.toMatchObject({
      kind: 'unavailable',
    });
    await expect(
      validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ kind: 'aborted' });
    server.injectFault({ type: 'status', status: 200, body: { data: { label: 'x' } } });
    await expect(validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL })).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('reject an aborted check as aborted, even without a key, and honour an abort during the request', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    await expect(validateOpenRouterKey({ baseURL: server.baseURL, signal: AbortSignal.abort() })).rejects.toMatchObject(
      { kind: 'aborted', message: 'The OpenRouter call was aborted' },
    );
    server.injectFault({ type: 'stall' }, { path: '/api/v1/key' });
    const controller = new AbortController();
    const pending = validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL, signal: controller.signal });
    // Abort once the server holds the request, so a late request cannot take another test's fault.
    await vi.waitFor(() => expect(server.requests.some((request) => request.fault?.type === 'stall')).toBe(true));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('name the key information when it cannot be read', async () => {
    server.injectFault({ type: 'status', status: 200, body: { data: { label: 'x' } } });
    await expect(validateOpenRouterKey({ apiKey: KEY, baseURL: server.baseURL })).rejects.toThrow(
      'OpenRouter sent key information that cannot be read: data.usage',
    );
  });

  it('read an unlimited key as null limits', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: { data: { label: 'free', usage: 0, limit: null, is_free_tier: true } },
    });
    const validation = await createOpenRouter({ apiKey: KEY, baseURL: server.baseURL }).validateKey();
    expect(validation).toEqual({
      isValid: true,
      key: { label: 'free', usageUsd: 0, limitUsd: null, limitRemainingUsd: null, isFreeTier: true, rateLimit: null },
    });
  });
});

describe('costs', () => {
  it('prices each model by its own listing entry', async () => {
    const provider = createOpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    const cheap = await provider.loadModel('vendor/cheap');
    const result = await cheap.generate({ messages: [{ role: 'user', content: 'hi' }] });
    // 1 prompt token ("hi": 2 characters / 4, rounded up) and 3 output tokens ("vendor/cheap heard: hi").
    expect(result.usage).toMatchObject({ inputTokens: 1, outputTokens: 3 });
    expect(result.costUsd).toBeCloseTo(1 * 0.0000001 + 3 * 0.0000002, 15);
  });
});

describe('several instances', () => {
  it('coexist with their own ids, keys and caches', async () => {
    const first = createOpenRouter({ id: 'or-a', apiKey: KEY, baseURL: server.baseURL });
    const second = createOpenRouter({ id: 'or-b', apiKey: 'sk-or-v1-other-key', baseURL: server.baseURL });
    expect((await first.listModels())[0]?.providerId).toBe('or-a');
    expect((await second.listModels())[0]?.providerId).toBe('or-b');
    expect((await second.validateKey()).isValid).toBe(false);
    expect((await first.validateKey()).isValid).toBe(true);
  });
});
