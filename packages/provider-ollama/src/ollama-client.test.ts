import { describe, expect, it } from 'vitest';
import { createOllamaConnection, withCall } from './ollama-client';

describe('createOllamaConnection', () => {
  it('redacts the values of secret-named headers and the credentials of the host, not the others', () => {
    const connection = createOllamaConnection({
      host: () => 'http://me:s3cret-pass@proxy:8080',
      headers: { Authorization: 'Bearer abc-123-456', 'X-Api-Key': 'key-789', 'X-Tenant': 'lab' },
      fetch: undefined,
      timeoutMs: 1000,
    });
    // base64("me:s3cret-pass")
    expect(connection.secrets()).toEqual([
      'Bearer abc-123-456',
      'abc-123-456',
      'key-789',
      's3cret-pass',
      'bWU6czNjcmV0LXBhc3M=',
    ]);
  });

  it('has no host secrets when the host cannot be read', () => {
    const connection = createOllamaConnection({
      host: () => {
        throw new Error('bad OLLAMA_HOST');
      },
      headers: {},
      fetch: undefined,
      timeoutMs: 1000,
    });
    expect(connection.secrets()).toEqual([]);
    expect(() => connection.open(undefined)).toThrow('bad OLLAMA_HOST');
  });

  it('sends host credentials as Basic authorization unless the headers say otherwise', async () => {
    const sent: Headers[] = [];
    const recording: typeof fetch = async (_input, init) => {
      sent.push(new Headers(init?.headers));
      return Response.json({ version: '1' });
    };
    const open = (headers: Record<string, string>) =>
      createOllamaConnection({ host: () => 'http://me:pw@box:1', headers, fetch: recording, timeoutMs: 1000 });
    await withCall(open({}), undefined, ({ client }) => client.version());
    await withCall(open({ Authorization: 'Bearer mine' }), undefined, ({ client }) => client.version());
    // base64("me:pw")
    expect(sent.map((headers) => headers.get('authorization'))).toEqual(['Basic bWU6cHc=', 'Bearer mine']);
  });

  it('closes the call when the action fails: its requests are cut', async () => {
    let requestSignal: AbortSignal | undefined;
    const connection = createOllamaConnection({
      host: () => 'http://box:1',
      headers: {},
      fetch: async (_input, init) => {
        requestSignal = init?.signal ?? undefined;
        return Response.json({ version: '1' });
      },
      timeoutMs: 1000,
    });
    await expect(
      withCall(connection, undefined, async ({ client }) => {
        await client.version();
        throw new Error('action failed');
      }),
    ).rejects.toThrow('action failed');
    expect(requestSignal?.aborted).toBe(true);
  });
});
