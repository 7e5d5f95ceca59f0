import { type FakeServer, startFakeServer } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OllamaStreamCutError } from './ollama-ndjson';
import {
  createCallTransport,
  errorMessageOfBody,
  OllamaHttpError,
  OllamaSilenceTimeoutError,
} from './ollama-transport';

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer({
    routes: [
      { method: 'GET', path: '/json', handle: (_request, respond) => respond.json(200, { version: '1' }) },
      {
        method: 'GET',
        path: '/lines',
        handle: (_request, respond) =>
          respond.stream('application/x-ndjson', ['{"a":1}\n', '{"done":true}\n'], { malformedPiece: '{' }),
      },
      {
        method: 'GET',
        path: '/cut',
        handle: (_request, respond) => respond.stream('application/x-ndjson', ['{"a":1}\n'], { malformedPiece: '{' }),
      },
      {
        method: 'GET',
        path: '/limited',
        handle: (_request, respond) =>
          respond.json(429, { error: 'slow down' }, { 'retry-after': '3', 'x-request-id': 'r-1' }),
      },
    ],
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const transport = (timeoutMs = 5_000, signal?: AbortSignal) =>
  createCallTransport({ fetch: globalThis.fetch, signal, timeoutMs });

describe('createCallTransport', () => {
  it('passes a JSON answer through', async () => {
    const call = transport();
    const response = await call.fetch(`${server.url}/json`);
    expect(await response.json()).toEqual({ version: '1' });
    call.close();
    call.close();
  });

  it('turns an HTTP error into an OllamaHttpError with the server words and headers', async () => {
    const failure = await transport()
      .fetch(`${server.url}/limited`)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OllamaHttpError);
    const error = failure as OllamaHttpError;
    expect([error.status, error.serverMessage, error.headers.get('retry-after')]).toEqual([429, 'slow down', '3']);
    expect(error.message).toBe('HTTP 429: slow down');
    expect(new OllamaHttpError(500, '', new Headers()).message).toBe('HTTP 500');
  });

  it('guards NDJSON bodies: whole lines pass, a body without its last line fails as cut', async () => {
    expect(await (await transport().fetch(`${server.url}/lines`)).text()).toBe('{"a":1}\n{"done":true}\n');
    await expect((await transport().fetch(`${server.url}/cut`)).text()).rejects.toBeInstanceOf(OllamaStreamCutError);
  });

  it('times out when the server says nothing, before or during the answer', async () => {
    server.injectFault({ type: 'stall' });
    const call = transport(100);
    const response = await call.fetch(`${server.url}/json`);
    await expect(response.text()).rejects.toBeInstanceOf(OllamaSilenceTimeoutError);
  });

  it('aborts with the caller signal, and with close()', async () => {
    server.injectFault({ type: 'stall' });
    const controller = new AbortController();
    const response = await transport(5_000, controller.signal).fetch(`${server.url}/json`);
    controller.abort();
    await expect(response.text()).rejects.toMatchObject({ name: 'AbortError' });
    server.injectFault({ type: 'stall' });
    const call = transport();
    const stalled = await call.fetch(`${server.url}/json`);
    call.close();
    await expect(stalled.text()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails a request to a closed connection with the fetch error', async () => {
    server.injectFault({ type: 'reset' });
    await expect(transport().fetch(`${server.url}/json`)).rejects.toBeInstanceOf(TypeError);
  });
});

describe('errorMessageOfBody', () => {
  it("reads Ollama's { error }, a proxy's { error: { message } }, or the text itself", () => {
    expect(errorMessageOfBody('{"error":"model \'x\' not found"}')).toBe("model 'x' not found");
    expect(errorMessageOfBody('{"error":{"message":"Invalid API key"}}')).toBe('Invalid API key');
    expect(errorMessageOfBody('  Bad Gateway  ')).toBe('Bad Gateway');
    expect(errorMessageOfBody('{"detail":"nope"}')).toBe('{"detail":"nope"}');
    expect(errorMessageOfBody('x'.repeat(400))).toHaveLength(300);
    expect(errorMessageOfBody('')).toBe('');
  });
});
