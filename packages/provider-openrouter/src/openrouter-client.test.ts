import { inspect } from 'node:util';
import { startOpenRouterFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenRouterConnection, missingKeyError, resolveApiKey } from './openrouter-client';

describe('resolveApiKey', () => {
  it('prefers the option, then a non-empty environment value', () => {
    expect(resolveApiKey('from-option', 'from-env')).toBe('from-option');
    expect(resolveApiKey(undefined, 'from-env')).toBe('from-env');
    expect(resolveApiKey(undefined, undefined)).toBeUndefined();
    expect(resolveApiKey(undefined, '')).toBeUndefined();
    expect(resolveApiKey(undefined, '  ')).toBeUndefined();
  });
});

describe('missingKeyError', () => {
  it('is a non-retryable auth error naming both ways to give a key', () => {
    const error = missingKeyError('openrouter');
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerId: 'openrouter' });
    expect(error.message).toBe('No OpenRouter API key: pass apiKey to createOpenRouter() or set OPENROUTER_API_KEY');
  });
});

describe('createOpenRouterConnection', () => {
  let server: Awaited<ReturnType<typeof startOpenRouterFake>>;
  beforeAll(async () => {
    server = await startOpenRouterFake({ models: [{ id: 'a' }] });
  });
  afterAll(() => server.close());
  afterEach(() => server.reset());

  function connection(apiKey: string | undefined, environment: { value: string | undefined }) {
    return createOpenRouterConnection({
      providerId: 'openrouter',
      apiKey,
      readEnvironmentKey: () => environment.value,
      baseURL: server.baseURL,
      headers: { 'X-Title': 'Test app' },
      fetch: undefined,
      timeoutMs: 5000,
    });
  }

  it('reads no key until a client is asked for', () => {
    let reads = 0;
    createOpenRouterConnection({
      providerId: 'openrouter',
      apiKey: undefined,
      readEnvironmentKey: () => {
        reads += 1;
        return 'k';
      },
      baseURL: server.baseURL,
      headers: {},
      fetch: undefined,
      timeoutMs: 1000,
    });
    expect(reads).toBe(0);
  });

  it('throws the missing-key error only when a key is required', () => {
    const connect = connection(undefined, { value: undefined });
    expect(() => connect.client(true)).toThrow('pass apiKey to createOpenRouter() or set OPENROUTER_API_KEY');
    expect(connect.client(false)).toBeDefined();
    expect(connect.secrets()).toEqual([]);
  });

  it('sends no Authorization header without a key, and the bearer key once there is one', async () => {
    const environment = { value: undefined as string | undefined };
    const connect = connection(undefined, environment);
    await connect.client(false).get('/models');
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers['x-title']).toBe('Test app');
    environment.value = 'sk-or-v1-set-later';
    await connect.client(true).get('/models');
    expect(server.requests[1]?.headers.authorization).toBe('Bearer sk-or-v1-set-later');
    expect(connect.secrets()).toEqual(['sk-or-v1-set-later']);
  });

  it('reuses the client while the key stays the same, and replaces it when the key changes', () => {
    const environment = { value: 'first-key' as string | undefined };
    const connect = connection(undefined, environment);
    const first = connect.client(true);
    expect(connect.client(true)).toBe(first);
    environment.value = 'second-key';
    expect(connect.client(true)).not.toBe(first);
  });

  it('keeps the key out of the connection object', () => {
    const connect = connection('sk-or-v1-hidden-key', { value: undefined });
    connect.client(true);
    expect(JSON.stringify(connect)).not.toContain('sk-or-v1-hidden-key');
    expect(inspect(connect, { depth: 8 })).not.toContain('sk-or-v1-hidden-key');
  });
});
