import { inspect } from 'node:util';
import { startOpenAICompatibleFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCustomConnection } from './custom-client';

describe('createCustomConnection', () => {
  let server: Awaited<ReturnType<typeof startOpenAICompatibleFake>>;
  beforeAll(async () => {
    server = await startOpenAICompatibleFake({ models: [{ id: 'a' }] });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.reset();
    vi.unstubAllEnvs();
  });

  const connection = (apiKey: string | undefined) =>
    createCustomConnection({
      apiKey,
      baseURL: server.baseURL,
      headers: { 'X-Lab': '1' },
      fetch: undefined,
      timeoutMs: 5000,
    });

  it('creates one client, at the first request', () => {
    const connect = connection(undefined);
    expect(connect.client()).toBe(connect.client());
  });

  it('sends the key as a bearer token, or no Authorization header without one', async () => {
    await connection('sk-local-key-123').client().get('/models');
    await connection(undefined).client().get('/models');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-local-key-123');
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
    expect(server.requests[1]?.headers['x-lab']).toBe('1');
  });

  it('reports the key as the secret to redact', () => {
    expect(connection('sk-local-key-123').secrets()).toEqual(['sk-local-key-123']);
    expect(connection(undefined).secrets()).toEqual([]);
  });

  it('keeps the key out of the connection object', () => {
    const connect = connection('sk-local-hidden-key');
    connect.client();
    expect(JSON.stringify(connect)).not.toContain('sk-local-hidden-key');
    expect(inspect(connect, { depth: 8 })).not.toContain('sk-local-hidden-key');
  });

  it('ignores OPENAI_* variables meant for OpenAI itself', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-openai-should-not-be-sent');
    vi.stubEnv('OPENAI_ORG_ID', 'org-should-not-be-sent');
    await connection(undefined).client().get('/models');
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers['openai-organization']).toBeUndefined();
  });
});
