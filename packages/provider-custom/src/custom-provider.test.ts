import { inspect } from 'node:util';
import { isErrorOfKind } from '@modelyard/core';
import {
  createFakeClock,
  findClosedPort,
  type OpenAICompatibleFake,
  startOpenAICompatibleFake,
} from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCustomProvider } from './custom-provider';
import type { CustomProviderSettings } from './custom-settings';

const KEY = 'sk-local-provider-test';
let server: OpenAICompatibleFake;

beforeAll(async () => {
  server = await startOpenAICompatibleFake({
    apiKey: KEY,
    models: [{ id: 'served-a', ownedBy: 'vllm' }, { id: 'served-b' }],
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const create = (settings: Partial<CustomProviderSettings> = {}) =>
  createCustomProvider({ name: 'my-vllm', baseURL: server.baseURL, apiKey: KEY, ...settings });
const ids = (models: { modelId: string }[]) => models.map((model) => model.modelId);
const hello = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('createCustomProvider', () => {
  it('does no I/O when created, and takes its id from the name', () => {
    const provider = create();
    expect(provider).toMatchObject({ id: 'my-vllm', kind: 'custom', specificationVersion: 'v1' });
    expect(provider.supports).toEqual({
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
    expect(server.requests).toHaveLength(0);
  });

  it('declares only the generation options given, once each', () => {
    expect(create({ generationOptions: ['temperature', 'temperature', 'seed'] }).supports.generationOptions).toEqual([
      'temperature',
      'seed',
    ]);
  });

  it('keeps the key out of JSON.stringify and inspect, even after a request', async () => {
    const provider = create();
    await provider.listModels();
    expect(JSON.stringify(provider)).not.toContain(KEY);
    expect(inspect(provider, { depth: 10 })).not.toContain(KEY);
  });

  it('sends the bearer key and extra headers, and no Authorization header without a key', async () => {
    await create({ headers: { 'X-Tenant': 'lab' } }).listModels();
    expect(server.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-tenant': 'lab' });
    const open = await startOpenAICompatibleFake({ models: [{ id: 'open-model' }] });
    try {
      await createCustomProvider({ name: 'open', baseURL: open.baseURL }).listModels();
      expect(open.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('goes through the injected fetch', async () => {
    const seen: string[] = [];
    await create({
      fetch: (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    }).listModels();
    expect(seen).toEqual([`${server.baseURL}/models`]);
  });
});

describe('listModels', () => {
  it('discovers the served models with the provider locality and unknown prices', async () => {
    const models = await create({ locality: 'local' }).listModels();
    expect(ids(models)).toEqual(['served-a', 'served-b']);
    expect(models[0]).toMatchObject({
      providerId: 'my-vllm',
      providerKind: 'custom',
      locality: 'local',
      pricing: { inputPerToken: null, outputPerToken: null, perRequest: null },
      providerMetadata: { source: 'server', ownedBy: 'vllm' },
    });
  });

  it('lets the config win over discovery, and lists declared models the server does not', async () => {
    const provider = create({
      models: [
        { id: 'served-b', contextLength: 32_768, pricing: { inputPerToken: 0.0000001, outputPerToken: 0.0000002 } },
        { id: 'alias-only', locality: 'local' },
      ],
    });
    const models = await provider.listModels();
    expect(ids(models)).toEqual(['served-a', 'served-b', 'alias-only']);
    expect(models[1]).toMatchObject({
      contextLength: 32_768,
      pricing: { inputPerToken: 0.0000001 },
      providerMetadata: { source: 'config' },
    });
    expect(models[2]?.locality).toBe('local');
  });

  it('lists the declared models without any request when discovery is off', async () => {
    const provider = create({ discover: false, models: [{ id: 'declared' }] });
    expect(ids(await provider.listModels())).toEqual(['declared']);
    expect(server.requests).toHaveLength(0);
    const failure = await provider.listModels({ signal: AbortSignal.abort() }).catch((error) => error);
    expect(isErrorOfKind(failure, 'aborted')).toBe(true);
    expect((failure as Error).message).toBe('The call to my-vllm was aborted');
  });

  it('caches discovery for the TTL on the injected clock, and forgets it on dispose', async () => {
    const clock = createFakeClock();
    const provider = create({ clock, cacheTtlMs: 10_000 });
    await provider.listModels();
    await clock.advance(9_999);
    await provider.listModels();
    expect(server.requests).toHaveLength(1);
    await clock.advance(1);
    await provider.listModels();
    expect(server.requests).toHaveLength(2);
    await provider.dispose();
    await provider.listModels();
    expect(server.requests).toHaveLength(3);
  });

  it('rejects with aborted when the caller aborts, before or during the request', async () => {
    const provider = create();
    await expect(provider.listModels({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    server.injectFault({ type: 'stall' });
    const controller = new AbortController();
    const pending = provider.listModels({ signal: controller.signal });
    // Abort once the server holds the request, so a late request cannot take another test's fault.
    await vi.waitFor(() => expect(server.requests.some((request) => request.fault?.type === 'stall')).toBe(true));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', message: 'The call to my-vllm was aborted' });
    await expect(provider.loadModel('served-a', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('reads a listing that is not even an object as invalid at its root', async () => {
    server.injectFault({ type: 'status', status: 200, body: 'maintenance page' });
    await expect(create().listModels()).rejects.toThrow(
      'my-vllm sent a model listing that cannot be read: (root): Invalid input: expected object, received string',
    );
  });

  it('rejects a listing it cannot read with invalid_response', async () => {
    server.injectFault({ type: 'status', status: 200, body: { models: [] } });
    const failure = await create()
      .listModels()
      .catch((error) => error);
    expect(failure).toMatchObject({ kind: 'invalid_response' });
    expect((failure as Error).message).toBe(
      'my-vllm sent a model listing that cannot be read: data: Invalid input: expected array, received undefined',
    );
  });
});

describe('loadModel', () => {
  it('loads a declared model without any request', async () => {
    const model = await create({ models: [{ id: 'declared' }] }).loadModel('declared');
    expect(model.identity).toEqual({ providerId: 'my-vllm', modelId: 'declared' });
    expect(server.requests).toHaveLength(0);
  });

  it('loads a discovered model, and rejects an unknown one with not_found', async () => {
    const provider = create();
    await expect(provider.loadModel('served-a')).resolves.toMatchObject({ identity: { modelId: 'served-a' } });
    await expect(provider.loadModel('missing')).rejects.toMatchObject({
      kind: 'not_found',
      modelId: 'missing',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
    await expect(provider.unloadModel('served-a')).resolves.toBeUndefined();
  });

  it('rejects an undeclared model with not_found and no request when discovery is off', async () => {
    const failure = await create({ discover: false, models: [{ id: 'declared' }] })
      .loadModel('served-a')
      .catch((error) => error);
    expect(failure).toMatchObject({ kind: 'not_found', message: 'my-vllm has no model "served-a"' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('healthCheck', () => {
  it('is healthy from the listing alone, with latency on the injected clock', async () => {
    const clock = createFakeClock({ now: 42 });
    const status = await create({ clock }).healthCheck();
    expect(status).toEqual({ status: 'healthy', latencyMs: 0, checkedAt: 42, message: '2 models listed' });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/models']);
  });

  it('asks the server even when the listing is cached, and measures the time on the clock', async () => {
    let now = 0;
    const clock = { now: () => (now += 10), sleep: async () => undefined };
    const provider = create({ clock });
    await provider.listModels();
    // The clock reads 10 (listing cached), 20 (check starts) and 30 (check ends).
    expect(await provider.healthCheck()).toEqual({
      status: 'healthy',
      latencyMs: 10,
      checkedAt: 30,
      message: '2 models listed',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('is unhealthy, not rejected, when the server fails or is unreachable', async () => {
    server.injectFault({ type: 'status', status: 500, body: { error: { message: 'boom' } } });
    expect(await create().healthCheck()).toMatchObject({
      status: 'unhealthy',
      errorKind: 'unavailable',
      message: 'my-vllm answered 500 (boom)',
    });
    const port = await findClosedPort();
    const unreachable = await createCustomProvider({
      name: 'gone',
      baseURL: `http://127.0.0.1:${port}/v1`,
    }).healthCheck();
    expect(unreachable).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
  });

  it('counts a 404 as an answer when discovery is off (the server may have no listing), but not otherwise', async () => {
    let now = 1000;
    const clock = { now: () => (now += 5), sleep: async () => undefined };
    server.injectFault({ type: 'status', status: 404, body: { error: { message: 'no route' } } }, { times: 2 });
    const withoutDiscovery = await create({ clock, discover: false, models: [{ id: 'declared' }] }).healthCheck();
    // The clock reads 1005 (check starts), 1010 and 1015 (Retry-After references of the two error
    // classifications), 1020 (check ends).
    expect(withoutDiscovery).toEqual({
      status: 'healthy',
      latencyMs: 15,
      checkedAt: 1020,
      message: 'my-vllm answered (it has no model listing)',
    });
    expect(await create().healthCheck()).toMatchObject({ status: 'unhealthy', errorKind: 'not_found' });
    server.injectFault({ type: 'status', status: 500, body: { error: { message: 'boom' } } });
    const failing = await create({ clock, discover: false, models: [{ id: 'declared' }] }).healthCheck();
    expect(failing).toEqual({
      status: 'unhealthy',
      latencyMs: 15,
      checkedAt: 1040,
      message: 'my-vllm answered 500 (boom)',
      errorKind: 'unavailable',
    });
  });

  it('rejects with aborted when the caller aborts', async () => {
    await expect(create().healthCheck({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('several custom providers', () => {
  it('coexist with distinct ids, settings and model identities', async () => {
    const vllm = create({ name: 'gpu-box.vllm', locality: 'local' });
    const hosted = create({ name: 'hosted', models: [{ id: 'served-a', pricing: { inputPerToken: 0.000001 } }] });
    const [fromVllm] = await vllm.listModels();
    const [fromHosted] = await hosted.listModels();
    expect(fromVllm).toMatchObject({ providerId: 'gpu-box.vllm', locality: 'local', pricing: { inputPerToken: null } });
    expect(fromHosted).toMatchObject({
      providerId: 'hosted',
      locality: 'remote',
      pricing: { inputPerToken: 0.000001 },
    });
    const answer = await (await hosted.loadModel('served-a')).generate(hello);
    expect(answer.model).toEqual({ providerId: 'hosted', modelId: 'served-a' });
  });
});
