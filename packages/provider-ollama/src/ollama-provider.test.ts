import { inspect } from 'node:util';
import { ConfigError, isErrorOfKind } from '@modelyard/core';
import { createFakeClock, findClosedPort, type OllamaFake, startOllamaFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOllama, ollama } from './ollama-provider';
import type { OllamaSettings } from './ollama-settings';

const OUT_OF_MEMORY = 'model requires more system memory (40.1 GiB) than is available (15.2 GiB)';
let server: OllamaFake;

beforeAll(async () => {
  server = await startOllamaFake({
    models: [
      {
        name: 'llama3.2:1b',
        size: 1_321_098_329,
        parameterSize: '1.2B',
        quantizationLevel: 'Q8_0',
        contextLength: 131_072,
        blockCount: 16,
        parameterCount: 1_235_814_432,
        capabilities: ['completion', 'tools'],
      },
      { name: 'nomic-embed-text:latest', family: 'nomic-bert', contextLength: 2048, capabilities: ['embedding'] },
      { name: 'big:70b', loadError: OUT_OF_MEMORY },
    ],
    pullable: [{ name: 'tiny:1m', size: 1000 }],
  });
});
afterAll(() => server.close());
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});

const create = (settings: OllamaSettings = {}) => createOllama({ host: server.host, ...settings });
const paths = () => server.requests.map((request) => `${request.method} ${request.path}`);
const bodies = (path: string) =>
  server.requests.filter((request) => request.path === path).map((request) => request.body as Record<string, unknown>);

describe('createOllama', () => {
  it('does no I/O when created, and declares what Ollama supports', () => {
    const provider = create({ id: 'ollama.gpu-box' });
    expect(provider).toMatchObject({ id: 'ollama.gpu-box', kind: 'ollama', specificationVersion: 'v1' });
    expect(provider.supports).toMatchObject({ streaming: true, pull: true, loadUnload: true, tools: false });
    expect(provider.supports.generationOptions).toHaveLength(9);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects bad settings with a ConfigError naming the field', () => {
    expect(() => createOllama({ host: 'ftp://box' })).toThrow(/host: expected an Ollama address/);
    expect(() => createOllama({ timeoutMs: 0 })).toThrow(/timeoutMs: expected a number ≥ 1/);
    expect(() => createOllama({ id: 'Bad Id' })).toThrow(ConfigError);
  });

  it('exports a default instance with the id "ollama"', () => {
    expect(ollama.id).toBe('ollama');
  });
});

describe('listModels', () => {
  it('lists installed models with what /api/show says, and which are loaded', async () => {
    const provider = create();
    await provider.loadModel('llama3.2:1b', { contextLength: 8192 });
    server.reset();
    const models = await provider.listModels();
    expect(models.map((model) => model.modelId)).toEqual(['llama3.2:1b', 'nomic-embed-text:latest', 'big:70b']);
    const [llama, embed] = models;
    expect(llama).toMatchObject({
      providerId: 'ollama',
      locality: 'local',
      contextLength: 131_072,
      isFree: true,
      isLoaded: true,
      capabilities: ['chat', 'streaming', 'json', 'structured_output', 'tools', 'long_context'],
      weights: {
        sizeBytes: 1_321_098_329,
        parameterCount: 1_235_814_432,
        quantization: 'Q8_0',
        family: 'llama',
        format: 'gguf',
        memoryEstimates: [{ contextLength: 8192, ramBytes: 1_321_098_329, vramBytes: 1_321_098_329 }],
      },
    });
    expect(llama?.providerMetadata.loaded).toMatchObject({ contextLength: 8192, vramBytes: 1_321_098_329 });
    expect(embed).toMatchObject({ isLoaded: false, contextLength: 2048, capabilities: ['embeddings'] });
    expect(paths().filter((path) => path === 'POST /api/show')).toHaveLength(3);
  });

  it('caches the listing for the TTL, and asks /api/show again only for a new digest', async () => {
    const clock = createFakeClock({ now: 1_000 });
    const provider = create({ clock, cacheTtlMs: 10_000 });
    await provider.listModels();
    await provider.listModels();
    expect(paths().filter((path) => path === 'GET /api/tags')).toHaveLength(1);
    await clock.advance(10_000);
    await provider.listModels();
    expect(paths().filter((path) => path === 'GET /api/tags')).toHaveLength(2);
    expect(paths().filter((path) => path === 'GET /api/ps')).toHaveLength(2);
    // The digests did not change: /api/show was asked once per model.
    expect(paths().filter((path) => path === 'POST /api/show')).toHaveLength(3);
    await provider.listModels({ refresh: true });
    expect(paths().filter((path) => path === 'GET /api/tags')).toHaveLength(3);
    await provider.dispose();
    await provider.listModels();
    expect(paths().filter((path) => path === 'POST /api/show')).toHaveLength(6);
  });

  it('asks /api/show again when a digest changes, and forgets answers for digests no longer listed', async () => {
    let digest = 'a'.repeat(64);
    const changingDigests: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/tags')) return response;
      const body = (await response.json()) as { models: Record<string, unknown>[] };
      return Response.json({ models: body.models.map((model) => ({ ...model, digest })) });
    };
    const provider = create({ fetch: changingDigests, cacheTtlMs: 0 });
    const shows = () => paths().filter((path) => path === 'POST /api/show').length;
    await provider.listModels();
    await provider.listModels();
    expect(shows()).toBe(3);
    digest = 'b'.repeat(64);
    await provider.listModels();
    expect(shows()).toBe(6);
    // The answers for digest "a" were dropped when "b" replaced it.
    digest = 'a'.repeat(64);
    await provider.listModels();
    expect(shows()).toBe(9);
  });

  it('caches nothing with cacheTtlMs 0', async () => {
    const provider = create({ cacheTtlMs: 0 });
    await provider.listModels();
    await provider.listModels();
    expect(paths().filter((path) => path === 'GET /api/tags')).toHaveLength(2);
  });

  it('still lists a model /api/show fails for, and unknown loaded-ness when /api/ps fails', async () => {
    server.injectFault({ type: 'status', status: 500, body: { error: 'boom' } }, { path: '/api/show' });
    server.injectFault({ type: 'status', status: 500, body: { error: 'ps down' } }, { path: '/api/ps' });
    const models = await create().listModels();
    expect(models).toHaveLength(3);
    const failed = models.filter((model) => model.providerMetadata.showError !== undefined);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.contextLength).toBeNull();
    expect(failed[0]?.providerMetadata.showError).toMatch(/HTTP 500: boom/);
    expect(models.every((model) => model.isLoaded === null)).toBe(true);
  });

  it('fails as a whole when /api/tags fails, and reads a garbled listing as invalid_response', async () => {
    server.injectFault({ type: 'status', status: 503, body: { error: 'busy' } }, { path: '/api/tags' });
    await expect(create().listModels()).rejects.toMatchObject({ kind: 'unavailable', statusCode: 503 });
    server.injectFault({ type: 'malformed' }, { path: '/api/tags' });
    await expect(create().listModels()).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('rejects with aborted for an aborted signal, before any request', async () => {
    await expect(create().listModels({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('loadModel and unloadModel', () => {
  it('warms the model with an empty generate, sending the context window, GPU layers and keep-alive', async () => {
    const provider = create({ keepAliveMs: 300_000 });
    const model = await provider.loadModel('llama3.2:1b', { contextLength: 8192, gpuOffload: 0.5 });
    expect(model.identity).toEqual({ providerId: 'ollama', modelId: 'llama3.2:1b' });
    // 16 blocks + the output layer: half of 17 layers, rounded, is 9 (asked of /api/show).
    expect(bodies('/api/generate')).toEqual([
      {
        model: 'llama3.2:1b',
        prompt: '',
        stream: false,
        keep_alive: '300000ms',
        options: { num_ctx: 8192, num_gpu: 9 },
      },
    ]);
    await model.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(bodies('/api/chat')[0]).toMatchObject({ keep_alive: '300000ms', options: { num_ctx: 8192, num_gpu: 9 } });
  });

  it('maps gpuOffload "off" and 0 to no GPU layers, "auto" to the server choice; keepAliveMs overrides the setting', async () => {
    const provider = create({ keepAliveMs: 300_000 });
    await provider.loadModel('llama3.2:1b', { gpuOffload: 'off', keepAliveMs: 0 });
    await provider.loadModel('llama3.2:1b', { gpuOffload: 0 });
    await provider.loadModel('llama3.2:1b', { gpuOffload: 'auto' });
    expect(bodies('/api/generate').map((body) => [body.options, body.keep_alive])).toEqual([
      [{ num_gpu: 0 }, 0],
      [{ num_gpu: 0 }, '300000ms'],
      [undefined, '300000ms'],
    ]);
    expect(paths()).not.toContain('POST /api/show');
  });

  it('cannot apply a GPU fraction when the server does not say how many layers there are', async () => {
    const fake = await startOllamaFake({ models: [{ name: 'odd:1b' }] });
    const inner = vi.fn<typeof fetch>(async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/show')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, model_info: {} });
    });
    try {
      const provider = createOllama({ host: fake.host, fetch: inner });
      await expect(provider.loadModel('odd:1b', { gpuOffload: 0.5 })).rejects.toMatchObject({
        kind: 'bad_request',
        message: expect.stringContaining('pass "auto" or "off"'),
      });
    } finally {
      await fake.close();
    }
  });

  it('rejects bad load options with a ConfigError, and an unknown model with not_found', async () => {
    const provider = create();
    await expect(provider.loadModel('llama3.2:1b', { contextLength: 0 })).rejects.toThrow(/contextLength/);
    await expect(provider.loadModel('llama3.2:1b', { gpuOffload: 2 })).rejects.toThrow(/gpuOffload/);
    const missing = await provider.loadModel('no-such:model').catch((error: unknown) => error);
    expect(missing).toMatchObject({ kind: 'not_found', statusCode: 404, retryable: false, modelId: 'no-such:model' });
  });

  it('reports a model that does not fit in memory as unavailable, in the server words', async () => {
    const failure = await create()
      .loadModel('big:70b')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'unavailable', statusCode: 500, modelId: 'big:70b' });
    expect((failure as Error).message).toBe(
      `ollama (model big:70b) cannot run the model, not enough memory (HTTP 500): ${OUT_OF_MEMORY}`,
    );
  });

  it('unloads with keep_alive 0, and the listing sees it at once', async () => {
    const provider = create();
    await provider.loadModel('llama3.2:1b');
    expect((await provider.listModels()).find((model) => model.modelId === 'llama3.2:1b')?.isLoaded).toBe(true);
    await provider.unloadModel('llama3.2:1b');
    expect(bodies('/api/generate').at(-1)).toEqual({ model: 'llama3.2:1b', prompt: '', stream: false, keep_alive: 0 });
    expect(server.loadedModels).not.toContain('llama3.2:1b');
    expect((await provider.listModels()).find((model) => model.modelId === 'llama3.2:1b')?.isLoaded).toBe(false);
  });

  it('honours an aborted signal at load and unload', async () => {
    const provider = create();
    await expect(provider.loadModel('llama3.2:1b', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
    await expect(provider.unloadModel('llama3.2:1b', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('healthCheck and serverVersion', () => {
  it('asks the version endpoint only', async () => {
    const clock = createFakeClock({ now: 5_000 });
    const status = await create({ clock }).healthCheck();
    expect(status).toEqual({ status: 'healthy', latencyMs: 0, checkedAt: 5_000, message: 'Ollama 0.12.0' });
    expect(paths()).toEqual(['GET /api/version']);
    expect(await create().serverVersion()).toBe('0.12.0');
  });

  it('reports an HTTP failure as unhealthy with its kind, and rethrows an abort', async () => {
    server.injectFault({ type: 'status', status: 503, body: { error: 'starting' } }, { path: '/api/version' });
    expect(await create().healthCheck()).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
    await expect(create().healthCheck({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('when Ollama is not running', () => {
  it('fails fast and clearly with unavailable, for every call, without hanging', async () => {
    const port = await findClosedPort();
    const provider = createOllama({ host: `http://127.0.0.1:${port}` });
    const startedAt = Date.now();
    const status = await provider.healthCheck();
    expect(status).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
    expect(status.message).toBe(
      `Ollama at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED): is it running? Start it with "ollama serve"`,
    );
    for (const call of [
      () => provider.listModels(),
      () => provider.loadModel('llama3.2:1b'),
      () => provider.unloadModel('llama3.2:1b'),
      () => provider.pullModel('tiny:1m'),
    ]) {
      const failure = await call().catch((error: unknown) => error);
      expect(isErrorOfKind(failure, 'unavailable')).toBe(true);
      expect((failure as Error & { retryable: boolean }).retryable).toBe(true);
    }
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('times out on a server that accepts the connection but says nothing', async () => {
    server.injectFault({ type: 'stall' }, { path: '/api/tags' });
    const startedAt = Date.now();
    await expect(create({ timeoutMs: 200 }).listModels()).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });
});

describe('host, OLLAMA_HOST and headers', () => {
  it('reads OLLAMA_HOST at each request, not at creation', async () => {
    vi.stubEnv('OLLAMA_HOST', 'http://127.0.0.1:1');
    const provider = createOllama();
    vi.stubEnv('OLLAMA_HOST', server.host);
    expect(await provider.serverVersion()).toBe('0.12.0');
    vi.stubEnv('OLLAMA_HOST', `127.0.0.1:${server.port}`);
    expect(await provider.serverVersion()).toBe('0.12.0');
  });

  it('reports a bad OLLAMA_HOST as a ConfigError naming the variable', async () => {
    vi.stubEnv('OLLAMA_HOST', 'ftp://nowhere');
    const failure = await createOllama()
      .serverVersion()
      .catch((error: unknown) => error);
    expect(ConfigError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/OLLAMA_HOST: expected an Ollama address/);
    const status = await createOllama().healthCheck();
    expect(status).toMatchObject({ status: 'unhealthy', errorKind: 'bad_request' });
  });

  it('sends the extra headers, through an injected fetch, and keeps secret ones out of errors and the provider', async () => {
    const seen: string[] = [];
    const observing: typeof fetch = async (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const token = 'Bearer proxy-secret-0123456789';
    const provider = create({ fetch: observing, headers: { Authorization: token, 'X-Tenant': 'lab' } });
    await provider.serverVersion();
    expect(seen).toEqual([`${server.host}/api/version`]);
    expect(server.requests[0]?.headers).toMatchObject({ authorization: token, 'x-tenant': 'lab' });
    server.injectFault({ type: 'status', status: 401, body: { error: `bad token ${token}` } }, { path: '/api/chat' });
    const model = await provider.loadModel('llama3.2:1b');
    const failure = await model.generate({ messages: [{ role: 'user', content: 'hi' }] }).catch((error) => error);
    expect(failure).toMatchObject({ kind: 'auth', statusCode: 401 });
    expect(JSON.stringify(failure)).not.toContain('proxy-secret-0123456789');
    expect(inspect(failure)).not.toContain('proxy-secret-0123456789');
    expect(JSON.stringify(provider)).not.toContain('proxy-secret');
  });

  it('keeps OLLAMA_API_KEY (which the client sends to ollama.com by itself) out of errors', async () => {
    vi.stubEnv('OLLAMA_API_KEY', 'ollama-cloud-key-0123456789');
    server.injectFault(
      { type: 'status', status: 500, body: { error: 'key ollama-cloud-key-0123456789 rejected' } },
      { path: '/api/version' },
    );
    const status = await create().healthCheck();
    expect(status.message).toContain('[REDACTED]');
    expect(status.message).not.toContain('ollama-cloud-key-0123456789');
  });

  it('sends credentials written into the host as Basic authorization, and never shows them', async () => {
    await createOllama({ host: `http://user:hunter2secret@127.0.0.1:${server.port}` }).serverVersion();
    // base64("user:hunter2secret")
    expect(server.requests[0]?.headers.authorization).toBe('Basic dXNlcjpodW50ZXIyc2VjcmV0');
    const port = await findClosedPort();
    const status = await createOllama({ host: `http://user:hunter2secret@127.0.0.1:${port}` }).healthCheck();
    expect(status.message).toContain(`Ollama at http://127.0.0.1:${port} cannot be reached`);
    expect(status.message).not.toContain('hunter2secret');
  });
});
